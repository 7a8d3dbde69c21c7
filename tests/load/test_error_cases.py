"""Every kind of bad source, as data: one file per case in tests/load/error_cases/.

Each case is a change to a copy of the small fixture source (tests/render/goldens/basic, whose
docs/ is generated first) and the generator's exact stderr: every problem line
(``file:line[:column]: field: message``) and the closing count. The test runs the command in
process and requires exit status 1, exactly those lines, no traceback and docs/ untouched.

A case file::

    description: what the case shows (one line)
    file: faq.yaml               # a file of faq_source/
    replace:                     # one of: replace (first occurrence; `old` must be there),
      old: "[first, second]"     #   append (text added at the end), content (the whole new
      new: "[first, secnd]"      #   file), delete: true
    encoding: latin-1            # optional: how the changed file is written (default utf-8)
    expect: |                    # last key: the exact stderr
      faq_source/faq.yaml:3:21: entries[0].guides[1]: unknown guide 'secnd'. Did you mean ...
      1 problem in faq_source/; nothing was written.

Several changes: ``changes:`` holding a list of such changes (each with its ``file``).

Pictures are made at test time, never committed: ``picture: {format: PNG, width: 8, height: 8}``
writes such a file at ``file`` (tests/support/pictures.py; ``pad_to: 600000`` pads it to an exact
size, ``cut: 40`` keeps only its first 40 bytes), and ``symlink: /etc/hostname`` makes ``file`` a
symbolic link. Text files (an SVG) are written with ``content``; folders are made as needed.
After an intended change of the messages, ``pytest tests/load --update-cases`` rewrites every
``expect:`` block from the current output; read the diff.

The fixture is the small basic source rather than a copy of the real faq_source/: line numbers
in the expected lines must not move when writers edit the real questions.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from helpcenter.cli import main
from support.pictures import picture_bytes
from support.project_tools import copy_basic, snapshot

CASES_DIR = Path(__file__).parent / "error_cases"
CASES = sorted(CASES_DIR.glob("*.yaml"))
CHANGE_KEYS = {"file", "replace", "append", "content", "delete", "encoding", "picture", "symlink"}
OPERATIONS = ("replace", "append", "content", "delete", "picture", "symlink")


@pytest.fixture(scope="module")
def generated_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The basic fixture source with its docs/ generated, made once and copied per case."""
    project = copy_basic(tmp_path_factory.mktemp("basic") / "project")
    assert main(["--root", str(project)]) == 0
    return project


def read_case(path: Path) -> dict:
    case = yaml.safe_load(path.read_text("utf-8"))
    assert isinstance(case, dict) and "expect" in case and "description" in case, path
    return case


def changes_of(case: dict) -> list[dict]:
    if "changes" in case:
        return case["changes"]
    return [{key: value for key, value in case.items() if key in CHANGE_KEYS}]


def apply_change(source_dir: Path, change: dict) -> None:
    unknown = set(change) - CHANGE_KEYS
    assert not unknown, f"unknown keys in a change: {sorted(unknown)}"
    path = source_dir / change["file"]
    operations = [key for key in OPERATIONS if key in change]
    assert len(operations) == 1, f"one of {', '.join(OPERATIONS)}: {change}"
    path.parent.mkdir(parents=True, exist_ok=True)
    if change.get("delete"):
        path.unlink()
        return
    if "picture" in change:
        spec = dict(change["picture"])
        cut = spec.pop("cut", None)
        path.write_bytes(picture_bytes(**spec)[:cut])
        return
    if "symlink" in change:
        path.symlink_to(change["symlink"])
        return
    text = path.read_text("utf-8") if path.exists() else ""
    if "replace" in change:
        old, new = change["replace"]["old"], change["replace"]["new"]
        assert old in text, f"{change['file']} does not hold {old!r}"
        text = text.replace(old, new, 1)
    elif "append" in change:
        text += change["append"]
    else:
        text = change["content"]
    path.write_bytes(text.encode(change.get("encoding", "utf-8"), "replace"))


def rewrite_expect(path: Path, err: str) -> None:
    """Replace the ``expect: |`` block (the file's last key) by ``err``."""
    text = path.read_text("utf-8")
    head = text[: text.index("\nexpect:") + 1]
    indicator = "|" if err.endswith("\n") and not err.endswith("\n\n") else "|+"
    block = "".join(f"  {line}\n" if line else "\n" for line in err.rstrip("\n").split("\n"))
    path.write_text(f"{head}expect: {indicator}\n{block}", "utf-8")


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_error_case(path: Path, generated_fixture: Path, tmp_path: Path,
                    capsys: pytest.CaptureFixture[str], update_cases: bool) -> None:
    case = read_case(path)
    project = tmp_path / "project"
    shutil.copytree(generated_fixture, project)
    for change in changes_of(case):
        apply_change(project / "faq_source", change)
    before = snapshot(project / "docs")
    code = main(["--root", str(project)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert snapshot(project / "docs") == before, "docs/ must not change"
    assert code == 1, err
    if update_cases and err != case["expect"]:
        rewrite_expect(path, err)
        case = read_case(path)
    assert err.splitlines() == case["expect"].splitlines()
    assert err == case["expect"]


def test_the_cases_are_well_formed() -> None:
    """Every case file: a description, known change keys, and ``expect`` as its last key."""
    assert len(CASES) >= 40
    for path in CASES:
        case = read_case(path)
        assert set(case) <= CHANGE_KEYS | {"description", "changes", "expect"}, path.name
        assert path.read_text("utf-8").count("\nexpect: |") == 1, path.name
        for change in changes_of(case):
            assert "file" in change, path.name
