"""What a build reuses of MkDocs' own work instead of redoing it, by reaching into MkDocs'
internals (pinned in requirements.txt; each function has a test in
tests/e2e/test_mkdocs_internals.py, as mkdocs_internals.py's reaches do):

- Each page's conversion of Markdown to HTML (``Page.render``) goes through
  :func:`remember_conversions`, which sets the page's converted values (``content``, ``toc``,
  ``_title_from_render``, ``present_anchor_ids``, ``links_to_anchors``) from a remembered
  conversion of the same input (site/conversions.py).
- MkDocs lists the theme's static files for each build of each language (``Files.
  add_files_from_theme``: ~15,000 names of Material's, filtered by pattern, ~0.1 s each time);
  :func:`list_theme_files_once` keeps the listing while no folder of the theme changes.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from .site.conversions import Conversions


# --- remembered conversions ----------------------------------------------------------------------

_conversions: Conversions | None = None
"""Where ``Page.render`` looks first (None: MkDocs' own render, untouched)."""
_files_digests: dict[int, tuple[object, str]] = {}
"""id(Files) -> (the Files, the digest of the settings and files its pages are converted with)."""


def remember_conversions(conversions: Conversions | None) -> None:
    """Make ``Page.render`` take a page's conversion from ``conversions`` when one of the same
    Markdown, page, files and settings is there, and add each new one that MkDocs made without
    a message (one with a warning is converted again each time: strict mode must see it). None
    restores MkDocs' render. Called by each build's ``on_config``."""
    from mkdocs.structure.pages import Page

    global _conversions
    _conversions = conversions
    _files_digests.clear()
    if not hasattr(Page.render, "mkdocs_render"):
        original = Page.render

        def render(page: Page, config: MkDocsConfig, files: Files) -> None:
            if _conversions is None:
                original(page, config, files)
            else:
                _render_remembered(original, _conversions, page, config, files)

        render.mkdocs_render = original  # type: ignore[attr-defined]
        Page.render = render  # type: ignore[method-assign]


class _Records(logging.Handler):
    """Counts the messages logged while it is attached."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _render_remembered(original: Callable, conversions: Conversions, page: Page,
                       config: MkDocsConfig, files: Files) -> None:
    mkdocs_log = logging.getLogger("mkdocs")
    level = mkdocs_log.getEffectiveLevel()  # --quiet: ERROR (warnings are not even made)
    # verbose: MkDocs' debug notes on each link; no Markdown: MkDocs' own error
    if level <= logging.DEBUG or page.markdown is None:
        original(page, config, files)
        return
    key = _conversion_key(page, config, files, level)
    entry = conversions.pages.get(key)
    if entry is not None and _apply_conversion(entry, page, files):
        return
    records = _Records()
    watched = (mkdocs_log, logging.getLogger())  # MkDocs' messages; Python-Markdown's
    for logger in watched:
        logger.addHandler(records)
    try:
        original(page, config, files)
    finally:
        for logger in watched:
            logger.removeHandler(records)
    if records.count == 0:  # as quiet at this level next time (the level is in the key)
        conversions.pages.put(key, _conversion_entry(page))


def _conversion_key(page: Page, config: MkDocsConfig, files: Files, level: int) -> str:
    """Names everything a page's conversion depends on: MkDocs' and Python-Markdown's
    versions, the Markdown settings, the links' settings, every file's source and address (the
    links resolve against them), the page's own, its Markdown, and the level from which
    MkDocs' messages are made (a conversion that made none at one level may warn at another)."""
    known = _files_digests.get(id(files))
    if known is None or known[0] is not files:
        known = (files, _files_digest(config, files))
        _files_digests[id(files)] = known
    file = page.file
    return hashlib.sha256("\0".join(
        (known[1], str(level), file.src_uri, file.url, str(file.inclusion), page.markdown)
    ).encode("utf-8")).hexdigest()


def _files_digest(config: MkDocsConfig, files: Files) -> str:
    import markdown
    import mkdocs

    links = config.validation.links
    settings = [mkdocs.__version__, markdown.__version__, _extension_versions(config),
                config.markdown_extensions, config.mdx_configs, config.use_directory_urls,
                [links.not_found, links.absolute_links, links.unrecognized_links, links.anchors],
                sorted((f.src_uri, f.url, str(f.inclusion)) for f in files)]
    text = json.dumps(settings, default=repr, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _extension_versions(config: MkDocsConfig) -> list[str]:
    """The versions of the packages of Markdown extensions not part of Python-Markdown."""
    names = {str(name).split(".")[0] for name in config.markdown_extensions}
    names -= {"markdown", "abbr", "admonition", "attr_list", "codehilite", "def_list",
              "extra", "fenced_code", "footnotes", "legacy_attrs", "legacy_em", "md_in_html",
              "meta", "nl2br", "sane_lists", "smarty", "tables", "toc", "wikilinks"}
    if not names:
        return []
    from importlib.metadata import packages_distributions, version

    distributions = packages_distributions()
    return sorted(f"{dist}=={version(dist)}" for name in names
                  for dist in distributions.get(name, [name]))


def _conversion_entry(page: Page) -> dict:
    def tokens(items: list) -> list[dict]:
        return [{"level": item.level, "id": item.id, "name": item.title,
                 "children": tokens(item.children)} for item in items]

    return {"content": page.content, "toc": tokens(list(page.toc)),
            "title": page._title_from_render, "anchors": sorted(page.present_anchor_ids or ()),
            "links": {file.src_uri: dict(links)
                      for file, links in (page.links_to_anchors or {}).items()}}


def _apply_conversion(entry: dict, page: Page, files: Files) -> bool:
    """Set what ``Page.render`` sets, from ``entry``; False if a linked file is gone."""
    from mkdocs.structure import pages
    from mkdocs.structure.toc import get_toc

    links = {}
    for src_uri, anchors in entry["links"].items():
        target = files.get_file_from_path(src_uri)
        if target is None:
            return False
        links[target] = dict(anchors)
    page.content = entry["content"]
    page.toc = get_toc(entry["toc"])
    page._title_from_render = entry["title"]
    page.present_anchor_ids = set(entry["anchors"])
    if pages.log.getEffectiveLevel() > logging.DEBUG:  # as Page.render does
        page.links_to_anchors = links
    return True


# --- theme files listed once ---------------------------------------------------------------------

_theme_listing: dict[tuple, list[tuple[str, str]]] = {}
"""Key (:func:`_theme_key`) -> the theme's static files: (path, theme folder holding it)."""


def list_theme_files_once() -> None:
    """Make ``Files.add_files_from_theme`` add the files MkDocs' own listing found for the same
    theme folders, as long as none of their folders changed (a file added, removed or renamed
    changes its folder's time); otherwise list them with MkDocs' code again."""
    from mkdocs.structure.files import File, Files

    if hasattr(Files.add_files_from_theme, "mkdocs_add_files_from_theme"):
        return
    original = Files.add_files_from_theme

    def add_files_from_theme(files: Files, env: object, config: MkDocsConfig) -> None:
        key = _theme_key(config)
        listing = _theme_listing.get(key)
        if listing is None:
            every = Files([])
            original(every, env, config)
            listing = [(file.src_uri, file.src_dir) for file in every]
            if len(_theme_listing) >= 8:  # one per language; keep a few, not every old one
                _theme_listing.clear()
            _theme_listing[key] = listing
        for path, folder in listing:  # as MkDocs adds them: docs/ files win
            if files.get_file_from_path(path) is None:
                files.append(File(path, folder, config.site_dir, config.use_directory_urls))

    add_files_from_theme.mkdocs_add_files_from_theme = original  # type: ignore[attr-defined]
    Files.add_files_from_theme = add_files_from_theme  # type: ignore[method-assign]


def _theme_key(config: MkDocsConfig) -> tuple:
    """The theme's folders (mkdocs-static-i18n repeats one in its later languages' builds: the
    same listing), what MkDocs' listing leaves out, and the time of every folder in them
    (~10 ms for Material's, against ~100 ms for the listing)."""
    import os

    from mkdocs import utils

    folders = tuple(dict.fromkeys(config.theme.dirs))
    times = []
    for top in folders:
        for folder, _, _ in os.walk(top):
            try:
                times.append((folder, os.stat(folder).st_mtime_ns))
            except OSError:
                times.append((folder, None))
    return (folders, tuple(config.theme.static_templates),
            tuple(utils.markdown_extensions), tuple(times))
