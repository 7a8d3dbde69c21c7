"""FAQ pages that scale: categories, at most 50 questions a page, anchors that survive moves."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpcenter import paths
from helpcenter.load import load
from helpcenter.cli import main
from html_pages import parse, resolve
from project_tools import CATEGORIES, categorise, mkdocs_build, snapshot


@pytest.fixture(scope="module")
def categorised_site(tmp_path_factory) -> tuple[Path, Path]:
    from project_tools import copy_project

    project = categorise(copy_project(tmp_path_factory.mktemp("cat") / "project"))
    site = project / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return project, site


def test_long_faq_is_split_into_pages_of_at_most_50(tmp_path):
    center = load(Path(__file__).resolve().parent.parent / "faq_source")
    entries = [
        type(center.entries[0])(**{**vars(center.entries[0]), "id": f"q{i}"}) for i in range(120)
    ]
    big = type(center)(**{**vars(center), "entries": tuple(entries)})
    pages = paths.faq_pages(big)
    assert [(p.path, len(p.entries), p.part, p.parts) for p in pages] == [
        ("faq.md", 50, 1, 3),
        ("faq-2.md", 50, 2, 3),
        ("faq-3.md", 20, 3, 3),
    ]
    assert paths.entry_pages(big)["q119"] == "faq-3.md"


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


@pytest.mark.parametrize(
    "edit, location, words",
    [
        (
            lambda t: t.replace("    category: money\n", "", 1),
            "faq_source/faq.yaml:",
            "entries[1].category: missing category",
        ),
        (
            lambda t: t.replace("category: money", "category: mony", 1),
            "faq_source/faq.yaml:",
            "entries[1].category: unknown category 'mony'. Did you mean 'money'?",
        ),
        (lambda t: t.replace(CATEGORIES, ""), "faq_source/faq.yaml:", "no categories are defined"),
    ],
)
def test_category_mistakes_are_located(project, capsys, edit, location, words):
    categorise(project)
    assert main(["--root", str(project)]) == 0
    faq = project / "faq_source" / "faq.yaml"
    faq.write_text(edit(faq.read_text("utf-8")), "utf-8")
    before = snapshot(project / "docs")
    assert main(["--root", str(project)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(location) and words in err, err
    assert snapshot(project / "docs") == before
