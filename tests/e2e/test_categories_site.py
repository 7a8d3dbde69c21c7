"""The real FAQ in two categories, built with ``mkdocs build --strict``: category pages in both
languages, their navigation, links and the anchor map (where each question is now).
(Pagination: tests/render/test_pagination.py and the goldens; category mistakes:
tests/load/test_category_errors.py.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from support.html_pages import parse, resolve
from support.project_tools import categorise, copy_project, mkdocs_build


@pytest.fixture(scope="module")
def categorised_site(tmp_path_factory) -> tuple[Path, Path]:
    project = categorise(copy_project(tmp_path_factory.mktemp("cat") / "project"))
    site = project / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return project, site


def test_category_pages_in_both_languages(categorised_site):
    project, site = categorised_site
    for prefix in ("", "en/"):
        money = parse(site / prefix / "faq" / "money" / "index.html")
        assert money.h2_ids == [
            "alipay-balance",
            "refund-destination",
            "fees-after-upgrade",
            "pay-with-alipay-balance",
        ]
        assert (site / prefix / "faq" / "switching" / "index.html").is_file()
        assert not (site / prefix / "faq.html").exists()
    assert not (project / "docs" / "en" / "faq.md").exists(), "the old single page is removed"


def test_navigation_section_is_titled_in_each_language(categorised_site):
    _, site = categorised_site
    for prefix, title in (("", "자주 하는 질문"), ("en/", "Frequently asked questions")):
        html = (site / prefix / "faq" / "money" / "index.html").read_text("utf-8")
        assert re.search(
            r'class="md-nav__link" for="__nav_\d+"[^>]*>\s*<span class="md-ellipsis">'
            rf"\s*{title}\s*</span>",
            html,
        )


def test_every_link_resolves_and_guides_point_to_category_pages(categorised_site):
    _, site = categorised_site
    for path in sorted(site.rglob("*.html")):
        for link in parse(path).links:
            target = resolve(site, path, link.href)
            if target is None:
                continue
            file, fragment = target
            assert file.exists(), (path, link.href)
            if fragment:
                assert fragment in parse(file).ids, (path, link.href)
    guide = parse(site / "en" / "guides" / "link-1688-in-worldfirst" / "index.html")
    assert "../../faq/switching/#link-worldfirst" in {link.href for link in guide.links}


def test_anchor_map_tells_where_each_question_is_now(categorised_site):
    _, site = categorised_site
    anchors = json.loads((site / "faq-anchors.json").read_text("utf-8"))
    assert anchors["ko"]["fees-after-upgrade"] == "faq/money/"
    assert anchors["en"]["link-fails"] == "en/faq/switching/"
    assert len(anchors["ko"]) == len(anchors["en"]) == 9
