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


@cache  # a few distinct pairs, asked for tens of thousands of times on a large FAQ
def relative(target: str, here: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(here) or ".")


def relative_with_anchor(target: str, here: str) -> str:
    """``{{page:help/contact.md#phone}}`` on ``faq/money.md`` -> ``../help/contact.md#phone``."""
    path, hash_, anchor = target.partition("#")
    return relative(path, here) + hash_ + anchor
