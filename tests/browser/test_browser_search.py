"""Search in the browser, through the theme's search dialog: per language, Korean-aware, and
leading to the question's anchor. Queries: tests/browser/search_queries.yaml."""

from __future__ import annotations

import re

import pytest
import yaml
from browser_support import HERE, PREFIX, language_root

QUERIES = yaml.safe_load((HERE / "search_queries.yaml").read_text("utf-8"))
CASES = [(code, item["q"], item["expect"]) for code in QUERIES for item in QUERIES[code]]


@pytest.fixture(scope="module")
def search_pages(browser, base_url):
    """One open FAQ page per language, reused by every query of that language."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    pages = {}
    for code in QUERIES:
        page = context.new_page()
        page.goto(base_url + language_root(code) + "faq/")
        pages[code] = page
    yield pages
    context.close()


def search(page, query: str) -> list[str]:
    """Type ``query`` into the search dialog; return the result links' hrefs in page order."""
    box = page.locator("input.md-search__input")
    page.evaluate("document.querySelector('.md-search-result__list').innerHTML = ''")
    box.fill(query)
    box.press("End")  # the theme reads the query on keyup
    page.locator(".md-search-result__list > li").first.wait_for(state="attached", timeout=10_000)
    return page.eval_on_selector_all("a.md-search-result__link",
                                     "links => links.map(a => a.href)")


def test_query_set_is_large_enough():
    for code in ("ko", "en"):
        assert len(QUERIES[code]) >= 15, code


@pytest.mark.parametrize(("code", "query", "expect"), CASES, ids=[c[1] for c in CASES])
def test_search_finds_the_question(search_pages, base_url, code, query, expect):
    hrefs = search(search_pages[code], query)
    anchors = [h for h in hrefs if "#" in h]
    top5 = [h.split("#")[1] for h in anchors[:5]]
    assert expect in top5, f"{query!r}: expected #{expect} in the first 5, got {anchors[:5]}"
    # The result leads to the question's anchor on the FAQ page of the same language.
    hit = next(h for h in anchors if h.endswith("#" + expect))
    assert re.fullmatch(re.escape(base_url + language_root(code)) + r"faq/(\?h=[^#]*)?#" + expect,
                        hit), hit
    other = [h for h in hrefs if (f"{PREFIX}en/" in h) != (code == "en")]
    assert not other, f"{query!r} on a {code} page returned other-language results: {other}"


@pytest.mark.parametrize("code", ["ko", "en"])
def test_korean_particles_and_synonyms(search_pages, code):
    """Particles and endings do not matter in Korean; writers' synonyms work in both languages."""
    cases = {
        "ko": [("잔액이", "alipay-balance"), ("해제하려면", "unlink-alipay"),
               ("출금", "alipay-balance"), ("바인딩", "link-worldfirst")],
        "en": [("unbind", "unlink-alipay"), ("money", "alipay-balance")],
    }[code]
    for query, expect in cases:
        hrefs = search(search_pages[code], query)
        assert any(h.endswith("#" + expect) for h in hrefs[:8]), (query, hrefs[:8])


def test_clicking_a_result_opens_the_question(search_pages, base_url):
    page = search_pages["ko"]
    search(page, "잔고 출금")
    page.locator("a.md-search-result__link[href*='#alipay-balance']").first.click()
    page.wait_for_url(re.compile(r".*/faq/.*#alipay-balance$"))
    assert page.locator("#alipay-balance").is_visible()
    page.go_back()
