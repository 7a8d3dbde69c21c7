"""Korean pages on a phone: lines break between words, never inside one (word-break: keep-all,
from ``line_breaks: words`` in site.yaml), and nothing makes the page scroll sideways. English
pages keep the browser's usual breaking."""

from __future__ import annotations

import pytest
from browser_support import PAGES, language_root

PHONE = {"width": 360, "height": 740}

# Every word (letters and digits; a break at punctuation, e.g. before "(", is a break between
# words) holding Hangul, in every visible text of the page: the lines its glyphs sit on (a word
# on two lines was split).
_SPLIT_WORDS = """() => {
  const hangul = /[\\uac00-\\ud7a3]/;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const split = [];
  let words = 0;
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    if (!parent || !parent.checkVisibility({opacityProperty: true, visibilityProperty: true}))
      continue;  // not shown to readers (the closed search dialog)
    for (const match of node.data.matchAll(/[\\p{L}\\p{N}]+/gu)) {  // a word, without punctuation
      if (!hangul.test(match[0])) continue;
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const rects = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0);
      if (!rects.length) continue;  // not rendered (a closed dialog)
      words += 1;
      const lines = new Set(rects.map(r => Math.round(r.top + r.height / 2)));
      if (lines.size > 1) split.push(match[0]);
    }
  }
  const root = document.documentElement;
  return {words, split, overflow: root.scrollWidth - root.clientWidth};
}"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True,
                                  has_touch=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", [*PAGES, "no-such-page/"])
def test_no_korean_word_is_split_across_lines_on_a_phone(phone, base_url, path):
    phone.goto(base_url + language_root("ko") + path)
    found = phone.evaluate(_SPLIT_WORDS)
    assert found["words"] > 20, "the page shows Korean text"
    assert found["split"] == [], f"split across lines: {found['split'][:10]}"
    assert found["overflow"] <= 0, "the page scrolls sideways"


def test_english_pages_keep_the_usual_line_breaking(phone, base_url):
    phone.goto(base_url + language_root("en") + "faq/")
    assert phone.evaluate("getComputedStyle(document.body).wordBreak") == "normal"
    assert phone.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
