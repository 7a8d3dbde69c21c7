"""Pages' Markdown -> HTML conversions, remembered from build to build.

Converting the pages' Markdown (Python-Markdown, with MkDocs' link and anchor processors) is the
largest part of a MkDocs build: about half of it at 1,000 questions. The same Markdown on the same
page of the same set of files always gives the same conversion, so a conversion is remembered
under a key that names all of that (mkdocs_internals.convert_pages_once makes the key and applies
the entries). A warm build converts only the pages whose Markdown changed; ``mkdocs serve``
converts only the edited pages.

An entry is plain data (JSON): the HTML, the table of contents' tokens, the title found in the
HTML, the anchors present and the links to anchors of other pages (checked by MkDocs after every
page is converted, as for a converted page). The file is ``.cache/pages.json``, valid for one
:data:`FORMAT`; anything unreadable or of another shape is ignored as a whole (it only costs time).
Nothing in it runs: its HTML goes through the sanitizer like any page's (sanitize.py).

No mkdocs imports.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..atomic import write_cache

CONVERSIONS_CACHE = Path(".cache") / "pages.json"
"""Relative to the project (git-ignored)."""
FORMAT = 1
"""Changes when an entry's shape changes."""
_ENTRY_KEYS = {"content": str, "toc": list, "title": (str, type(None)), "anchors": list,
               "links": dict}


def _is_toc(tokens: list) -> bool:
    """Tokens of the table of contents: ``{"level", "id", "name", "children": [token...]}``."""
    return all(isinstance(token, dict) and token.keys() == {"level", "id", "name", "children"}
               and isinstance(token["level"], int) and isinstance(token["id"], str)
               and isinstance(token["name"], str) and isinstance(token["children"], list)
               and _is_toc(token["children"]) for token in tokens)


def _is_entry(entry: object) -> bool:
    return (isinstance(entry, dict) and entry.keys() == _ENTRY_KEYS.keys()
            and all(isinstance(entry[key], kind) for key, kind in _ENTRY_KEYS.items())
            and _is_toc(entry["toc"])
            and all(isinstance(anchor, str) for anchor in entry["anchors"])
            and all(isinstance(target, str) and isinstance(links, dict)
                    and all(isinstance(k, str) and isinstance(v, str) for k, v in links.items())
                    for target, links in entry["links"].items()))


class Conversions:
    """Key (mkdocs_internals.conversion_key) -> entry; kept for a process, saved per build."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._entries: dict[str, dict] = {}
        self._used: set[str] = set()
        self._changed = False
        self._load()

    def get(self, key: str) -> dict | None:
        entry = self._entries.get(key)
        if entry is not None:
            self._used.add(key)
        return entry

    def put(self, key: str, entry: dict) -> None:
        self._entries[key] = entry
        self._used.add(key)
        self._changed = True

    def save(self) -> None:
        """Keep the entries used since the last save (the file follows the site instead of
        growing); write them if anything changed. Nothing used: nothing to do."""
        if not self._used:
            return
        if self._used != self._entries.keys():
            self._entries = {key: self._entries[key] for key in self._used}
            self._changed = True
        self._used = set()
        if self._changed:
            data = {"format": FORMAT, "pages": dict(sorted(self._entries.items()))}
            write_cache(self.path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
            self._changed = False

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError, RecursionError):
            return
        if not (isinstance(data, dict) and data.get("format") == FORMAT
                and isinstance(data.get("pages"), dict)):
            return
        pages = data["pages"]
        try:
            valid = all(isinstance(key, str) and _is_entry(entry) for key, entry in pages.items())
        except RecursionError:
            valid = False
        if valid:
            self._entries = pages
