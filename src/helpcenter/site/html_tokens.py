"""A page's HTML as html.parser reads it, by regular expressions: about ten times faster than
``html.parser.HTMLParser`` on MkDocs' pages, and checked against it (tests/site). Used for the
search sections (search_sections.py) and for what the sanitizer removed (sanitize.py).
"""

from __future__ import annotations

import html
import re

# A comment, a raw-text element (script, style: no markup inside), a start or end tag, or text.
TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<!?\?[^>]*>|<![^>]*>"
    r"|<(?P<raw>script|style)\b(?P<rawattrs>[^>]*)>(?P<rawtext>.*?)(?:</(?P=raw)\s*>|\Z)"
    r"|<(?P<end>/?)(?P<tag>[a-zA-Z][^\s/>]*)(?P<attrs>[^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*)>"
    r"|(?P<text>[^<]+|<)",
    re.S | re.I,
)
_ATTR = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


def attributes(text: str) -> dict[str, str | None]:
    if not text or text.isspace() or text == "/":  # most tags (p, li, code) have none
        return {}
    return {
        match[1].lower(): html.unescape(next((v for v in match.groups()[1:] if v is not None), ""))
        if "=" in match[0] else None
        for match in _ATTR.finditer(text)
    }
