"""Pictures in the translation workflow: an alt text is translated like any text (the lock hashes
it, PO export offers it, import writes it), and a translation added through a PO has no
picture of its own yet (its page shows the original's, with the notice)."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from support.pictures import make_picture
from support.project_tools import copy_basic, edit, run_cli

KO_STEP = ("        - text: 로그인합니다.\n"
           "          image: {file: images/ko/sign-in.png, alt: 로그인 화면}\n")
EN_STEP = ("        - text: Sign in.\n"
           "          image: {file: images/en/sign-in.png, alt: The sign-in screen}\n")


@pytest.fixture
def pictured(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The basic fixture with a picture on the first guide's first step in both languages,
    every translation marked current."""
    project = copy_basic(tmp_path / "project")
    source = project / "faq_source"
    make_picture(source / "images/ko/sign-in.png", width=64, height=40)
    make_picture(source / "images/en/sign-in.png", width=64, height=40, color=(200, 50, 50))
    edit(source / "guides.yaml", "        - 로그인합니다.\n", KO_STEP)
    edit(source / "guides.yaml", "        - Sign in.\n", EN_STEP)
    assert run_cli(capsys, project, "mark-current", "--all")[0] == 0
    return project


def _export(capsys, project: Path, *args: str) -> Path:
    out = project / "po"
    code, _, err = run_cli(capsys, project, "export", "--language", "en", "--out", str(out), *args)
    assert code == 0, err
    return out / "guides.en.po"


def test_alt_text_is_exported_and_imported_like_a_text(pictured: Path, capsys) -> None:
    po = _export(capsys, pictured)
    messages = {e.msgctxt: (e.msgid, e.msgstr) for e in polib.pofile(str(po))}
    assert messages["guides/first/steps/1"] == ("로그인합니다.", "Sign in.")
    assert messages["guides/first/steps/1/image/alt"] == ("로그인 화면", "The sign-in screen")
    catalog = polib.pofile(str(po))
    next(e for e in catalog if e.msgctxt == "guides/first/steps/1/image/alt").msgstr = (
        "The sign-in page")
    catalog.save(str(po))
    code, _, err = run_cli(capsys, pictured, "import", str(po))
    assert code == 0, err
    guides = (pictured / "faq_source" / "guides.yaml").read_text("utf-8")
    assert EN_STEP.replace("The sign-in screen", "The sign-in page") in guides
    assert run_cli(capsys, pictured)[0] == 0
    page = (pictured / "docs" / "en" / "guides" / "first.md").read_text("utf-8")
    assert 'alt="The sign&#45;in page"' in page or 'alt="The sign-in page"' in page


def test_changing_the_original_alt_text_outdates_the_translation(pictured: Path, capsys) -> None:
    edit(pictured / "faq_source" / "guides.yaml", "alt: 로그인 화면", "alt: 새 로그인 화면")
    code, stdout, _ = run_cli(capsys, pictured, "status")
    assert "guides[0].en" in stdout and "outdated" in stdout


def test_a_translation_added_by_import_shows_the_original_picture(pictured: Path, capsys) -> None:
    guides = pictured / "faq_source" / "guides.yaml"
    text = guides.read_text("utf-8")
    start = text.index("    en:\n")
    guides.write_text(text[:start] + text[text.index("  - id: second"):], "utf-8")
    assert run_cli(capsys, pictured, "mark-current", "--all")[0] == 0
    po = _export(capsys, pictured, "--only", "missing")
    catalog = polib.pofile(str(po))
    assert "guides/first/steps/1/image/alt" not in {e.msgctxt for e in catalog}
    for entry in catalog:
        entry.msgstr = {"guides/first/steps/2": "Open **Settings**.\n"}.get(
            entry.msgctxt, f"EN {entry.msgid}")
    catalog.save(str(po))
    code, _, err = run_cli(capsys, pictured, "import", str(po))
    assert code == 0, err
    added = guides.read_text("utf-8")
    assert "        - EN 로그인합니다.\n" in added  # the step's text, without a picture
    assert run_cli(capsys, pictured)[0] == 0
    page = (pictured / "docs" / "en" / "guides" / "first.md").read_text("utf-8")
    assert 'lang="ko"' in page and "*Not translated yet.*" in page
