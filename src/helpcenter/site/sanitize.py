"""The output invariant: every page's HTML, once MkDocs has made it from Markdown, goes through an
allowlist sanitizer (nh3, the binding of the Rust crate ammonia) configured by html_policy.py.
What is served is the sanitizer's output, so no combination of fields can put a script, an event
handler, a ``javascript:``/``data:`` address, a ``<style>``, ``<iframe>``, ``<base>``, ``<meta>``
or a form into a page. Anything it had to remove is reported (and fails the build), with the
writers' fields that hold it.
"""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

import nh3

from ..errors import Problem
from ..fields import language_texts
from ..html_policy import PAGE_ATTRIBUTES, STYLE_PROPERTIES, TAGS, URL_SCHEMES
from ..model import HelpCenter, Mark

_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    attributes={tag: set(names) for tag, names in PAGE_ATTRIBUTES.items()},
    url_schemes=set(URL_SCHEMES),
    link_rel=None,
    strip_comments=True,
    filter_style_properties=set(STYLE_PROPERTIES),
)


def sanitize(html: str) -> tuple[str, list[str]]:
    """``(safe HTML, what was removed)``; the list is empty for a page within the policy."""
    clean = _CLEANER.clean(html)
    if "<" not in html:
        return clean, []
    removed = _tokens(html) - _tokens(clean)
    return clean, sorted(removed)


def unsafe_page_problems(center: HelpCenter, code: str, page: str, removed: list[str]
                         ) -> list[Problem]:
    """One problem per removed construct, at each writer's field of the page's language that
    holds it (or at the page when it arose from fields only in combination)."""
    problems = []
    for what in removed:
        needle = _needle(what)
        message = (f"{what} was removed from the page {page} by the HTML sanitizer: it is not "
                   "allowed in a page. Remove it from the text; write Markdown, not HTML.")
        found = [Problem(mark, field, message) for mark, field, text in language_texts(center, code)
                 if needle in text.lower()]
        problems += found or [Problem(Mark(f"docs/{page}"), "", message + " It arises from "
                                      "fields combined on this page: check the HTML in its texts.")]
    return problems


def _needle(what: str) -> str:
    """What to look for in the writers' texts: the tag, the attribute or the address's scheme."""
    body = what[1:-1]
    if body.startswith(("!", "?")):
        return "<" + body[:2]
    tag, _, attribute = body.partition(" ")
    if not attribute:
        return "<" + tag
    name, _, value = attribute.partition("=")
    value = value.strip("'\"")
    return (value.split(":")[0] + ":") if ":" in value else (value or name)


class _Tokens(HTMLParser):
    """Start tags with each attribute, comments and declarations, counted."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found[f"<{tag}>"] += 1
        for name, value in attrs:
            shown = f"{name}={(value or '')[:40]!r}" if name in ("href", "src") else name
            self.found[f"<{tag} {shown}>"] += 1

    def handle_comment(self, data: str) -> None:
        self.found["<!-- comment -->"] += 1

    def handle_decl(self, decl: str) -> None:
        self.found[f"<!{decl[:20]}>"] += 1

    def unknown_decl(self, data: str) -> None:
        self.found[f"<![{data[:20]}>"] += 1

    def handle_pi(self, data: str) -> None:
        self.found[f"<?{data[:20]}>"] += 1


def _tokens(html: str) -> Counter[str]:
    parser = _Tokens()
    parser.feed(html)
    parser.close()
    return parser.found
