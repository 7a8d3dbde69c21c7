"""MkDocs hook: events only. Each hands MkDocs' data to the pipeline (pipeline.py) or to the site
build (site/session.py) and puts the answer back; reaches into Material and mkdocs-static-i18n
are in mkdocs_internals.py.

Listed in mkdocs.yml as ``hooks: [hooks/helpcenter_hook.py]``, which imports this module: hooks are
not reloaded by ``mkdocs serve``, the installed package is.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from . import mkdocs_internals as internals
from . import mkdocs_reuse as reuse
from .errors import HelpCenterError
from .paths import navigation
from .pipeline import generate, save_deferred, translation_note, written_by_generator
from .site.session import SiteBuild, SiteMemory, settings_problem

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger("helpcenter")

THEME_DIR = str(Path(__file__).parent / "theme")  # our template overrides and scripts
_memory: SiteMemory | None = None  # made by the first build of the process (mkdocs serve)
_build: SiteBuild | None = None  # made by each build's first on_config (not i18n's inner ones)
_serving = False  # mkdocs serve: caches are saved when it stops, not at every rebuild
_stop_watching: Callable[[], None] = lambda: None  # mkdocs serve's watcher of faq_source/


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Regenerate docs/ (once per build: not again for each later language), then take the
    navigation and the languages from the source."""
    global _memory, _build
    root = Path(config.config_file_path).parent
    if problem := settings_problem(config.site_url or ""):
        raise PluginError(problem)
    first = _memory is None  # first build of this process
    if _memory is None:  # before generating: a cold build's analyser loads meanwhile
        _memory = SiteMemory(root, serving=_serving)
    if _build is None or not internals.inner_build(config):  # the first language's build
        try:  # generates docs/ for every language
            result = generate(root, defer_save=True)  # saved at the end: on_post_build
        except HelpCenterError as err:
            raise PluginError(f"faq_source/ cannot be built:\n{err}") from None
        if result.plan.changes:
            log.info("regenerated docs/: %s", result.plan.summary())
        if first and (note := translation_note(result)):
            log.info(note)
        _build = SiteBuild(result.center, _memory)
    center = _build.center
    reuse.remember_conversions(_memory.conversions)
    reuse.list_theme_files_once()
    config.nav = internals.escape_nav_titles(navigation(center))
    config.extra["helpcenter_keep_words"] = [  # theme/partials/helpcenter-style.html
        language.code for language in center.languages if language.keep_words]
    internals.configure_languages(config, center)
    if THEME_DIR not in config.theme.dirs:  # our templates first, then Material's
        config.theme.dirs.insert(0, THEME_DIR)
    internals.skip_theme_page_indexing(config)
    return config


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Each language's (and rebuild's) new environment reuses the templates compiled before."""
    if _memory is not None:
        env.bytecode_cache = _memory.templates
    return env


def _language(config: MkDocsConfig, build: SiteBuild) -> str:
    return internals.current_language(config, build.center.default_language)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: object) -> str:
    if _build is None:
        return markdown
    return _build.page_markdown(markdown, _language(config, _build))


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: object) -> str:
    internals.escape_page_title(page)  # every page's, before any template prints a title
    if _build is not None and _searched(page):
        _build.page_made(html, page.url, page.file.url, internals.plain_title(page))
    return html


def _searched(page: Page) -> bool:
    return not (page.meta.get("search") or {}).get("exclude")


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    """Search entries of the page, and its SEO values for the templates (theme/main.html)."""
    if _build is None:
        return context
    searched, code = _searched(page), _language(config, _build)
    try:
        page.content = _build.page_html(page.content or "", page.file.src_uri, page.url,
                                        page.file.url, internals.plain_title(page),
                                        searched, code)
    except HelpCenterError as err:
        raise PluginError(f"unsafe HTML in a page:\n{err}") from None
    context["helpcenter_seo"] = _build.page_seo(page.url, code, config.site_url or "")
    return context


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    """The not-found page: its texts, and a language selector leading to each home page."""
    if template_name != "404.html" or _build is None:
        return context
    site_url = config.site_url or ""
    context["helpcenter_not_found"] = _build.not_found_texts(_language(config, _build), site_url)
    internals.set_language_selector(config, _build.not_found_selector(site_url))
    return context


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name == "404.html" and _build is not None:
        _build.not_found[_language(config, _build)] = output
    return output


@event_priority(-110)  # after mkdocs-static-i18n (-100) has kept this language's pages
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Note the language's pages; in the first language's build, add the pictures of
    faq_source/ at their content-named addresses (assets/images/<sha256>.<ext>, shared by every
    language): MkDocs writes them into site/ (and serves them with ``mkdocs serve``), so docs/
    never holds a copy and nothing outside what the generator owns is written."""
    if _build is None:
        return files
    _build.add_pages([file.url for file in files.documentation_pages()])
    if not internals.inner_build(config):
        source_dir = Path(config.config_file_path).parent / "faq_source"
        try:
            pictures = _build.picture_files(source_dir)
        except HelpCenterError as err:
            raise PluginError(f"faq_source/ cannot be built:\n{err}") from None
        for address, data in pictures.items():
            files.append(internals.generated_file(config, address, data))
    return files


@event_priority(-150)  # after mkdocs-static-i18n (-100) has built every language
def on_post_build(config: MkDocsConfig) -> None:
    if internals.inner_build(config) or _build is None:
        return  # an inner per-language build: the outer one finishes the site
    if not _serving:
        save_deferred()  # while the analyser finishes the last pages' texts
    for problem in _build.synonym_problems():
        log.warning("faq_source/site.yaml: %s", problem)
    _build.finish(Path(config.site_dir), config.site_url or "")


def on_serve(server: object, config: MkDocsConfig, builder: object) -> object:
    """Rebuild once per edit (not again for the pages the hook wrote), with Kiwi loaded."""
    global _stop_watching
    docs = Path(config.docs_dir)
    internals.ignore_own_docs_changes(server, config.docs_dir,
                                      lambda path: written_by_generator(docs, Path(path)))
    source_dir = str(Path(config.config_file_path).parent / "faq_source")
    if source_dir in config.watch:  # a save there rebuilds at once (not at the next poll)
        _stop_watching = internals.watch_natively(server, config, source_dir)
    if _memory is not None:
        _memory.keep_analyser_ready()
    return server


def on_shutdown() -> None:
    _stop_watching()
    reuse.remember_conversions(None)
    save_deferred()  # a build that stopped after generating (strict mode's warnings)
    if _memory is not None:
        _memory.close()
