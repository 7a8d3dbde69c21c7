"""The generator never writes over a hand-written page: pages without its marker are kept, one in
the way of a generated page stops the run, a generated page edited by hand is reported (until
--force), and the hand-written pages listed in site.yaml must exist."""

from __future__ import annotations

from pathlib import Path

from helpcenter.cli import main
from support.project_tools import edit, snapshot


def run(project: Path, *args: str) -> int:
    return main([*args, "--root", str(project)])


def test_hand_written_pages_are_kept(project: Path, capsys):
    notice = project / "docs" / "ko" / "notice.md"
    notice.write_text("# 공지\n\n손으로 쓴 페이지입니다.\n", "utf-8")
    assert run(project) == 0
    assert notice.read_text("utf-8") == "# 공지\n\n손으로 쓴 페이지입니다.\n"


def test_a_hand_written_file_in_the_way_is_never_overwritten(project: Path, capsys):
    faq = project / "docs" / "en" / "faq.md"
    faq.write_text("# My own FAQ\n", "utf-8")
    edit(project / "faq_source" / "faq.yaml", "What will happen", "What happens")
    before = snapshot(project / "docs")
    assert run(project) == 1
    assert "docs/en/faq.md: a file not made by the generator" in capsys.readouterr().err
    assert snapshot(project / "docs") == before


def test_a_hand_edited_generated_page_is_reported_not_overwritten(project: Path, capsys):
    faq = project / "docs" / "en" / "faq.md"
    faq.write_text(faq.read_text("utf-8").replace("Frequently", "Very frequently"), "utf-8")
    edit(project / "faq_source" / "faq.yaml", "What will happen", "What happens")
    before = snapshot(project / "docs")
    assert run(project) == 1
    assert "docs/en/faq.md: this generated page was edited by hand" in capsys.readouterr().err
    assert snapshot(project / "docs") == before
    assert run(project, "--force") == 0
    assert "Very frequently" not in faq.read_text("utf-8")


def test_a_listed_hand_written_page_must_exist(project: Path, capsys):
    site_yaml = project / "faq_source" / "site.yaml"
    text = site_yaml.read_text("utf-8") + "extra_pages:\n  - notice.md\n  - faq.md\n"
    site_yaml.write_text(text, "utf-8")
    line = text.count("\n") - 1
    before = snapshot(project / "docs")
    assert run(project) == 1
    err = capsys.readouterr().err
    assert f"faq_source/site.yaml:{line}:5: extra_pages[0]: no page docs/ko/notice.md" in err
    assert f"faq_source/site.yaml:{line + 1}:5: extra_pages[1]: 'faq.md' is a generated" in err
    assert snapshot(project / "docs") == before
