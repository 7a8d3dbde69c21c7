"""The output invariant: every page's HTML, once MkDocs has made it from Markdown, goes through an
allowlist sanitizer (nh3, the binding of the Rust crate ammonia) configured by html_policy.py.
What is served is the sanitizer's output, so no combination of fields can put a script, an event
handler, a ``javascript:``/``data:`` address, a ``<style>``, ``<iframe>``, ``<base>``, ``<meta>``
or a form into a page. Anything it had to remove is reported (and fails the build), with the
writers' fields that hold it.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import nh3

from ..errors import Problem
from ..fields import language_texts
from ..html_policy import PAGE_ATTRIBUTES, STYLE_PROPERTIES, TAGS, URL_SCHEMES
from ..model import HelpCenter, Mark
from .html_tokens import TOKEN, attributes

_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    attributes={tag: set(names) for tag, names in PAGE_ATTRIBUTES.items()},
    url_schemes=set(URL_SCHEMES),
    link_rel=None,
    strip_comments=True,
    filter_style_properties=set(STYLE_PROPERTIES),
)


_MARKUP = re.compile(r"<[^>]*>")


def sanitize(html: str) -> tuple[str, list[str]]:
    """``(safe HTML, what was removed)``; the list is empty for a page within the policy."""
    clean = _CLEANER.clean(html)
    if "<" not in html:
        return clean, []
    # The sanitizer removes tags, attributes and comments, which are in the page's markup; when
    # that is the same before and after (most pages: it re-encodes text, not tags), nothing was
    # removed, and the slower count of what changed is not needed. ("<br />" is written "<br>".)
    if _MARKUP.findall(html.replace(" />", ">")) == _MARKUP.findall(clean):
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


def _tokens(source: str) -> Counter[str]:
    """Start tags with each attribute (addresses with their value), comments, declarations and
    processing instructions, counted."""
    found: Counter[str] = Counter()
    for token in TOKEN.finditer(source):
        if token["text"] is not None:
            continue
        tag = token["raw"] or (token["tag"] if not token["end"] else None)
        if tag:
            found.update(_tag_keys(tag, token["rawattrs"] if token["raw"] else token["attrs"]))
        elif token[0].startswith("<!--"):
            found["<!-- comment -->"] += 1
        elif token[0].startswith(("<!", "<?")):
            found[token[0][:22] + ">"] += 1
    return found


@lru_cache(maxsize=8192)  # a page repeats its tags: each question's heading, link and paragraph
def _tag_keys(tag: str, attrs: str) -> tuple[str, ...]:
    """What :func:`_tokens` counts for one start tag: the tag, then each attribute."""
    tag = tag.lower()
    keys = [f"<{tag}>"]
    for name, value in attributes(attrs).items():
        shown = f"{name}={(value or '')[:40]!r}" if name in ("href", "src") else name
        keys.append(f"<{tag} {shown}>")
    return tuple(keys)
