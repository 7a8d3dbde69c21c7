"""What search engines read: absolute canonical and ``hreflang`` URLs, the meta description of
every page, and the sitemap with language alternates. Pure: model + ``site_url`` in, values out.

Every page of every language lists itself, its counterparts and ``x-default`` (the default
language's page) as absolute URLs built from ``site_url``, which may end in a sub-path
(``https://example.com/help/``). https://developers.google.com/search/docs/specialty/international/localized-versions
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from ..model import HelpCenter
from ..paths import FAQ_PAGE, HOME_PAGE, language_root, page_path, page_paths
from ..placeholders import Placeholder, substitute
from ..render.facts import format_fact


@dataclass(frozen=True)
class Alternate:
    hreflang: str
    """A language code, or ``x-default``."""
    href: str
    """Absolute URL."""


@dataclass(frozen=True)
class PageSeo:
    """The head of one page, as search engines read it."""

    canonical: str
    description: str
    alternates: tuple[Alternate, ...]
    """Every language's version of the page (this one included), then ``x-default``."""


def absolute(site_url: str, center: HelpCenter, code: str, path: str) -> str:
    return _base(site_url) + language_root(center, code) + path


def page_seo(center: HelpCenter, site_url: str, code: str, path: str) -> PageSeo:
    """Head values of the page at ``path`` (see :func:`page_path`) in language ``code``."""
    alternates = [
        Alternate(lang.code, absolute(site_url, center, lang.code, path))
        for lang in center.languages
    ]
    alternates.append(Alternate("x-default", absolute(site_url, center, center.default_language,
                                                      path)))
    return PageSeo(absolute(site_url, center, code, path), description(center, code, path),
                   tuple(alternates))


def description(center: HelpCenter, code: str, path: str) -> str:
    """One sentence from the source: the site description (home), the FAQ intro, or a guide's
    summary."""
    language = center.language(code)
    if path == page_path(HOME_PAGE):
        text = language.description
    elif path == page_path(FAQ_PAGE) or path.startswith("faq"):
        category = next((c for c in center.categories if path.startswith(f"faq/{c.id}")), None)
        own = category and (category.texts.get(code) or category.texts[center.default_language])
        text = (own and own.description) or language.labels.faq_intro
    else:
        guide = next((g for g in center.guides if page_path(f"guides/{g.id}.md") == path), None)
        text = guide.texts[code].summary if guide else language.description
    return _expand_facts(center, code, text)


def sitemap_xml(center: HelpCenter, site_url: str, lastmod: str | None = None) -> str:
    """``sitemap.xml``: every page of every language with its alternates and ``x-default``.

    ``<lastmod>`` only if given (a build date from ``SOURCE_DATE_EPOCH``, never the clock): the
    same source gives the same bytes (reproducible builds)."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for lang in center.languages:
        for markdown_path in page_paths(center):
            seo = page_seo(center, site_url, lang.code, page_path(markdown_path))
            lines += ["  <url>", f"    <loc>{_text(seo.canonical)}</loc>"]
            if lastmod:
                lines.append(f"    <lastmod>{lastmod}</lastmod>")
            lines += [
                f'    <xhtml:link rel="alternate" hreflang="{alt.hreflang}" '
                f"href={quoteattr(alt.href)}/>"
                for alt in seo.alternates
            ]
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def _base(site_url: str) -> str:
    return site_url if site_url.endswith("/") else site_url + "/"


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _expand_facts(center: HelpCenter, code: str, text: str) -> str:
    def fact(placeholder: Placeholder) -> str:  # plain-text fields allow only {{fact:ID}}
        assert placeholder.kind == "fact"
        return format_fact(center.facts[placeholder.ref], code)

    return " ".join(substitute(text, fact).split())
