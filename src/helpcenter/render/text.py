"""Writing Markdown: plain text that shows as written, relative links, list items."""

from __future__ import annotations

import posixpath
import re
from functools import cache

# Characters that are markup anywhere in a line; Python-Markdown (with the tables extension)
# lets a backslash escape each of them. Any other backslash escape would show its backslash.
_MD_ESCAPE = re.compile(r"([\\`*_{}\[\]()#!|])")
# Markup only at the start of a line: a list item ("1." "-" "+") or a quote (">").
_MD_LINE_START = re.compile(r"^(\s*)(\d+)([.)])|^(\s*)([-+])")


def escape_plain(text: str) -> str:
    """Markdown for a plain-text field: every character shows as written, nothing is markup."""
    text = _MD_ESCAPE.sub(r"\\\1", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_LINE_START.sub(lambda m: m.group(0)[:-1] + "\\" + m.group(0)[-1], text)


def attribute_text(text: str) -> str:
    """A plain text inside a quoted attribute of raw HTML in Markdown: every ASCII character but
    letters, digits and spaces as a character reference, so that neither HTML (quotes, ``<``)
    nor the Markdown inline patterns that run before raw HTML (code spans, links, escapes) can
    read anything in it."""
    return "".join(c if c.isalnum() or c in _ATTRIBUTE_SAFE or ord(c) > 127 else f"&#{ord(c)};"
                   for c in text)


_ATTRIBUTE_SAFE = frozenset(" -.,:;?%+=@/")
"""ASCII punctuation that is markup neither in HTML attributes nor in Markdown's inline text."""


@cache  # a few distinct pairs, asked for tens of thousands of times on a large FAQ
def relative(target: str, here: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(here) or ".")


def relative_with_anchor(target: str, here: str) -> str:
    """``{{page:help/contact.md#phone}}`` on ``faq/money.md`` -> ``../help/contact.md#phone``."""
    path, hash_, anchor = target.partition("#")
    return relative(path, here) + hash_ + anchor
