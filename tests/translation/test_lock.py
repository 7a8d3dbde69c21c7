"""The translation lock (translation/lock.py): mark-outdated records, deterministic bytes, a broken
lock as a located error."""

from __future__ import annotations

import json

import pytest

from helpcenter.translation.lock import LOCK_FILE
from support.project_tools import run_cli, snapshot


def status_json(capsys: pytest.CaptureFixture[str], project) -> dict:
    code, out, _ = run_cli(capsys, project, "status", "--format", "json")
    assert code == 0
    return json.loads(out)


def test_mark_outdated_records_a_translation_made_from_another_text(marked_project, capsys):
    code, out, _ = run_cli(
        capsys,
        marked_project,
        "mark-outdated",
        "no-guides",
        "--language",
        "en",
        "--note",
        "the en answer adds a sentence",
    )
    assert code == 0 and "en: question 'no-guides' marked outdated" in out
    lock = json.loads((marked_project / "faq_source" / LOCK_FILE).read_text("utf-8"))
    assert lock["entries"]["no-guides"]["en"] == {
        "from": "ko",
        "hash": None,
        "note": "the en answer adds a sentence",
    }
    [item] = status_json(capsys, marked_project)["languages"]["en"]["outdated"]
    assert (
        "made from another ko text than the current one (the en answer adds a sentence)"
        in (item["message"])
    )


def test_the_lock_is_deterministic_and_an_unchanged_run_writes_nothing(marked_project, capsys):
    lock = marked_project / "faq_source" / LOCK_FILE
    text = lock.read_text("utf-8")
    assert text.endswith("}\n") and list(json.loads(text)) == ["about", "entries", "guides"]
    before = snapshot(marked_project)
    code, out, _ = run_cli(capsys, marked_project, "mark-current", "--all")
    assert code == 0 and "nothing to change" in out
    assert run_cli(capsys, marked_project)[0] == 0
    assert run_cli(capsys, marked_project, "status")[0] == 0
    assert snapshot(marked_project) == before


def test_a_broken_lock_is_a_located_error(marked_project, capsys):
    (marked_project / "faq_source" / LOCK_FILE).write_text('{"entries": {\n  "x": [}\n', "utf-8")
    code, _, err = run_cli(capsys, marked_project, "status")
    assert code == 1
    assert err.startswith(f"faq_source/{LOCK_FILE}:2:9: not valid JSON"), err
