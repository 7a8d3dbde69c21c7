"""Every place where the hook reaches past the documented plugin API of MkDocs, Material for
MkDocs and mkdocs-static-i18n (pinned in requirements.txt). Each function has a test in
tests/e2e/test_mkdocs_internals.py, so that an upgrade that changes one of them fails that test
with a clear message instead of quietly breaking the site.

- Pictures of faq_source/ are added to the site as ``File.generated`` (MkDocs 1.6) in the
  first language's ``on_files``.
- Material's search plugin keeps its search box and dialog, but its ``page_context`` event (its
  per-page indexing with html.parser) is dropped: site/search_sections.py does it, faster.
- mkdocs-static-i18n's languages are built as its own ``I18nPluginLanguage`` config objects.
- Which language is building (``current_language``) and whether this is one of the plugin's
  inner per-language builds (``building``) are attributes of the plugin object.
- The language selector of a page is ``config.extra.alternate``, set as an attribute, as the
  i18n plugin does, which is what Material's header template reads.
- ``mkdocs serve``'s file watcher: its handler of docs/ is replaced by one that skips the
  generator's own writes (:func:`ignore_own_docs_changes`), and faq_source/ is watched with the
  platform's file events instead of its polling (:func:`watch_natively`); both set the
  server's rebuild flag, and the server's quiet period before a rebuild (``build_delay``) is
  shortened to match events that come at once.
- Each page's conversion of Markdown to HTML (``Page.render``) goes through
  :func:`remember_conversions`, which sets the page's converted values (``content``, ``toc``,
  ``_title_from_render``, ``present_anchor_ids``, ``links_to_anchors``) from a remembered
  conversion of the same input (site/conversions.py).
- MkDocs lists the theme's static files for each build of each language (``Files.
  add_files_from_theme``: ~15,000 names of Material's, filtered by pattern, ~0.1 s each time);
  :func:`list_theme_files_once` keeps the listing while no folder of the theme changes.
- Material's templates print the site name, the language names, page and section titles as
  HTML, without escaping (MkDocs' Jinja has no autoescape): every such plain text goes in as
  :func:`html_text` (escaped, and marked safe so that a template's ``|e`` does not escape it
  twice).
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from markupsafe import Markup
from mkdocs.exceptions import PluginError

from .model import HelpCenter

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    from .site.conversions import Conversions

SEARCH_PLUGIN = "material/search"
I18N_PLUGIN = "i18n"


def generated_file(config: MkDocsConfig, address: str, data: bytes) -> File:
    """A file of the built site that is not in docs/ (MkDocs 1.6 ``File.generated``)."""
    from mkdocs.structure.files import File

    return File.generated(config, address, content=data)


def html_text(text: str) -> Markup:
    """A plain text as the templates must print it: escaped for HTML text and attributes."""
    return text if isinstance(text, Markup) else Markup.escape(text)


def skip_theme_page_indexing(config: MkDocsConfig) -> None:
    """Unregister the theme's search plugin from ``page_context`` (~4 s at 5,000 questions)."""
    search = config.plugins.get(SEARCH_PLUGIN)
    events = config.plugins.events["page_context"]
    events[:] = [method for method in events if getattr(method, "__self__", None) is not search]


def configure_languages(config: MkDocsConfig, center: HelpCenter) -> None:
    """Give mkdocs-static-i18n the source's languages (it runs after the hook, priority -100);
    only on the first ``on_config`` of a build (the plugin has no language yet)."""
    i18n = config.plugins.get(I18N_PLUGIN)
    if i18n is None or i18n.current_language is not None:
        return
    from mkdocs_static_i18n.config import I18nPluginLanguage

    faq_title = html_text(center.language(center.default_language).labels.faq_title)
    languages = []
    for language in center.languages:
        item = I18nPluginLanguage()
        item.load_dict({
            "locale": language.code,
            "name": html_text(language.name),
            "default": language.code == center.default_language,
            "build": True,
            "site_name": html_text(language.site_name),
            "site_description": html_text(language.description),
            # the FAQ section of the navigation is titled in the default language
            "nav_translations": {faq_title: html_text(language.labels.faq_title)},
        })
        failed, _ = item.validate()
        if failed:
            raise PluginError(
                f"language '{language.code}' is not usable by mkdocs-static-i18n: {failed}"
            )
        languages.append(item)
    i18n.config.languages = languages


def current_language(config: MkDocsConfig, default: str) -> str:
    """The language mkdocs-static-i18n is building (``default`` without the plugin)."""
    i18n = config.plugins.get(I18N_PLUGIN)
    return getattr(i18n, "current_language", None) or default


def inner_build(config: MkDocsConfig) -> bool:
    """True during mkdocs-static-i18n's builds of the languages after the first: the outer
    build (the first language's) finishes the site once they are done."""
    return bool(getattr(config.plugins.get(I18N_PLUGIN), "building", False))


def set_language_selector(config: MkDocsConfig, links: list[dict[str, str]]) -> None:
    """The header's language selector (``name``, ``lang``, ``link`` per language)."""
    config.extra.alternate = [{**link, "name": html_text(link["name"])} for link in links]


def escape_page_title(page: Page) -> None:
    """Material prints ``page.title`` as HTML (header, navigation, footer) but strips its tags in
    ``<title>``, which unescapes it; the metadata title, which it reads first, is printed as is.
    A title from the page's Markdown is already HTML (MkDocs escapes the heading's text); one
    from front matter is plain text."""
    if "title" in page.meta:
        page.meta["title"] = html_text(str(page.meta["title"]))
    elif page.title is not None:  # MkDocs escapes & < > but not quotes: attributes need them
        page.meta["title"] = html_text(Markup(page.title).unescape())


def plain_title(page: Page) -> str:
    """The page's title as MkDocs gives it (& < > escaped, quotes as written): what its search
    entries hold."""
    title = page.meta.get("title", page.title)
    plain = title.unescape() if isinstance(title, Markup) else str(title)
    return html.escape(plain, quote=False)


def escape_nav_titles(nav: list) -> list:
    """``nav`` with every section title as :func:`html_text`."""
    return [{html_text(key): escape_nav_titles(value) for key, value in item.items()}
            if isinstance(item, dict) else item for item in nav]


def ignore_own_docs_changes(server: object, docs_dir: str, own: Callable[[str], bool]) -> None:
    """Make ``mkdocs serve`` rebuild on changes under ``docs_dir`` except those for which
    ``own(path)`` is true. The hook regenerates docs/ inside a build, so MkDocs' own watcher of
    docs/ saw those writes and built (and reloaded the browsers) a second time. Uses the
    server's watchdog observer and its rebuild flag (mkdocs/livereload/__init__.py)."""
    from watchdog.events import FileSystemEventHandler

    server.unwatch(docs_dir)

    def on_any_event(event: object) -> None:
        paths = [event.src_path, getattr(event, "dest_path", "")]
        if event.is_directory or all(own(path) for path in paths if path):
            return
        _want_rebuild(server)

    handler = FileSystemEventHandler()
    handler.on_any_event = on_any_event
    server.observer.schedule(handler, docs_dir, recursive=True)


def _want_rebuild(server: object) -> None:
    with server._rebuild_cond:
        server._want_rebuild = True
        server._rebuild_cond.notify_all()


QUIET_PERIOD = 0.02
"""Seconds without a change before ``mkdocs serve`` rebuilds, with file events (MkDocs: 0.1)."""
_CHANGES = frozenset({"created", "deleted", "modified", "moved"})
"""Event types that change a file (not opened, closed: the build reads the files too)."""


def watch_natively(server: object, config: MkDocsConfig, path: str) -> Callable[[], None]:
    """Watch ``path`` (one of ``config.watch``) with the platform's file events (inotify,
    FSEvents, ...) instead of MkDocs' polling every 0.5 s, so that a save starts the rebuild at
    once; return the function that stops watching. Where the platform's observer cannot start,
    ``path`` stays with MkDocs' polling and nothing needs stopping."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    def on_any_event(event: object) -> None:
        if event.event_type in _CHANGES:
            _want_rebuild(server)

    handler = FileSystemEventHandler()
    handler.on_any_event = on_any_event
    observer = Observer()
    try:
        observer.schedule(handler, path, recursive=True)
        observer.start()
    except OSError:  # e.g. no inotify watches left
        return lambda: None
    config.watch = [item for item in config.watch if item != path]  # MkDocs polls the rest
    # The events of a save now come within milliseconds, not in 0.5 s batches: MkDocs' quiet
    # period before it rebuilds (0.1 s, restarted by each event) can be shorter.
    server.build_delay = min(server.build_delay, QUIET_PERIOD)

    def stop() -> None:
        observer.stop()
        observer.join(timeout=5)

    return stop


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
