"""Golden tests: a small fixture source renders to exactly the committed Markdown.

Regenerate after an intended change with ``pytest --update-goldens`` and review the diff.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpcenter import render
from helpcenter.load import load

GOLDENS = Path(__file__).parent / "goldens"
CASES = sorted(p.name for p in GOLDENS.iterdir() if (p / "faq_source").is_dir())


@pytest.mark.parametrize("case", CASES)
def test_rendered_pages_match_golden(case: str, update_goldens: bool) -> None:
    case_dir = GOLDENS / case
    pages = render.render_site(load(case_dir / "faq_source", case_dir))
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
    case_dir = GOLDENS / "basic"
    pages = render.render_site(load(case_dir / "faq_source", case_dir))
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
