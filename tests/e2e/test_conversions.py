"""The pages' conversions to HTML, remembered from build to build (site/conversions.py,
mkdocs_internals.remember_conversions): the next build gives the same site without converting
the unchanged pages again, a page with a warning is converted (and warned about) every time, and
the remembered HTML is no way around the page checks."""

from __future__ import annotations

import json
from pathlib import Path

from support.project_tools import mkdocs_build, snapshot

from helpcenter.site.conversions import CONVERSIONS_CACHE


def _pages(project: Path) -> dict[str, dict]:
    return json.loads((project / CONVERSIONS_CACHE).read_text("utf-8"))["pages"]


def _remember_pages(project: Path, pages: dict[str, dict]) -> None:
    """Replace the remembered conversions (the search entries stay)."""
    cache = project / CONVERSIONS_CACHE
    data = json.loads(cache.read_text("utf-8"))
    cache.write_text(json.dumps(dict(data, pages=pages), ensure_ascii=False), "utf-8")


def test_the_next_build_takes_each_unchanged_page_from_the_remembered_conversions(
    project: Path, tmp_path: Path
):
    first = mkdocs_build(project, tmp_path / "first")
    assert first.returncode == 0, first.stderr
    remembered = _pages(project)
    pages = sorted(p for p in (project / "docs").rglob("*.md"))
    assert len(remembered) == len(pages)  # one conversion per page, every language

    # A remembered conversion is what the next build shows: mark each one and look for it.
    marked = {key: dict(entry, content=entry["content"].replace(
        "</h1>", f"</h1><p>remembered {index}</p>", 1)) for index, (key, entry)
        in enumerate(sorted(remembered.items()))}
    _remember_pages(project, marked)
    second = mkdocs_build(project, tmp_path / "second")
    assert second.returncode == 0, second.stderr
    shown = [path for path in (tmp_path / "second").rglob("index.html")
             if "<p>remembered " in path.read_text("utf-8")]
    assert len(shown) == len(pages)

    # The real conversions again: the same site, byte for byte.
    _remember_pages(project, remembered)
    third = mkdocs_build(project, tmp_path / "third")
    assert third.returncode == 0, third.stderr
    assert snapshot(tmp_path / "third") == snapshot(tmp_path / "first")


def test_an_edited_page_is_converted_again_and_the_cache_follows_the_site(
    project: Path, tmp_path: Path
):
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    before, docs_before = _pages(project), snapshot(project / "docs")
    faq = project / "faq_source" / "faq.yaml"
    faq.write_text(faq.read_text("utf-8").replace("What will happen", "What happens", 1), "utf-8")
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    after, docs_after = _pages(project), snapshot(project / "docs")
    assert len(after) == len(before)  # the old conversions of the edited pages are dropped
    edited = [name for name, data in docs_after.items() if docs_before[name] != data]
    new = [entry for key, entry in after.items() if key not in before]
    assert len(new) == len(edited) >= 1  # the FAQ page and those that link to the question
    assert all("What happens" in entry["content"] for entry in new)
    assert "What happens" in (tmp_path / "site" / "en" / "faq" / "index.html").read_text("utf-8")


def test_a_page_that_warns_is_not_remembered_so_strict_mode_fails_every_time(
    project: Path, tmp_path: Path
):
    page = project / "docs" / "en" / "notes.md"  # a hand-written page with a broken link
    page.write_text("# Notes\n\nSee [the missing page](missing.md).\n", "utf-8")
    # --quiet: MkDocs does not even make its warnings, so strict mode passes (MkDocs' own
    # behaviour); that conversion must not let the next builds pass too.
    assert mkdocs_build(project, tmp_path / "site", "--quiet").returncode == 0
    for _ in range(2):
        build = mkdocs_build(project, tmp_path / "site")
        assert build.returncode != 0
        assert "'missing.md'" in build.stderr and "not found" in build.stderr
    remembered = _pages(project)  # those of the other pages are kept
    assert len(remembered) == len(list((project / "docs").rglob("*.md"))) - 1
    assert not any("the missing page" in entry["content"] for entry in remembered.values())


def test_remembered_html_still_goes_through_the_page_checks(project: Path, tmp_path: Path):
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    pages = _pages(project)
    poisoned = {key: dict(entry, content=entry["content"] + "<script>alert(1)</script>")
                for key, entry in pages.items()}
    _remember_pages(project, poisoned)
    build = mkdocs_build(project, tmp_path / "poisoned")
    assert build.returncode != 0
    assert "unsafe HTML in a page" in build.stderr and "Traceback" not in build.stderr
    assert not any("alert(1)" in path.read_text("utf-8")
                   for path in (tmp_path / "poisoned").rglob("*.html"))


def test_a_damaged_or_foreign_cache_is_ignored(project: Path, tmp_path: Path):
    assert mkdocs_build(project, tmp_path / "first").returncode == 0
    cache = project / CONVERSIONS_CACHE
    good = json.loads(cache.read_text("utf-8"))
    key = next(iter(good["pages"]))
    section = next(iter(good["sections"]))
    for damaged in ("[" * 100_000, json.dumps(dict(good, format=0)),
                    json.dumps(dict(good, pages={key: dict(good["pages"][key], toc=[{}])})),
                    json.dumps(dict(good, sections={section: [{"location": 1}]}))):
        cache.write_text(damaged, "utf-8")
        build = mkdocs_build(project, tmp_path / "again")
        assert build.returncode == 0, build.stderr
        assert snapshot(tmp_path / "again") == snapshot(tmp_path / "first")
