"""What search engines read: absolute canonical and ``hreflang`` URLs, the meta description of
every page, and the sitemap with language alternates. Pure: model + ``site_url`` in, values out.

Every page of every language lists itself, its counterparts and ``x-default`` (the default
language's page) as absolute URLs built from ``site_url``, which may end in a sub-path
(``https://example.com/help/``). https://developers.google.com/search/docs/specialty/international/localized-versions
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit
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


_UNSAFE_IN_URL = re.compile(r"[\s\"'<>`\\{}|^]")


def site_url_problem(site_url: str) -> str | None:
    """Why ``site_url`` cannot be the site's public address (it lands in every page's canonical
    and language links and in the sitemap), or None."""
    shown = repr(site_url)
    if not site_url:
        return ("site_url is empty (is SITE_URL set to nothing?): the sitemap, canonical and "
                "language links need the public address. Set SITE_URL to it, e.g. "
                "https://help.example.com/, or unset it for the default.")
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return (f"site_url {shown} is not an absolute http(s) address. Set SITE_URL to one, "
                "e.g. https://help.example.com/ or https://example.com/help/.")
    if bad := _UNSAFE_IN_URL.search(site_url):
        return (f"site_url {shown} holds {bad.group(0)!r}, which an address may not hold "
                "unencoded. Correct SITE_URL (percent-encode it if it is really meant).")
    if parts.query or parts.fragment:
        return f"site_url {shown} has a query or a fragment. Set SITE_URL to the site's folder."
    return None


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
