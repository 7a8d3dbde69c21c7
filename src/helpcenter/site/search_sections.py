"""A page's HTML -> its search entries (one per heading section), as the theme's search plugin
makes them, at a fraction of the cost.

mkdocs-material's search plugin cuts every page with ``html.parser`` (``material/plugins/search/
plugin.py``: ``Parser``, ``SearchIndex.create_entry_for_section``), which costs about 4 s of a
5,000-question build; its lunr index is then thrown away for ours (search_index.py). This is the
same algorithm over one regular-expression pass of tokens, quirks included (elements compare by
tag name; an emptied kept element is only dropped when it is the first of its tag), so that the
entries are the theme's: ``tests/test_search_sections.py`` checks them against the theme's own
parser on every page of the site and on edge cases. Keep it in step when upgrading the theme
(9.8.1).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from .html_tokens import TOKEN, attributes

_HEADINGS = frozenset(f"h{level}" for level in range(1, 7))
_SKIPPED = frozenset({"object", "script", "style"})
_KEPT = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr"})

@dataclass
class _Section:
    tag: str
    """Its heading's tag name (``hx`` for the text before the first heading)."""
    depth: float = 0
    excluded: bool = False
    id: str | None = None
    title: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


def page_sections(content: str, url: str, page_title: str) -> list[dict[str, str]]:
    """The theme's search entries of a page: ``location`` (``url`` + ``#`` + the heading's id),
    ``title`` and ``text`` (HTML keeping only paragraphs, code, lists, sub- and superscripts)."""
    sections = _Sections()
    for token in TOKEN.finditer(content):
        if token["tag"]:
            tag = token["tag"].lower()
            if token["end"]:
                sections.end(tag)
            else:
                sections.start(tag, attributes(token["attrs"]))
                if token["attrs"].rstrip().endswith("/"):  # <tag/>: html.parser ends it too
                    sections.end(tag)
        elif token["raw"]:
            tag = token["raw"].lower()
            sections.start(tag, attributes(token["rawattrs"]))
            if token["rawtext"]:
                sections.data(token["rawtext"])
            sections.end(tag)
        elif token["text"] is not None:
            sections.data(html.unescape(token["text"]))
    entries = []
    for section in sections.data_sections:
        if section.excluded:
            continue
        title = "".join(section.title).strip() if section.title else page_title.strip()
        entries.append({
            "location": f"{url}#{section.id}" if section.id else url,
            "title": title,
            "text": "".join(section.text).strip(),
        })
    return entries


class _Sections:
    """The theme's ``Parser`` state machine."""

    def __init__(self) -> None:
        self.context: list[tuple[str, dict]] = []  # open elements: (tag, attributes)
        self.tags: list[str] = []  # their tag names (the theme compares elements by tag)
        self.skip: set[str] = set(_SKIPPED)
        self.section: _Section | None = None
        self.data_sections: list[_Section] = []

    def _target(self) -> list[str]:
        assert self.section is not None
        return self.section.title if self.section.tag in self.tags else self.section.text

    def _skipping(self) -> bool:
        return not self.skip.isdisjoint(self.tags)

    def start(self, tag: str, attrs: dict[str, str | None]) -> None:
        if tag in _VOID:
            return
        self.context.append((tag, attrs))
        self.tags.append(tag)
        if tag in _HEADINGS and "id" in attrs:
            depth = len(self.context)
            if tag != "h1" and not self.data_sections:
                self.data_sections.append(_Section("hx", depth))
            self.section = _Section(tag, depth, excluded="data-search-exclude" in attrs)
            if self.data_sections:
                self.section.id = attrs["id"]
            self.data_sections.append(self.section)
        if self.section is None:
            self.section = _Section("hx")
            self.data_sections.append(self.section)
        for key, value in attrs.items():
            if key == "data-search-exclude" or (key == "class" and value == "linenodiv"):
                self.skip.add(tag)
                return
        if not self._skipping() and tag in _KEPT:
            self._target().append(f"<{tag}>")

    def end(self, tag: str) -> None:
        if not self.tags or self.tags[-1] != tag:
            return
        assert self.section is not None
        if self.section.depth > len(self.context):
            for section in reversed(self.data_sections):
                if section.depth <= len(self.context):
                    self.section.depth = float("inf")
                    self.section = section
                    break
        self.context.pop()
        self.tags.pop()
        if tag in self.skip:
            if tag not in _SKIPPED:
                self.skip.remove(tag)
            return
        if not self._skipping() and tag in _KEPT:
            data = self._target()
            if f"<{tag}>" not in data:  # opened while skipping (the theme's parser fails here)
                return
            index = data.index(f"<{tag}>")  # the first one, as the theme does
            if any(not item.isspace() for item in data[index + 1:]):
                data.append(f"</{tag}>")
            else:
                del data[index:]

    def data(self, text: str) -> None:
        if self._skipping():
            return
        if "pre" not in self.tags:
            text = text.replace("\n", " ") if not text.isspace() else " "
        if self.section is None:
            self.section = _Section("hx")
            self.data_sections.append(self.section)
        if self.section.tag in self.tags:
            permalink = any(tag == "a" and attrs.get("class") == "headerlink"
                            for tag, attrs in self.context)
            if not permalink:
                self.section.title.append(html.escape(text, quote=False))
        elif text.isspace():
            text_parts = self.section.text
            if not text_parts or not text_parts[-1].isspace() or "pre" in self.tags:
                text_parts.append(text)
        else:
            self.section.text.append(html.escape(text, quote=False))
