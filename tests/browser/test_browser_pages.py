"""Every page in the browser, hosted under a sub-path: the language selector keeps the page and
the question's anchor, a phone shows the navigation, axe-core finds no WCAG 2.1 A/AA violation,
nothing on a page fails to load, and unknown addresses get the not-found page of their language.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from browser_support import LANGUAGES, PAGES, PREFIX, language_root

QUESTION_IDS = ("not-unlinked", "alipay-balance", "refund-destination", "link-worldfirst",
                "unlink-alipay", "fees-after-upgrade", "link-fails", "alipay-account-status",
                "pay-with-alipay-balance")
OTHER = {"ko": "en", "en": "ko"}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")


def switch_language(page, target: str) -> None:
    """Use the selector as a reader does: open it, click the other language."""
    page.locator(".md-select").first.hover()
    page.locator(f".md-select__link[hreflang='{target}']").click()
    page.wait_for_load_state("load")


def test_every_question_has_the_same_anchor_in_every_language(site):
    site_dir, _ = site
    for code in LANGUAGES:
        html = (site_dir / language_root(code) / "faq" / "index.html").read_text("utf-8")
        ids = re.findall(r'<h2 id="([^"]+)"', html)
        assert [i for i in ids if i in QUESTION_IDS] == list(QUESTION_IDS), code


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("path", PAGES)
def test_selector_leads_to_the_same_page(page, base_url, code, path):
    page.goto(base_url + language_root(code) + path)
    switch_language(page, OTHER[code])
    assert page.url == base_url + language_root(OTHER[code]) + path
    assert page.locator("html").get_attribute("lang") == OTHER[code]


@pytest.mark.parametrize("code", LANGUAGES)
def test_selector_keeps_the_question(page, base_url, code):
    for question in QUESTION_IDS:
        page.goto(base_url + language_root(code) + "faq/#" + question)
        switch_language(page, OTHER[code])
        assert page.url == base_url + language_root(OTHER[code]) + "faq/#" + question
        assert page.locator(f"[id='{question}']").is_visible()


@pytest.mark.parametrize("code", LANGUAGES)
def test_selector_keeps_a_section_of_a_guide_or_the_home_page(page, base_url, code):
    for path, anchor in [("guides/settle-alipay-business/", "steps"),
                         ("guides/link-1688-in-worldfirst/", "related-questions"),
                         ("", "guides"), ("", "questions")]:
        page.goto(base_url + language_root(code) + path + "#" + anchor)
        switch_language(page, OTHER[code])
        assert page.url == base_url + language_root(OTHER[code]) + path + "#" + anchor
        assert page.locator(f"[id='{anchor}']").is_visible()


def test_selector_follows_an_anchor_chosen_while_reading(page, base_url):
    page.goto(base_url + "faq/")
    page.locator("a[href='#link-fails']:visible").first.click()  # in the table of contents
    switch_language(page, "en")
    assert page.url == base_url + "en/faq/#link-fails"


@pytest.mark.parametrize("code", LANGUAGES)
def test_phone_shows_the_navigation(browser, base_url, code):
    context = browser.new_context(viewport={"width": 375, "height": 667}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    page = context.new_page()
    page.goto(base_url + language_root(code))
    menu = page.locator("label.md-header__button[for='__drawer']")
    assert menu.is_visible()
    menu.click()
    drawer = page.locator("nav.md-nav--primary")
    links = drawer.locator("a.md-nav__link")
    faq = drawer.locator(f"a.md-nav__link[href$='faq/']").first
    faq.wait_for(state="visible")
    assert links.count() >= 6
    faq.click()
    page.wait_for_url(base_url + language_root(code) + "faq/")
    context.close()


ALL_PAGES = [(code, path) for code in LANGUAGES for path in PAGES]


@pytest.mark.parametrize(("code", "path"), ALL_PAGES + [("ko", "404.html"), ("en", "404.html")])
def test_no_axe_violations_and_nothing_broken(page, base_url, code, path):
    failed = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(base_url + language_root(code) + path, wait_until="networkidle")
    assert not failed, failed
    page.add_script_tag(content=_axe_source())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    violations = [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)


def test_no_axe_violations_in_search_results(page, base_url):
    page.goto(base_url + "faq/")
    box = page.locator("input.md-search__input")
    box.fill("잔액")
    box.press("End")
    page.locator(".md-search-result__list > li").first.wait_for(state="attached")
    page.add_script_tag(content=_axe_source())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:5]) for v in result["violations"]]
    assert violations == []


@pytest.mark.parametrize(("missing", "lang"), [("no-such-page/", "ko"), ("en/no-such-page/", "en"),
                                                ("guides/gone/", "ko")])
def test_not_found_page_per_language(page, base_url, missing, lang):
    response = page.goto(base_url + missing)
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == lang
    # Assets and links work from any depth under the sub-path.
    assert page.locator("link[rel=stylesheet]").first.get_attribute("href").startswith(PREFIX)
    home = page.locator("article a").last
    home.click()
    page.wait_for_load_state("load")
    assert page.url == base_url + language_root(lang)


def test_phone_search(browser, base_url):
    context = browser.new_context(viewport={"width": 375, "height": 667}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    page = context.new_page()
    page.goto(base_url)
    page.locator("label.md-header__button[for='__search']").click()
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    box.fill("잔고 출금")
    box.press("End")
    first = page.locator("a.md-search-result__link[href*='#alipay-balance']").first
    first.wait_for(state="visible")
    first.click()
    page.wait_for_url(re.compile(r".*/help/faq/.*#alipay-balance$"))
    context.close()
