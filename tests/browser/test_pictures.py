"""Pictures in the browser: the real project with pictures made at test time (tests/support/
pictures.py), built under ``/help/``. Each picture has its size before it loads (no layout
shift), the first one loads at once and the others when scrolled near, a click opens the file
at full size, and axe-core finds nothing on the pages with pictures.
"""

from __future__ import annotations

import json

import pytest
from browser_support import PREFIX, build_under_prefix
from test_browser_pages import AXE_TAGS, _axe_source

from support.pictures import add_real_pictures
from support.project_tools import copy_project
from support.static_server import SiteServer

GUIDE = "guides/register-worldfirst/"


@pytest.fixture(scope="module")
def pictures_url(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("browser-pictures")
    project = copy_project(base / "project")
    add_real_pictures(project)
    port = build_under_prefix(project, base / "site")
    with SiteServer(base / "site", PREFIX, ("en",), port=port) as server:
        yield server.url


def _pictures(page) -> list[dict]:
    return page.evaluate("""() => [...document.querySelectorAll('a.hc-picture img')].map(img => {
        const box = img.getBoundingClientRect();
        return {width: img.getAttribute('width'), height: img.getAttribute('height'),
                loading: img.getAttribute('loading'), complete: img.complete,
                natural: img.naturalWidth, shownWidth: box.width, shownHeight: box.height,
                top: box.top + window.scrollY};
    })""")


@pytest.mark.parametrize("language", ["", "en/"])
def test_pictures_keep_their_place_and_load_lazily_below_the_first(page, pictures_url, language):
    page.goto(pictures_url + language + GUIDE, wait_until="load")
    found = _pictures(page)
    assert len(found) == 2
    first, second = found
    assert (first["width"], first["height"]) == ("1200", "750")
    assert first["loading"] is None and first["complete"] and first["natural"] == 1200
    assert second["loading"] == "lazy"
    for picture in found:  # scaled to the column, in proportion: the place was reserved
        assert 0 < picture["shownWidth"] <= 1200
        assert abs(picture["shownHeight"] / picture["shownWidth"] - 750 / 1200) < 0.01
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_function("[...document.querySelectorAll('a.hc-picture img')]"
                           ".every(img => img.complete && img.naturalWidth > 0)")


def test_a_click_opens_the_picture_at_full_size(page, pictures_url):
    page.goto(pictures_url + GUIDE, wait_until="load")
    with page.expect_navigation() as navigation:
        page.locator("a.hc-picture").first.click()
    response = navigation.value
    assert response.status == 200 and response.headers["content-type"] == "image/png"
    assert page.url.startswith(pictures_url + "assets/images/") and page.url.endswith(".png")


def test_the_pictures_have_an_accessible_name(page, pictures_url):
    page.goto(pictures_url + "en/" + GUIDE, wait_until="load")
    names = [page.locator("a.hc-picture").nth(i).evaluate("a => a.querySelector('img').alt")
             for i in range(2)]
    assert names[0].startswith("The WorldFirst sign-in screen")
    assert page.locator("a.hc-picture img[lang='ko']").count() == 1  # the Korean fallback


@pytest.mark.parametrize("path", ["", "en/"])
@pytest.mark.parametrize("where", [GUIDE, "faq/"])
def test_no_axe_violations_on_pages_with_pictures(page, pictures_url, path, where):
    failed = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(pictures_url + path + where, wait_until="networkidle")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    assert not failed, failed
    page.add_script_tag(content=_axe_source())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    violations = [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]}
                  for v in result["violations"]]
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)

