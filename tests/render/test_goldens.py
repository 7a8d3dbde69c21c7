"""Golden tests: small fixture sources render to exactly the committed Markdown.

One case per folder of tests/render/goldens/: ``faq_source/`` (the input) and ``expected/`` (every
page under docs/). A case with a ``translations.lock.json`` renders its outdated translations with
the notice, as the generator does; a case without one renders no outdated notice (the lock is
what says a translation is outdated). Cases: ``basic`` (plain text escaping, placeholders, lists),
``categories`` (two categories, one of 51 questions: two pages), ``third-language`` (``ja`` added in
site.yaml alone: every item untranslated), ``untranslated`` (an entry and a guide without their
``en`` block), ``outdated`` (a lock whose hash for one entry and one guide differs), ``pictures``
(steps and answers with pictures in both languages, a fallback to the Korean picture, an
untranslated entry's picture; its ``pictures.yaml`` makes the files at test time).

Regenerate after an intended change with ``pytest tests/render --update-goldens``, then read the
diff: the expected files are the specification.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpcenter import render
from helpcenter.load import load
from helpcenter.translation import freshness
from helpcenter.translation.lock import LOCK_FILE, read_lock
from support.pictures import SPEC_FILE, make_spec_pictures
from support.project_tools import GOLDENS

CASES = sorted(p.name for p in GOLDENS.iterdir() if (p / "faq_source").is_dir())


def render_case(case_dir: Path, scratch: Path | None = None) -> dict[str, str]:
    """The case's pages; a case with pictures is copied into ``scratch`` and its pictures made."""
    if (case_dir / SPEC_FILE).is_file():
        assert scratch is not None, "a case with pictures needs a scratch folder"
        shutil.copytree(case_dir / "faq_source", scratch / "faq_source")
        shutil.copy(case_dir / SPEC_FILE, scratch / SPEC_FILE)
        make_spec_pictures(scratch / "faq_source")
        case_dir = scratch
    center = load(case_dir / "faq_source", case_dir)
    outdated: frozenset[tuple[str, str, str]] = frozenset()
    if (case_dir / "faq_source" / LOCK_FILE).is_file():
        lock, problems = read_lock(case_dir / "faq_source", case_dir)
        assert problems == []
        outdated = freshness.outdated_keys(freshness.status(center, lock))
    return render.render_site(center, outdated)


@pytest.mark.parametrize("case", CASES)
def test_rendered_pages_match_golden(case: str, update_goldens: bool, tmp_path: Path) -> None:
    case_dir = GOLDENS / case
    pages = render_case(case_dir, tmp_path)
    expected_dir = case_dir / "expected"
    if update_goldens:
        shutil.rmtree(expected_dir, ignore_errors=True)
        for rel, text in pages.items():
            (expected_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            (expected_dir / rel).write_text(text, "utf-8")
    expected = {
        p.relative_to(expected_dir).as_posix(): p.read_text("utf-8")
        for p in sorted(expected_dir.rglob("*.md"))
    }
    assert sorted(pages) == sorted(expected)
    for rel, text in pages.items():
        assert text == expected[rel], f"{rel} differs from its golden file"


def test_plain_text_is_escaped_and_facts_localized() -> None:
    pages = render_case(GOLDENS / "basic")
    faq_ko = pages["ko/faq.md"]
    assert (
        "## 2024년 8월 13일 이후 \\*별표\\*와 &lt;b&gt;태그&lt;/b&gt; &amp; "
        "\\[링크\\]\\(x\\) \\{\\#id\\} \\# {#plain-text}"
    ) in faq_ko
    assert "See [Second guide](guides/second.md). Date: August 13, 2024." in pages["en/faq.md"]
    assert "## 1\\. A question without guides {#no-guides}" in pages["en/faq.md"]
    # a guide lists the questions that refer to it, linking to their anchors
    assert "- [1\\. 가이드 없는 질문]" not in pages["ko/guides/first.md"]
    assert "(../faq.md#plain-text)" in pages["ko/guides/first.md"]


def test_each_case_shows_what_it_is_named_for() -> None:
    """The points a reviewer checked in the expected files, kept true across --update-goldens."""
    pages = render_case(GOLDENS / "categories")
    for code in ("ko", "en"):
        assert pages[f"{code}/faq/many.md"].count("\n## ") == 50
        assert pages[f"{code}/faq/many-2.md"].count("\n## ") == 1
        assert "{#q51}" in pages[f"{code}/faq/many-2.md"]
        assert "(../faq/many-2.md#q51)" in pages[f"{code}/guides/first.md"]
        assert "(many-2.md#q51)" in pages[f"{code}/faq/few.md"]  # a link across categories
    assert "# Many questions \\(2/2\\)" in pages["en/faq/many-2.md"]

    pages = render_case(GOLDENS / "third-language")
    assert sorted({rel.split("/")[0] for rel in pages}) == ["en", "ja", "ko"]
    notice = "> まだ翻訳されていません。原文を表示しています。"
    assert pages["ja/faq.md"].count(notice) == 2  # every question: the original under the notice
    assert "- 목록 하나" in pages["ja/faq.md"].split('{#no-guides lang="ko"}')[1]
    # An original's facts are formatted in its language, like the words around them.
    assert '## 2024년 8월 13일 이후' in pages["ja/faq.md"]
    assert '[2024년 8월 13일 이후' in pages["ja/index.md"] and "2024年8月13日から" in pages["ja/index.md"]
    assert "## 手順" in pages["ja/guides/first.md"] and notice in pages["ja/guides/first.md"]

    pages = render_case(GOLDENS / "untranslated")
    # The original is shown, marked with its language (lang="ko": read aloud as Korean).
    no_guides = pages["en/faq.md"].split('{#no-guides lang="ko"}')[1]
    assert no_guides.lstrip().startswith("> Not translated yet.")
    assert '<div lang="ko" markdown="1">\n\n- 목록 하나' in no_guides
    assert "Not translated yet." not in pages["en/faq.md"].split("{#no-guides")[0]
    assert pages["en/guides/second.md"].split("\n")[1:4] == [
        '# 두 번째 가이드 {lang="ko"}', "", "> Not translated yet."]
    assert "[두 번째 가이드](guides/second.md){: lang=\"ko\" }" in pages["en/index.md"]

    pages = render_case(GOLDENS / "outdated")
    outdated = "> This translation may be out of date. Original: "
    faq = pages["en/faq.md"]
    assert faq.count(outdated) == 1
    assert (outdated + '<a href="../../faq/#plain-text" hreflang="ko" lang="ko">한국어</a>'
            in faq.split("{#no-guides}")[0])
    assert (outdated + '<a href="../../../guides/first/" hreflang="ko" lang="ko">한국어</a>'
            in pages["en/guides/first.md"])
    assert outdated not in pages["en/guides/second.md"] + pages["ko/faq.md"]
