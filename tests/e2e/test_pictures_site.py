"""Pictures in a built site: the real project with pictures made at test time (a guide with
pictures in both languages and one Korean fallback, an answer with a picture per language),
built with ``mkdocs build --strict``.

The pictures reach site/ only: the hook adds each file of faq_source/ as
``assets/images/<sha256 prefix>.<ext>`` (shared by every language); docs/ holds no copy.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest

from helpcenter.pipeline import generate
from support.pictures import REAL_PICTURES, add_real_pictures, make_picture
from support.project_tools import copy_project, mkdocs_build, snapshot
from support.site_scan import scan

GUIDE = "guides/register-worldfirst/index.html"
_PICTURE = re.compile(r'<a class="hc-picture" href="([^"]+)"><img ([^>]+)></a>')


@pytest.fixture(scope="module")
def pictured(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(project, site) of the real project with pictures."""
    base = tmp_path_factory.mktemp("pictures")
    project = copy_project(base / "project")
    add_real_pictures(project)
    result = mkdocs_build(project, base / "site")
    assert result.returncode == 0, result.stderr
    return project, base / "site"


def pictures_of(page: Path) -> list[tuple[str, dict[str, str]]]:
    """(link address, img attributes) of each picture of a built page."""
    html = page.read_text("utf-8")
    return [(href, dict(re.findall(r'(\w+)="([^"]*)"', attributes)))
            for href, attributes in _PICTURE.findall(html)]


def test_each_picture_is_served_once_under_its_content_name(pictured) -> None:
    project, site = pictured
    served = {p.name: p.read_bytes() for p in (site / "assets" / "images").iterdir()
              if p.name != "favicon.png"}
    expected = {}
    for relative in REAL_PICTURES:
        data = (project / "faq_source" / relative).read_bytes()
        expected[f"{hashlib.sha256(data).hexdigest()[:16]}{Path(relative).suffix}"] = data
    assert served == expected
    assert not (site / "en" / "assets" / "images").exists()  # one copy for every language
    assert not [p for p in (project / "docs").rglob("*") if p.is_file() and p.suffix != ".md"]


@pytest.mark.parametrize("code", ["ko", "en"])
def test_pictures_have_their_size_a_link_to_full_size_and_lazy_after_the_first(pictured, code):
    _, site = pictured
    page = site / ("" if code == "ko" else "en") / GUIDE
    found = pictures_of(page)
    assert len(found) == 2
    for index, (href, img) in enumerate(found):
        assert img["src"] == href
        assert (page.parent / href).resolve().is_file(), href
        assert (img["width"], img["height"]) == ("1200", "750")
        assert img["alt"] and img["decoding"] == "async"
        assert img.get("loading") == (None if index == 0 else "lazy")


def test_a_translation_without_its_picture_shows_the_original_with_the_notice(pictured) -> None:
    _, site = pictured
    (_, own), (_, fallback) = pictures_of(site / "en" / GUIDE)
    assert "lang" not in own and own["alt"].startswith("The WorldFirst sign-in screen")
    assert fallback["lang"] == "ko" and fallback["alt"].startswith("콰징바오 메뉴")
    html = (site / "en" / GUIDE).read_text("utf-8")
    assert "has not been translated into English yet" in html.split('lang="ko"', 1)[1]
    ko_pictures = pictures_of(site / GUIDE)
    assert ko_pictures[1][0].removeprefix("../../") == fallback["src"].removeprefix("../../../")


def test_answers_show_their_picture_and_the_site_scan_passes(pictured) -> None:
    _, site = pictured
    for code, suffix in (("ko", ".webp"), ("en", ".jpg")):
        faq = site / ("" if code == "ko" else "en") / "faq" / "index.html"
        (href, img), = pictures_of(faq)
        assert href.endswith(suffix) and img["loading"] == "lazy"  # not the first question
        assert (img["width"], img["height"]) == ("900", "600")
    assert scan(site) == []


def test_a_changed_picture_is_seen_by_the_next_run_and_no_change_writes_nothing(
        pictured, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(pictured[0], project)
    first = generate(project)
    assert not first.plan.changes
    before = snapshot(project / "docs")
    make_picture(project / "faq_source" / "images/ko/sign-in.png", width=1000, height=500)
    result = generate(project)  # same process: the in-memory render cache must not be used
    assert result.plan.update == ["ko/guides/register-worldfirst.md"]
    page = (project / "docs" / "ko" / "guides" / "register-worldfirst.md").read_text("utf-8")
    assert 'width="1000" height="500"' in page
    assert snapshot(project / "docs") != before


def test_the_real_source_has_no_pictures(built_site: Path) -> None:
    assert not (Path(__file__).parents[2] / "faq_source" / "images").exists()
    assert [p.name for p in (built_site / "assets" / "images").iterdir()] == ["favicon.png"]
