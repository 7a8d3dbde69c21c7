"""The real project, built with ``mkdocs build --strict``: pages, anchors, links, navigation, a
hand-written page listed in site.yaml, the public address."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpcenter.load import load
from helpcenter.paths import navigation
from support.html_pages import Page, parse, resolve
from support.project_tools import ROOT, copy_project, mkdocs_build

CENTER = load(ROOT / "faq_source", ROOT)
ENTRY_IDS = [e.id for e in CENTER.entries]
GUIDE_IDS = [g.id for g in CENTER.guides]
PREFIX = {"ko": "", "en": "en/"}


def page(site: Path, lang: str, rel: str) -> Page:
    return parse(
        site / PREFIX[lang] / rel / "index.html" if rel else site / PREFIX[lang] / "index.html"
    )


def all_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_the_nine_seed_questions_in_both_languages_with_equal_ascii_anchors(built_site: Path):
    assert len(ENTRY_IDS) == 9
    for lang in ("ko", "en"):
        faq = page(built_site, lang, "faq")
        assert faq.h2_ids == ENTRY_IDS
        assert all(entry_id.isascii() for entry_id in faq.h2_ids)


def test_every_language_has_home_faq_and_four_guides(built_site: Path):
    for lang in ("ko", "en"):
        for rel in ("", "faq", *(f"guides/{g}" for g in GUIDE_IDS)):
            assert page(built_site, lang, rel).lang == lang, (lang, rel)
    assert len(GUIDE_IDS) == 4


def test_html_lang_is_right_on_every_page(built_site: Path):
    for path in all_pages(built_site):
        expected = "en" if path.relative_to(built_site).parts[0] == "en" else "ko"
        assert parse(path).lang == expected, path


def test_dates_are_localized_and_typos_fixed(built_site: Path):
    ko, en = page(built_site, "ko", "faq").text, page(built_site, "en", "faq").text
    assert "2024년 8월 13일" in ko and "August 13, 2024" in en
    assert "2024-08-13" not in ko + en
    for typo in ("연동활", "정성적으로", "바인된", "on the left", "왼쪽"):
        assert typo not in ko + en


def test_every_internal_link_resolves_within_its_language(built_site: Path):
    broken, crossing = [], []
    for path in all_pages(built_site):
        source = parse(path)
        in_english = path.relative_to(built_site).parts[0] == "en"
        for link in source.links:
            target = resolve(built_site, path, link.href)
            if target is None:
                continue
            file, fragment = target
            if not file.exists():
                broken.append(f"{path}: {link.href}")
                continue
            if fragment and fragment not in parse(file).ids:
                broken.append(f"{path}: {link.href} (no #{fragment})")
            target_english = file.relative_to(built_site).parts[0] == "en"
            if target_english != in_english and not link.hreflang:
                crossing.append(f"{path}: {link.href}")
    assert broken == []
    assert crossing == [], "only the language selector may lead to the other language"


@pytest.mark.parametrize(
    "entry_id, guide_ids",
    [
        ("link-worldfirst", ["register-worldfirst", "link-1688-in-worldfirst"]),
        ("unlink-alipay", ["unlink-alipay-business"]),
    ],
)
def test_answers_4_and_5_link_to_guides_of_their_language(built_site: Path, entry_id, guide_ids):
    for lang in ("ko", "en"):
        faq_path = built_site / PREFIX[lang] / "faq" / "index.html"
        html = faq_path.read_text("utf-8")
        answer = html.split(f'id="{entry_id}"', 1)[1].split("<h2", 1)[0]
        for guide_id in guide_ids:
            title = next(g for g in CENTER.guides if g.id == guide_id).texts[lang].title
            assert f'href="../guides/{guide_id}/">{title}</a>' in answer


def test_navigation_shows_the_guides_in_order_then_the_faq(built_site: Path):
    assert navigation(CENTER) == ["index.md", *(f"guides/{g}.md" for g in GUIDE_IDS), "faq.md"]
    for lang in ("ko", "en"):
        nav = [link.href for link in page(built_site, lang, "faq").nav_links]
        wanted = [f"../guides/{g}/" for g in GUIDE_IDS] + ["./"]
        positions = [nav.index(href) for href in wanted]
        assert positions == sorted(positions), nav
        # titles come from the pages' headings, in the page's language
        titles = {link.href: link.text for link in page(built_site, lang, "faq").nav_links}
        for guide in CENTER.guides:
            assert titles[f"../guides/{guide.id}/"] == guide.texts[lang].title
        assert titles["./"] == CENTER.language(lang).labels.faq_title


def test_page_titles_are_the_headings(built_site: Path):
    for lang in ("ko", "en"):
        site_name = CENTER.language(lang).site_name
        for guide in CENTER.guides:
            html = (built_site / PREFIX[lang] / "guides" / guide.id / "index.html").read_text()
            assert f"<title>{guide.texts[lang].title} - {site_name}</title>" in html
        assert "generated-by" not in (built_site / PREFIX[lang] / "faq" / "index.html").read_text()


def test_guide_pages_list_the_questions_that_refer_to_them(built_site: Path):
    for lang in ("ko", "en"):
        guide = page(built_site, lang, "guides/link-1688-in-worldfirst")
        hrefs = {link.href for link in guide.links}
        for entry_id in ("link-worldfirst", "link-fails", "pay-with-alipay-balance"):
            assert f"../../faq/#{entry_id}" in hrefs


def test_language_selector_leads_to_the_same_page(built_site: Path):
    for rel in ("", "faq", *(f"guides/{g}" for g in GUIDE_IDS)):
        for lang, other in (("ko", "en"), ("en", "ko")):
            source = built_site / PREFIX[lang] / rel / "index.html"
            selector = [link for link in parse(source).links if "md-select__link" in link.classes]
            target = next(link for link in selector if link.hreflang == other)
            file, _ = resolve(built_site, source, target.href)
            assert file == built_site / PREFIX[other] / rel / "index.html"


def test_scripts_do_not_hold_up_the_first_paint(built_site: Path):
    """Every external script deferred (ours, then the theme's bundle: main.html), and no inline
    palette script reading localStorage while the page is parsed (theme/partials/javascripts)."""
    for path in all_pages(built_site):
        html = path.read_text("utf-8")
        tags = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", html)
        assert any("bundle." in tag for tag in tags), path
        assert all(re.search(r"\sdefer\b", tag) for tag in tags), (path, tags)
        order = [t for t in tags if re.search(r"helpcenter-language|bundle\.", t)]
        assert "helpcenter-language" in order[0] and "bundle." in order[-1], path
        assert "__palette" not in html, path


def test_an_empty_public_address_stops_the_strict_build(tmp_path: Path):
    """SITE_URL set to nothing (an unset CI variable) would give relative sitemap addresses."""
    project = copy_project(tmp_path / "project")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=project, capture_output=True, text=True, check=False,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=""),
    )
    assert result.returncode == 1
    assert "site_url is empty (is SITE_URL set to nothing?)" in result.stderr
    assert not (tmp_path / "site").exists()


def test_a_hand_written_page_listed_in_site_yaml_is_in_the_navigation(project: Path, tmp_path):
    (project / "docs" / "ko" / "notice.md").write_text("# 공지\n\n점검 안내입니다.\n", "utf-8")
    (project / "docs" / "en" / "notice.md").write_text("# Notice\n\nMaintenance.\n", "utf-8")
    site_yaml = project / "faq_source" / "site.yaml"
    site_yaml.write_text(site_yaml.read_text("utf-8") + "extra_pages:\n  - notice.md\n", "utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    for prefix, title in (("", "공지"), ("en/", "Notice")):
        faq = parse(tmp_path / "site" / prefix / "faq" / "index.html")
        nav = [(link.href, link.text) for link in faq.nav_links]
        assert ("../notice/", title) in nav
        assert nav.index(("../notice/", title)) > nav.index(("./", faq_title(prefix)))
    assert (project / "docs" / "ko" / "notice.md").read_text("utf-8").startswith("# 공지")


def faq_title(prefix: str) -> str:
    return "Frequently asked questions" if prefix else "자주 하는 질문"
