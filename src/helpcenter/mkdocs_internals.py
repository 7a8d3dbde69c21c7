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
- What a build reuses of MkDocs' own work instead of redoing it (``Page.render``'s conversions,
  ``Files.add_files_from_theme``'s listing) is in mkdocs_reuse.py, tested here too.
- Material's templates print the site name, the language names, page and section titles as
  HTML, without escaping (MkDocs' Jinja has no autoescape): every such plain text goes in as
  :func:`html_text` (escaped, and marked safe so that a template's ``|e`` does not escape it
  twice).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from markupsafe import Markup
from mkdocs.exceptions import PluginError

from .model import HelpCenter

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

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
