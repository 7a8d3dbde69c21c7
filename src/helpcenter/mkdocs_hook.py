"""MkDocs hook: regenerate docs/ from faq_source/ at the start of every build (and every
``mkdocs serve`` rebuild), and take the navigation and the languages from the source.

Listed in mkdocs.yml as ``hooks: [hooks/helpcenter_hook.py]``, which imports this module: hooks are
not reloaded by ``mkdocs serve``, the installed package is.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from . import anchors, search_index, seo
from .cli import generate, translation_note
from .errors import HelpCenterError
from .gcpause import collector_paused
from .model import HelpCenter
from .render import navigation, split_marker
from .search_sections import page_sections
from .search_terms import Analyses
from .site_files import searched_texts, site_files

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger("helpcenter")

THEME_DIR = str(Path(__file__).parent / "theme")
"""Template overrides and scripts (absolute hreflang, per-language search worker, 404 page),
shipped with the package so that any copy of the project builds the same site."""


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Runs before files are collected (once per language with mkdocs-static-i18n)."""
    root = Path(config.config_file_path).parent
    if not config.site_url:  # e.g. SITE_URL set to an unset CI variable
        raise PluginError("site_url is empty (is SITE_URL set to nothing?): the sitemap, "
                          "canonical and language links need the public address. Set SITE_URL "
                          "to it, e.g. https://help.example.com/, or unset it for the default.")
    try:
        result = generate(root)
    except HelpCenterError as err:
        raise PluginError(f"faq_source/ cannot be built:\n{err}") from None
    if result.plan.changes:
        log.info("regenerated docs/: %s", result.plan.summary())
    if _site.terms_file is None:  # first build of this process
        if note := translation_note(result):
            log.info(note)
        _site.terms_file = root / TERMS_CACHE
        _site.analyses.load(_site.terms_file)
    config.nav = navigation(result.center)
    _configure_languages(config, result.center)
    _site.center = result.center
    if THEME_DIR not in config.theme.dirs:  # our templates first, then Material's
        config.theme.dirs.insert(0, THEME_DIR)
    _skip_theme_page_indexing(config)
    return config


def _skip_theme_page_indexing(config: MkDocsConfig) -> None:
    """The theme's search plugin stays (its search box and dialog are the site's), but it no
    longer cuts every page into sections with html.parser (~4 s at 5,000 questions) for a lunr
    index that ours replaces: on_page_context does that, faster (search_sections.py)."""
    search = config.plugins.get("material/search")
    events = config.plugins.events["page_context"]
    events[:] = [method for method in events if getattr(method, "__self__", None) is not search]


def _configure_languages(config: MkDocsConfig, center: HelpCenter) -> None:
    """Give mkdocs-static-i18n the source's languages (it runs after this hook, priority -100)."""
    i18n = config.plugins.get("i18n")
    if i18n is None or i18n.current_language is not None:  # not first build of this config
        return
    from mkdocs_static_i18n.config import I18nPluginLanguage

    languages = []
    for language in center.languages:
        item = I18nPluginLanguage()
        item.load_dict(
            {
                "locale": language.code,
                "name": language.name,
                "default": language.code == center.default_language,
                "build": True,
                "site_name": language.site_name,
                "site_description": language.description,
                # the FAQ section of the navigation is titled in the default language
                "nav_translations": {
                    center.language(center.default_language).labels.faq_title: (
                        language.labels.faq_title
                    )
                },
            }
        )
        failed, _ = item.validate()
        if failed:
            raise PluginError(
                f"language '{language.code}' is not usable by mkdocs-static-i18n: {failed}"
            )
        languages.append(item)
    i18n.config.languages = languages


# --- search, SEO and not-found pages (issue 4) -------------------------------------------------
# The logic is in seo.py and search_index.py; these events only hand it MkDocs' data.


class _SiteState:
    """What the events of one ``mkdocs build`` share (every language's build included)."""

    center: HelpCenter | None = None
    not_found: dict[str, str] = {}
    """Language code -> rendered 404.html (each language build overwrites site/404.html)."""
    sections: dict[str, list[dict]] = {}
    """Page's file URL -> its search entries (search_sections.py), kept from build to build: a dirty
    ``mkdocs serve`` rebuild renders only the changed pages."""
    page_urls: list[str] = []
    """The pages of this build so far (every language), in build order."""

    def search_entries(self) -> list[dict]:
        return [entry for url in self.page_urls for entry in self.sections.get(url, ())]
    analyses = Analyses()
    """Korean search analyses, kept for every later build of this process (mkdocs serve)."""
    terms_file: Path | None = None


_SEARCH_ATTRIBUTES = re.compile(r'\s?data-search-\w+="[^"]+"')

TERMS_CACHE = Path(".cache") / "search-terms.json"
"""The analyses of the last build, for the next one (relative to the project; git-ignored)."""


_site = _SiteState()


def _current_language(config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    assert _site.center is not None
    return getattr(i18n, "current_language", None) or _site.center.default_language


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: object) -> str:
    """Drop the generated-file marker before MkDocs reads the page: MkDocs takes the title only
    from a leading H1, and the marker is for the generator, not for readers."""
    parts = split_marker(markdown)
    if not parts:
        return markdown
    if _site.center is None:
        return parts[1]
    # Generated section headings get one anchor in every language (anchors.py).
    labels = _site.center.language(_current_language(config)).labels
    return anchors.with_stable_ids(parts[1], labels)


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    """Give the templates (theme/main.html) this page's canonical URL, hreflang alternates
    and meta description."""
    if _site.center is None:
        return context
    code = _current_language(config)
    if not (page.meta.get("search") or {}).get("exclude"):
        title = str(page.meta.get("title", page.title))
        _site.sections[page.file.url] = page_sections(page.content or "", page.url, title)
    page.content = _SEARCH_ATTRIBUTES.sub("", page.content or "")  # as the theme's plugin does
    path = page.url
    prefix = seo.language_root(_site.center, code)
    if prefix and path.startswith(prefix):
        path = path[len(prefix):]
    context["helpcenter_seo"] = seo.page_seo(_site.center, config.site_url or "", code, path)
    return context


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    """The not-found page: its texts, and a language selector leading to each home page."""
    if template_name != "404.html" or _site.center is None:
        return context
    code = _current_language(config)
    language = _site.center.language(code)
    base = urlsplit(config.site_url or "/").path or "/"
    context["helpcenter_not_found"] = {"title": language.not_found_title,
                                       "text": language.not_found_text,
                                       "home": base + seo.language_root(_site.center, code)}
    # Set as mkdocs-static-i18n does (an attribute), which is what the theme reads.
    config.extra.alternate = [
        {"name": lang.name, "lang": lang.code,
         "link": base + seo.language_root(_site.center, lang.code)}
        for lang in _site.center.languages
    ]
    return context


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name == "404.html" and _site.center is not None:
        _site.not_found[_current_language(config)] = output
    return output


@event_priority(-110)  # after mkdocs-static-i18n (-100) has kept this language's pages
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Note this language's pages, in build order (the order of its search entries)."""
    _site.page_urls += [file.url for file in files.documentation_pages()]
    return files


def on_pre_build(config: MkDocsConfig) -> None:
    """mkdocs-static-i18n starts building one more language: meanwhile, analyse the search
    texts of the languages already built, in the background (search_terms.py)."""
    i18n = config.plugins.get("i18n")
    if not getattr(i18n, "building", False):
        _site.page_urls = []  # the first language: a new build
        return
    if _site.center is None:
        return
    for code, texts in searched_texts(_site.center, _site.search_entries()).items():
        _site.analyses.prefetch(code, texts)


@event_priority(-150)  # after mkdocs-static-i18n (-100) has built every language
def on_post_build(config: MkDocsConfig) -> None:
    """Per-language search indexes, the sitemap and the per-language 404 pages, written once
    all languages are built."""
    i18n = config.plugins.get("i18n")
    if getattr(i18n, "building", False) or _site.center is None:
        return  # an inner per-language build: the outer one finishes the site
    center, site_dir = _site.center, Path(config.site_dir)
    analyse_many = _site.analyses.analyse_many
    for language in center.languages:
        for problem in search_index.synonym_problems(language.code, language.synonyms,
                                                     analyse_many):
            log.warning("faq_source/site.yaml: %s", problem)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()  # as MkDocs reads it
    with collector_paused():
        files = site_files(center, config.site_url or "", _site.search_entries(),
                           dict(_site.not_found), int(epoch) if epoch else None, analyse_many)
    for relative, data in files.items():
        target = site_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    _site.not_found.clear()
    _site.sections = {url: _site.sections[url] for url in _site.page_urls if url in _site.sections}
    if _site.terms_file is not None:
        _site.analyses.save(_site.terms_file)
