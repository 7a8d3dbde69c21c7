"""Pages' Markdown -> HTML conversions and their search entries, remembered from build to build.

Converting the pages' Markdown (Python-Markdown, with MkDocs' link and anchor processors) is the
largest part of a MkDocs build: about half of it at 1,000 questions. The same Markdown on the same
page of the same set of files always gives the same conversion, so a conversion is remembered
under a key that names all of that (mkdocs_reuse.remember_conversions makes the key and
applies the entries). Likewise a page's search entries (search_sections.py), under the key of
their HTML, address and title. A warm build converts and cuts only the pages whose Markdown
changed; ``mkdocs serve`` only the edited pages.

Entries are plain data (JSON). A conversion: the HTML, the table of contents' tokens, the title
found in the HTML, the anchors present and the links to anchors of other pages (checked by MkDocs
after every page is converted, as for a converted page). The file is ``.cache/pages.json``, valid
for one :data:`FORMAT`; anything unreadable or of another shape is ignored as a whole (it only
costs time). Nothing in it runs: its HTML goes through the sanitizer like any page's
(sanitize.py), and the built site is scanned.

No mkdocs imports.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from ..atomic import write_cache

CONVERSIONS_CACHE = Path(".cache") / "pages.json"
"""Relative to the project (git-ignored)."""
FORMAT = 2
"""Changes when an entry's shape changes."""
_CONVERSION_KEYS = {"content": str, "toc": list, "title": (str, type(None)), "anchors": list,
                    "links": dict}


def _is_toc(tokens: list) -> bool:
    """Tokens of the table of contents: ``{"level", "id", "name", "children": [token...]}``."""
    return all(isinstance(token, dict) and token.keys() == {"level", "id", "name", "children"}
               and isinstance(token["level"], int) and isinstance(token["id"], str)
               and isinstance(token["name"], str) and isinstance(token["children"], list)
               and _is_toc(token["children"]) for token in tokens)


def _is_conversion(entry: object) -> bool:
    return (isinstance(entry, dict) and entry.keys() == _CONVERSION_KEYS.keys()
            and all(isinstance(entry[key], kind) for key, kind in _CONVERSION_KEYS.items())
            and _is_toc(entry["toc"])
            and all(isinstance(anchor, str) for anchor in entry["anchors"])
            and all(isinstance(target, str) and isinstance(links, dict)
                    and all(isinstance(k, str) and isinstance(v, str) for k, v in links.items())
                    for target, links in entry["links"].items()))


def _is_sections(entries: object) -> bool:
    """A page's search entries: ``[{"location", "title", "text"}, ...]``, all strings."""
    return isinstance(entries, list) and all(
        isinstance(entry, dict) and entry.keys() == {"location", "title", "text"}
        and all(isinstance(value, str) for value in entry.values()) for entry in entries)


def sections_key(content: str, url: str, title: str) -> str:
    return hashlib.sha256(f"{url}\0{title}\0{content}".encode("utf-8")).hexdigest()


class _Table:
    """Key -> entry, with the keys used since the last save."""

    def __init__(self, entries: dict) -> None:
        self.entries = entries
        self.used: set[str] = set()
        self.changed = False

    def get(self, key: str):
        entry = self.entries.get(key)
        if entry is not None:
            self.used.add(key)
        return entry

    def put(self, key: str, entry: object) -> None:
        self.entries[key] = entry
        self.used.add(key)
        self.changed = True

    def keep_used(self) -> None:
        if self.used != self.entries.keys():
            self.entries = {key: self.entries[key] for key in self.used}
            self.changed = True
        self.used = set()


_TABLES: dict[str, Callable[[object], bool]] = {"pages": _is_conversion,
                                                 "sections": _is_sections}


class Conversions:
    """``pages``: key (mkdocs_reuse) -> conversion; ``sections``: :func:`sections_key` ->
    search entries. Kept for a process (``mkdocs serve``), pruned and saved per build."""

    def __init__(self, path: Path) -> None:
        self.path = path
        loaded = self._load()
        self._tables = {name: _Table(loaded.get(name, {})) for name in _TABLES}
        self.pages = self._tables["pages"]
        self.sections = self._tables["sections"]

    def end_build(self) -> None:
        """Forget the entries not used since the last end of a build (memory and file follow
        the site instead of growing). Nothing used: nothing to do."""
        if any(table.used for table in self._tables.values()):
            for table in self._tables.values():
                table.keep_used()

    def save(self) -> None:
        """Write the entries if they changed since the last save."""
        if any(table.changed for table in self._tables.values()):
            data = {"format": FORMAT, **{name: dict(sorted(table.entries.items()))
                                         for name, table in self._tables.items()}}
            write_cache(self.path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
            for table in self._tables.values():
                table.changed = False

    def _load(self) -> dict[str, dict]:
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError, RecursionError):
            return {}
        if not (isinstance(data, dict) and data.get("format") == FORMAT
                and data.keys() == {"format", *_TABLES}):
            return {}
        try:
            valid = all(isinstance(data[name], dict) and all(
                isinstance(key, str) and is_entry(entry) for key, entry in data[name].items())
                for name, is_entry in _TABLES.items())
        except RecursionError:
            return {}
        return {name: data[name] for name in _TABLES} if valid else {}
