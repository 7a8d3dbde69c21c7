"""The raw-HTML policy for Markdown fields, checked on what Python-Markdown actually produces.

Writers write Markdown. The only raw HTML they may add is ``<br>``, ``<kbd>``, ``<sup>`` and
``<sub>`` without attributes; no picture (``![alt](x)``, ``<img>``: a step or an answer has an
``image:`` block for that, load/images.py); links may use ``http:``, ``https:``, ``mailto:`` or
``tel:`` addresses and ``#anchors``. Anything else (``<script>``, ``<iframe>``, ``on...=`` event
attributes, ``style``, ``javascript:`` or ``data:`` addresses, in raw HTML, Markdown links or
``{: attr_list}`` attributes) is reported with its place, never passed into a page.

Addresses within the site are written as placeholders (``{{guide:ID}}``, ``{{question:ID}}``,
``{{page:PATH}}``) that the generator resolves and checks, never as relative addresses: a
question's page changes with its category and its page number, so ``notice.md`` written in an
answer would break when the question moves, and ``/notice/`` when the site is served under a
sub-path.
"""

from __future__ import annotations

import html
import re
from functools import cache
from html.parser import HTMLParser

import markdown

from ..errors import Problem
from ..fields import list_item, trim_markdown
from ..html_policy import (
    MARKDOWN_ATTRIBUTES,
    MARKDOWN_EXTENSIONS,
    MARKDOWN_TAGS,
    POLICY,
    URL_ATTRIBUTES,
    URL_SCHEMES,
    WRITER_TAGS,
)
from ..placeholders import substitute
from .source import Node

_RAW_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")
RELATIVE = "a relative address"
"""The ``what`` of a relative link (:func:`markup_problems` words its message)."""
PICTURE = "a picture in the text"
"""The ``what`` of ``![alt](address)`` or ``<img>``: pictures go in an ``image:`` block."""
PICTURE_FIX = (
    "a picture cannot be written in the text (![...](...) or <img>): the page could not "
    "reserve its place, and it would load from outside the site. Save it in faq_source/ "
    "and add image: {file: images/<language>/name.png, alt: what it shows} to the step or "
    "the answer (faq_source/README.md, Pictures)."
)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
# Characters browsers drop from a URL before reading its scheme (so "java\tscript:" is javascript:).
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]")

SITE_LINKS = (
    "Link within the site with {{guide:ID}}, {{question:ID}} or, in a Markdown link, "
    "{{page:PATH}} (PATH from docs/<language>/, e.g. [notice]({{page:notice.md}})); they keep "
    "working when a question moves to another FAQ page."
)


def unsafe_markup(text: str, in_list: bool = False) -> list[tuple[str, str]]:
    """``(what, needle)`` for each forbidden construct in Markdown ``text``; ``needle`` is a piece
    of the source to locate it by. Empty for the (common) text that cannot hold markup.
    ``in_list``: the text is a guide step, checked as the numbered list item it becomes (an
    indented code block alone is raw HTML there)."""
    if not any(c in text for c in "<&:{]"):
        return []
    checker = _Checker()
    converter = _converter()
    converter.reset()
    markdown_text = trim_markdown(text)
    checker.feed(converter.convert(list_item("1.", markdown_text) if in_list else markdown_text))
    checker.close()
    # The raw HTML the writer wrote (not what Markdown made): writers' tags only, no attributes,
    # so that no field can open an element that the next field's text would fall into.
    for raw in converter.htmlStash.rawHtmlBlocks:
        checker.check_raw(str(raw))
    # A reference definition is page-wide: another field could use it, so check it even unused.
    for url, _title in converter.references.values():
        checker.handle_starttag("a", [("href", url)])
    return list(dict.fromkeys(checker.found))  # a used reference is also checked as defined


def markup_problems(node: Node, path: str) -> list[Problem]:
    """Forbidden HTML or addresses in a Markdown field, located in the writer's text."""
    text = node.value
    problems = []
    # Placeholders resolve to text, or (page, in a link) to an address within the site.
    checked = substitute(text, lambda p: "#page" if "page:" in p.text else "X")
    for what, needle in unsafe_markup(checked, in_list=".steps[" in path):
        # An entity-encoded address ("&#106;avascript:") is found by what follows its colon.
        candidates = [needle, needle[needle.find(":") :]] if ":" in needle else [needle]
        if what == PICTURE:
            candidates = ["![", "<img"]
        offset = next((o for c in candidates if (o := text.lower().find(c.lower())) >= 0), -1)
        mark = node.line_of(offset) if offset >= 0 else node.mark
        if what == RELATIVE:
            message = f"the relative link '{needle}' would break when the page moves. {SITE_LINKS}"
        elif what == PICTURE:
            message = PICTURE_FIX
        else:
            message = f"{what}. {POLICY}"
        problems.append(Problem(mark, path, message))
    return problems


@cache
def _converter() -> markdown.Markdown:
    """One Markdown converter, reset before each use (building one takes ~20 ms)."""
    return markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS))


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self._reported: set[str] = set()
        """Tags already reported (raw and converted HTML both show them)."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":  # pictures have their image: block (load/images.py)
            if tag not in self._reported:
                self._reported.add(tag)
                self.found.append((PICTURE, "!["))
            return
        if tag not in MARKDOWN_TAGS | WRITER_TAGS:
            if tag not in self._reported:
                self._reported.add(tag)
                self.found.append((f"raw HTML <{tag}> is not allowed", f"<{tag}"))
            return
        for name, value in attrs:
            value = value or ""
            if tag in WRITER_TAGS or name not in MARKDOWN_ATTRIBUTES:
                self.found.append((f"the attribute {name}= is not allowed on <{tag}>", name))
            elif name in URL_ATTRIBUTES:
                address = _IGNORED_IN_URL.sub("", html.unescape(value))
                scheme = _SCHEME.match(address)
                if scheme and scheme.group(1).lower() not in URL_SCHEMES:
                    self.found.append(
                        (
                            f"a '{scheme.group(1).lower()}:' address is not allowed",
                            value[:20] or name,
                        )
                    )
                elif not scheme and not address.startswith("#"):
                    self.found.append((RELATIVE, value or name))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_comment(self, data: str) -> None:
        self.found.append(("an HTML comment is not allowed", "<!--"))

    def handle_decl(self, decl: str) -> None:
        self.found.append(("an HTML declaration is not allowed", "<!"))

    def handle_pi(self, data: str) -> None:
        self.found.append(("an HTML processing instruction is not allowed", "<?"))

    def unknown_decl(self, data: str) -> None:  # <![CDATA[...]]>: a comment to a browser
        self.found.append(("an HTML CDATA section is not allowed", "<![" if data else "<!"))

    def check_raw(self, html: str) -> None:
        """Raw HTML written by the writer: only :data:`WRITER_TAGS`, without attributes."""
        for match in _RAW_TAG.finditer(html):
            tag = match.group(1).lower()
            if tag not in WRITER_TAGS and tag not in self._reported:
                self._reported.add(tag)
                self.found.append((f"raw HTML <{tag}> is not allowed", f"<{tag}"))
