"""What the MkDocs events of a build share, and what a process keeps from build to build.

mkdocs-static-i18n builds the default language, then each other language inside the first
build's ``post_build``; ``mkdocs serve`` rebuilds in the same process. So:

- :class:`SiteMemory` lives for the process: the Korean search analyses (search_terms.py, with
  their analyser process), the pages' conversions to HTML (conversions.py) and each page's
  search entries (a dirty ``mkdocs serve`` rebuild
  renders only the changed pages);
- :class:`SiteBuild` lives for one build (every language of it): the model, the pages built so
  far in build order, and each language's 404 page, until :meth:`SiteBuild.finish` writes the
  search indexes, the sitemap and the 404 pages into site/.

No mkdocs imports: the hook hands these methods MkDocs' values.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from .. import paths
from ..atomic import write_atomic
from ..errors import Problem, SourceError, UnsafeOutputError
from ..gcpause import collector_paused
from ..marker import split_marker
from ..model import HelpCenter
from ..render.anchors import with_stable_ids
from . import search_index, seo
from .compiled_templates import CompiledTemplates
from .conversions import CONVERSIONS_CACHE, Conversions, sections_key
from .files import searched_texts, site_files, source_date_epoch
from .sanitize import sanitize, unsafe_page_problems
from .search_sections import page_sections
from .search_terms import TERMS_CACHE, Analyses, take_analyser
_SEARCH_ATTRIBUTES = re.compile(r'\s?data-search-\w+="[^"]+"')


def settings_problem(site_url: str) -> str | None:
    """Why the build cannot use its ``site_url`` or ``SOURCE_DATE_EPOCH``, or None (MkDocs reads
    the latter too, at the end of the build, with a traceback for garbage)."""
    try:
        source_date_epoch(os.environ.get("SOURCE_DATE_EPOCH"))
    except ValueError as err:
        return str(err)
    return seo.site_url_problem(site_url)


class SiteMemory:
    """Kept for every build of a process (``mkdocs serve``)."""

    def __init__(self, root: Path, *, serving: bool = False) -> None:
        self.serving = serving
        """``mkdocs serve``: what is remembered is saved when it stops, not at every rebuild."""
        self._analyses_unsaved = False
        self.analyses = Analyses()
        self.terms_file = root / TERMS_CACHE
        self.analyses.load(self.terms_file)
        cold = self.analyses.knows_nothing()
        self.analyses.analyser = take_analyser(root, wanted=cold or serving)
        if cold:  # a cold build: load Kiwi while the source is checked (if not started ahead)
            self.analyses.analyser.start()
        self.sections: dict[str, list[dict]] = {}
        """Page's file URL -> its search entries (search_sections.py)."""
        self.conversions = Conversions(root / CONVERSIONS_CACHE)
        """The pages' Markdown -> HTML conversions (conversions.py)."""
        self.templates = CompiledTemplates()
        """The theme's templates, compiled once for every language and rebuild."""
        self.indexes: dict[str, tuple[str, bytes]] = {}
        """``mkdocs serve``: each language's last search index, by the digest of its inputs
        (files.site_files)."""
        self.sanitized: dict[bytes, str] = {}
        """``mkdocs serve``: SHA-256 of a page's HTML -> the same HTML through the sanitizer, for
        the pages of the last build that it left whole. In memory only: what the sanitizer
        guarantees is never read back from disk."""

    def keep_analyser_ready(self) -> None:
        """``mkdocs serve``: load Kiwi now, so that an edit's new texts need not wait for it."""
        self.analyses.analyser.start()

    def finished_build(self) -> None:
        self._analyses_unsaved = True
        self.conversions.end_build()
        if not self.serving:
            self.save()

    def save(self) -> None:
        """Save the analyses of the finished builds and the conversions (.cache/)."""
        if self._analyses_unsaved:
            self.analyses.save(self.terms_file)
            self._analyses_unsaved = False
        self.conversions.save()

    def close(self) -> None:
        """Save, and stop the analyser process (end of ``mkdocs build`` or ``mkdocs serve``).
        The conversions of a build that did not finish are kept too (strict mode stops a build
        with warnings after converting every page)."""
        self.conversions.end_build()
        self.save()
        self.analyses.analyser.close()


class SiteBuild:
    """One ``mkdocs build`` (or ``mkdocs serve`` rebuild), every language included."""

    def __init__(self, center: HelpCenter, memory: SiteMemory) -> None:
        self.center = center
        self.memory = memory
        self.page_urls: list[str] = []
        """The pages of this build so far (every language), in build order."""
        self.not_found: dict[str, str] = {}
        """Language code -> rendered 404.html (each language build overwrites site/404.html)."""
        self._made: dict[str, tuple[str, str, str, list[dict]]] = {}
        """Page's file URL -> (HTML, URL, title, search entries) as MkDocs made the page."""
        self._sanitized: dict[bytes, str] = {}
        """This build's pages through the sanitizer (SiteMemory.sanitized, for the next)."""

    def page_markdown(self, markdown: str, code: str) -> str:
        """A page's Markdown without the generated-file marker (MkDocs takes the title only
        from a leading H1, and the marker is for the generator), and with one anchor for each
        generated section heading in every language (render/anchors.py)."""
        parts = split_marker(markdown)
        if not parts:
            return markdown
        return with_stable_ids(parts[1], self.center.language(code).labels)

    def page_made(self, content: str, url: str, file_url: str, title: str) -> None:
        """A searched page's HTML is made (MkDocs makes every page before it renders any with
        its template): find its search entries and start analysing their texts."""
        self._made[file_url] = (content, url, title, self._sections(content, url, title))

    def _sections(self, content: str, url: str, title: str) -> list[dict]:
        remembered = self.memory.conversions.sections
        key = sections_key(content, url, title)
        sections = remembered.get(key)
        if sections is None:
            sections = page_sections(content, url, title)
            remembered.put(key, sections)
        for language, texts in searched_texts(self.center, sections).items():
            self.memory.analyses.prefetch(language, texts)  # on the other core meanwhile
        return sections

    def page_html(self, content: str, page: str, url: str, file_url: str, title: str,
                  searched: bool, code: str) -> str:
        """Note the page's search entries (those of :meth:`page_made` if the page is still as
        made); return its HTML as served: without the theme's search attributes (as the theme's
        search plugin does), through the sanitizer (sanitize.py).
        Raises :class:`UnsafeOutputError` if the sanitizer had to remove anything."""
        made = self._made.pop(file_url, None)
        if searched:
            self.memory.sections[file_url] = (
                made[3] if made and made[:3] == (content, url, title)
                else self._sections(content, url, title))
        served = _SEARCH_ATTRIBUTES.sub("", content)
        # mkdocs serve: the pages not edited were sanitized by the last build (one build alone
        # never sees a page twice, so it does not hash them).
        key = hashlib.sha256(served.encode("utf-8")).digest() if self.memory.serving else None
        clean = self.memory.sanitized.get(key)
        if clean is None:
            clean, removed = sanitize(served)
            if removed:
                raise UnsafeOutputError(unsafe_page_problems(self.center, code, page, removed))
        if key:
            self._sanitized[key] = clean
        return clean

    def picture_files(self, source_dir: Path) -> dict[str, bytes]:
        """The pictures of the pages, by their address from the site root (paths.image_path),
        read from ``source_dir`` (faq_source/). Each must still be the file the source check
        measured: one saved again during the build raises :class:`SourceError` (build again)
        rather than giving the page another picture's size."""
        files, problems = {}, []
        for address, image in paths.pictures(self.center).items():
            try:
                data = (source_dir / image.file).read_bytes()
            except OSError:
                data = b""
            if hashlib.sha256(data).hexdigest() != image.digest:
                problems.append(Problem(image.mark, "", f"faq_source/{image.file} changed while "
                                        "the site was being built. Build it again."))
            files[address] = data
        if problems:
            raise SourceError(problems)
        return files

    def page_seo(self, url: str, code: str, site_url: str) -> seo.PageSeo:
        """Canonical URL, hreflang alternates and description of the page at ``url``."""
        prefix = paths.language_root(self.center, code)
        path = url[len(prefix):] if prefix and url.startswith(prefix) else url
        return seo.page_seo(self.center, site_url, code, path)

    def not_found_texts(self, code: str, site_url: str) -> dict[str, str]:
        language = self.center.language(code)
        return {"title": language.not_found_title, "text": language.not_found_text,
                "home": self.home_url(code, site_url)}

    def not_found_selector(self, site_url: str) -> list[dict[str, str]]:
        """The language selector of a 404 page: each language's home page."""
        return [{"name": lang.name, "lang": lang.code, "link": self.home_url(lang.code, site_url)}
                for lang in self.center.languages]

    def home_url(self, code: str, site_url: str) -> str:
        base = urlsplit(site_url or "/").path or "/"
        return base + paths.language_root(self.center, code)

    def add_pages(self, urls: list[str]) -> None:
        """The pages of the language now building, in build order."""
        self.page_urls += urls

    def search_entries(self) -> list[dict]:
        sections = self.memory.sections
        return [entry for url in self.page_urls for entry in sections.get(url, ())]

    def synonym_problems(self) -> list[str]:
        analyse_many = self.memory.analyses.analyse_many
        return [problem for language in self.center.languages
                for problem in search_index.synonym_problems(language.code, language.synonyms,
                                                             analyse_many)]

    def finish(self, site_dir: Path, site_url: str) -> None:
        """Write the per-language search indexes, the sitemap (dated by SOURCE_DATE_EPOCH, as
        MkDocs dates its files) and the 404 pages; save what is remembered for the next build
        (SiteMemory: at once, or when ``mkdocs serve`` stops)."""
        memory = self.memory
        epoch = source_date_epoch(os.environ.get("SOURCE_DATE_EPOCH"))
        with collector_paused():
            files = site_files(self.center, site_url, self.search_entries(),
                               dict(self.not_found), epoch, memory.analyses.analyse_many,
                               memory.indexes if memory.serving else None)
        if not memory.serving:  # no more analyses in this process: the analyser stops meanwhile
            memory.analyses.analyser.end_input()
        for relative, data in files.items():
            write_atomic(site_dir / relative, data)
        self.not_found.clear()
        memory.sanitized, self._sanitized = self._sanitized, {}
        memory.sections = {url: memory.sections[url] for url in self.page_urls
                           if url in memory.sections}
        memory.finished_build()
