"""Freshness of translations (translation/freshness.py): status, the outdated and untranslated
notices, strict mode, mark-current and mark-outdated, a source language per item.

The cases edit the small fixture source of tests/render/goldens/basic, its translations marked
current (the ``marked_project`` fixture); built sites: tests/e2e/test_translations_site.py.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from helpcenter.cli import main
from support.project_tools import BASIC, ROOT, edit, run_cli, snapshot

KO_ANSWER = "{{guide:second}} 가이드를 보세요. 날짜: {{fact:cutoff}}."
EN_NOTICE = "This translation may be out of date. Original:"
EN_BLOCK_OF_SECOND_ENTRY = """    en:
      question: 1. A question without guides
      answer: |
        - item one
        - item two

        See also {{question:plain-text}}.
"""


def status_json(capsys: pytest.CaptureFixture[str], project: Path) -> dict:
    code, out, _ = run_cli(capsys, project, "status", "--format", "json")
    assert code == 0
    return json.loads(out)


def test_a_fresh_source_without_lock_counts_every_translation_as_outdated(tmp_path, capsys):
    project = tmp_path / "project"
    shutil.copytree(BASIC, project / "faq_source")
    data = status_json(capsys, project)
    outdated = data["languages"]["en"]["outdated"]
    assert [(item["kind"], item["id"]) for item in outdated] == [
        ("entry", "plain-text"),
        ("entry", "no-guides"),
        ("guide", "first"),
        ("guide", "second"),
    ]
    assert "never marked current" in outdated[0]["message"]
    assert data["total"] == {"missing": 0, "outdated": 4, "parity": 0}


def test_changing_the_korean_text_outdates_the_english_until_marked_current(
    marked_project, capsys
):
    project = marked_project
    code, out, _ = run_cli(capsys, project, "status", "--strict")
    assert code == 0 and "every translation is current" in out

    edit(
        project / "faq_source" / "faq.yaml",
        KO_ANSWER,
        "두 번째 가이드를 먼저 보세요.\n        " + KO_ANSWER,
    )
    code, out, err = run_cli(capsys, project, "status")
    assert code == 0
    assert out.splitlines()[0] == "en (English): 1 outdated, 0 missing, 0 parity mismatches"
    assert (
        "  faq_source/faq.yaml:10:7: entries[0].en: outdated translation of question "
        "'plain-text': the ko text has changed since it was marked current." in out
    )
    assert out.splitlines()[-1].startswith("Total: 1 outdated, 0 missing, 0 parity mismatches.")
    code, out, err = run_cli(capsys, project, "status", "--strict")
    assert code == 1 and "status --strict: 1 translation problem" in err
    code, _, err = run_cli(capsys, project, "--strict")
    assert code == 1 and err.startswith("faq_source/faq.yaml:10:7: entries[0].en: outdated")

    # The English page says so, and links to the Korean original of the same question.
    assert run_cli(capsys, project)[0] == 0
    en_faq = (project / "docs" / "en" / "faq.md").read_text("utf-8")
    notice = f'> {EN_NOTICE} <a href="../../faq/#plain-text" hreflang="ko" lang="ko">한국어</a>'
    assert notice in en_faq.split("{#no-guides}")[0]
    assert en_faq.count(EN_NOTICE) == 1
    assert EN_NOTICE not in (project / "docs" / "ko" / "faq.md").read_text("utf-8")

    code, out, _ = run_cli(capsys, project, "mark-current", "plain-text")
    assert code == 0 and "en: question 'plain-text' marked current" in out
    code, out, _ = run_cli(capsys, project, "status", "--strict")
    assert code == 0 and "every translation is current" in out
    assert run_cli(capsys, project, "--strict")[0] == 0
    assert EN_NOTICE not in (project / "docs" / "en" / "faq.md").read_text("utf-8")


def test_rewrapping_a_korean_text_does_not_outdate_its_translation(marked_project, capsys):
    edit(
        marked_project / "faq_source" / "faq.yaml",
        "가이드를 보세요. 날짜:",
        "가이드를 보세요.\n        날짜:",
    )
    assert status_json(capsys, marked_project)["total"]["outdated"] == 0


def test_a_guide_and_its_notice(marked_project, capsys):
    edit(marked_project / "faq_source" / "guides.yaml", "- 로그인합니다.", "- 먼저 로그인합니다.")
    data = status_json(capsys, marked_project)
    [item] = data["languages"]["en"]["outdated"]
    assert (item["kind"], item["id"], item["file"], item["line"]) == (
        "guide",
        "first",
        "faq_source/guides.yaml",
        13,
    )
    assert run_cli(capsys, marked_project)[0] == 0
    page = (marked_project / "docs" / "en" / "guides" / "first.md").read_text("utf-8")
    assert f'> {EN_NOTICE} <a href="../../../guides/first/" hreflang="ko"' in page


def test_a_source_language_per_item(marked_project, capsys):
    """An entry written in English: its Korean text is the translation."""
    edit(
        marked_project / "faq_source" / "faq.yaml",
        "    guides: []",
        "    guides: []\n    source_language: en",
    )
    [item] = status_json(capsys, marked_project)["languages"]["ko"]["outdated"]
    assert (item["id"], item["source_language"]) == ("no-guides", "en")
    assert "never marked current" in item["message"]
    assert run_cli(capsys, marked_project, "mark-current", "no-guides")[0] == 0
    assert status_json(capsys, marked_project)["total"]["outdated"] == 0


def test_a_missing_translation_falls_back_and_only_strict_mode_fails(marked_project, capsys):
    """No en text: the English page shows the Korean one with the "not translated" notice;
    status lists it as missing; --strict (build or status) fails with its file:line."""
    path = marked_project / "faq_source" / "faq.yaml"
    path.write_text(path.read_text("utf-8").replace(EN_BLOCK_OF_SECOND_ENTRY, "", 1), "utf-8")
    capsys.readouterr()
    location = "faq_source/faq.yaml:12:5: entries[1].en: missing translation 'en' of 'no-guides'"

    before = snapshot(marked_project / "docs")
    assert main(["--strict", "--root", str(marked_project)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(location) and "nothing was written" in err, err
    assert snapshot(marked_project / "docs") == before

    assert main(["status", "--root", str(marked_project)]) == 0
    out = capsys.readouterr().out
    assert location in out and "1 missing" in out.splitlines()[-1], out
    assert main(["status", "--strict", "--root", str(marked_project)]) == 1
    assert location in capsys.readouterr().out

    assert main(["--root", str(marked_project)]) == 0
    faq = (marked_project / "docs" / "en" / "faq.md").read_text("utf-8")
    fallback = faq.split("{#no-guides lang=\"ko\"}", 1)[1]
    assert fallback.lstrip().startswith("> Not translated yet.")
    assert "- 목록 하나" in fallback


def test_the_real_source_records_the_seed_differences_as_outdated_translations(capsys):
    """Questions 3 and 4 of the seed say different things in Korean and English: the lock
    records their English as made from another Korean text. (When a translator reconciles
    them and runs mark-current, update this test.)"""
    data = json.loads(
        (main(["status", "--format", "json", "--root", str(ROOT)]), capsys.readouterr().out)[1]
    )
    english = data["languages"]["en"]
    assert english["missing"] == []
    assert {item["id"] for item in english["outdated"]} == {"refund-destination", "link-worldfirst"}
    faq = (ROOT / "faq_source" / "faq.yaml").read_text("utf-8")
    assert faq.count("# Translation note:") == 2, "the writers' comments stay"
