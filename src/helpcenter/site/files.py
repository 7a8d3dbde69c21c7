"""Files added to the built site once every language is built. Pure: returns bytes per path.

- ``search/<lang>.json``: one search index per language (search_index.py), and a stub in place of
  the theme's all-languages ``search/search_index.json``;
- ``sitemap.xml`` (+ ``.gz``) with hreflang alternates and ``x-default`` (seo.py);
- ``faq-anchors.json``: where each question is now, per language (for old addresses);
- ``404.html`` in the default language at the root and ``<lang>/404.html`` for the others: with
  mkdocs-static-i18n every language build writes ``site/404.html``, the last one wins.
"""

from __future__ import annotations

import datetime
import gzip
import hashlib
import json
from collections.abc import Iterable

from .. import paths
from ..model import HelpCenter, Language
from . import search_index, seo


def site_files(
    center: HelpCenter,
    site_url: str,
    theme_entries: Iterable[dict],
    not_found: dict[str, str],
    source_date_epoch: int | None = None,
    analyse_many: search_index.AnalyseMany = search_index.analyse_many,
    indexes: dict[str, tuple[str, bytes]] | None = None,
) -> dict[str, bytes]:
    """``{path relative to site/: bytes}``. ``theme_entries``: the theme's search entries of all
    languages; ``not_found``: the rendered 404 page per language code; ``source_date_epoch``:
    the build time for the sitemap's ``<lastmod>`` and gzip header (none: no date at all);
    ``analyse_many``: the search analyser (search_terms.py's remembers); ``indexes``: language
    code -> (digest of its index's inputs, the index) of an earlier build of this process, used
    again when the inputs are the same (``mkdocs serve``: the language not edited), updated."""
    files: dict[str, bytes] = {}
    codes = [lang.code for lang in center.languages]
    documents = search_index.split_by_language(theme_entries, codes, center.default_language)
    for language in center.languages:
        root = paths.language_root(center, language.code)
        faq = [root + paths.page_path(page.path) for page in paths.faq_pages(center)]
        skip = unsearched_titles(language)
        inputs = None if indexes is None else hashlib.sha256(repr(
            (documents[language.code], language.synonyms, sorted(skip), faq)).encode()).hexdigest()
        known = (indexes or {}).get(language.code)
        if known is None or known[0] != inputs:
            index = search_index.build_index(language.code, documents[language.code],
                                             language.synonyms, skip_titles=skip,
                                             boosted_pages=faq, analyse_many=analyse_many)
            known = (inputs, search_index.to_json(index).encode())
            if indexes is not None:
                indexes[language.code] = known
        files[f"search/{language.code}.json"] = known[1]
    files["search/search_index.json"] = search_index.stub_index(codes).encode()
    # {language: {question id: its FAQ page from the site root}}, for old or moved question
    # addresses (theme/assets/javascripts/helpcenter-anchors.js).
    pages = paths.entry_pages(center)
    anchors = {
        code: {entry: paths.language_root(center, code) + paths.page_path(page)
               for entry, page in pages.items()}
        for code in codes
    }
    files["faq-anchors.json"] = json.dumps(anchors, sort_keys=True, separators=(",", ":")).encode()

    lastmod = None
    if source_date_epoch is not None:
        lastmod = datetime.datetime.fromtimestamp(source_date_epoch, datetime.UTC).date()
    sitemap = seo.sitemap_xml(center, site_url, lastmod and lastmod.isoformat()).encode()
    files["sitemap.xml"] = sitemap
    files["sitemap.xml.gz"] = gzip.compress(sitemap, mtime=source_date_epoch or 0)

    for code, page in sorted(not_found.items()):
        files[f"{paths.language_root(center, code)}404.html"] = page.encode()
    return files


def source_date_epoch(text: str | None) -> int | None:
    """``SOURCE_DATE_EPOCH`` as a time for the sitemap (None when unset); raises
    ValueError with the fix for anything but a non-negative whole number of seconds."""
    if text is None:
        return None
    value = text.strip()  # blank is refused too: MkDocs would read it as a number
    if not value.isascii() or not value.isdigit():
        raise ValueError(f"SOURCE_DATE_EPOCH={text!r} is not a non-negative whole number of "
                         "seconds since 1970. Set it to e.g. $(git log -1 --format=%ct), or "
                         "unset it.")
    if int(value) > 253402300799:  # 9999-12-31: later dates have no ISO form
        raise ValueError(f"SOURCE_DATE_EPOCH={text!r} is after the year 9999.")
    return int(value)


def unsearched_titles(language: Language) -> tuple[str, ...]:
    """Sections listing links (the home page's guide and question lists, a guide's questions)
    are not searched: the pages they link to are."""
    labels = language.labels
    return (labels.referring_questions, labels.faq_title, labels.guides_heading)


def searched_texts(center: HelpCenter, theme_entries: Iterable[dict]) -> dict[str, list[str]]:
    """Per language code, the texts its search index analyses (to analyse them ahead)."""
    codes = [lang.code for lang in center.languages]
    documents = search_index.split_by_language(theme_entries, codes, center.default_language)
    texts = {}
    for language in center.languages:
        pairs = search_index.searched_texts(documents[language.code], unsearched_titles(language))
        texts[language.code] = [text for pair in pairs if pair for text in pair]
    return texts
