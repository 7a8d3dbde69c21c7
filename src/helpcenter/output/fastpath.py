"""Answer "nothing changed" without loading anything: the fast path of a plain generator run.

A full run parses and checks every question; at 5,000 questions that takes seconds. When the
source files, the generator's own code and the Markdown files in docs/ are exactly as they were
after the last successful run, its output would be the same and it would write nothing, so the
command reprints that run's report instead. Standard library only: importing the rest of the
package (jsonschema, Babel, Markdown) costs more than the whole check.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..atomic import write_cache

CACHE = Path(".cache") / "build_faq.json"
"""Relative to the project folder (git-ignored)."""
UNFINISHED = (Path(".cache") / "docs-staging", Path("docs") / ".helpcenter-staging")
"""journal.py's staging folders (not imported: it loads the model); test_all_or_nothing checks
that they agree."""
_PACKAGE = Path(__file__).resolve().parent.parent
"""The whole helpcenter package: its code and schemas made the cached result."""


def cached_report(root: Path) -> str | None:
    """The last run's report if a run now would do exactly the same; None otherwise."""
    try:
        cache = json.loads((root / CACHE).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if any((root / folder).exists() for folder in UNFINISHED):
        return None  # a killed run to finish or undo first
    if cache.get("key") != _key(root) or cache.get("docs") != _docs_state(root):
        return None
    return cache.get("report")


def remember(root: Path, report: str) -> None:
    """Record a successful run (after its writes) so that an identical next run is skipped."""
    data = {"key": _key(root), "docs": _docs_state(root), "report": report}
    write_cache(root / CACHE, json.dumps(data))


def _key(root: Path) -> str:
    """Hash of every source file and of the generator's code and schemas."""
    return _digest(((root / "faq_source", "*"), (_PACKAGE, "*.py"), (_PACKAGE, "*.json")))


def code_key() -> str:
    """Hash of the generator's code and schemas: what made a cached result."""
    return _digest(((_PACKAGE, "*.py"), (_PACKAGE, "*.json")))


def _digest(files: tuple[tuple[Path, str], ...]) -> str:
    digest = hashlib.sha256()
    for base, pattern in files:
        for path in sorted(base.rglob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(base)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _docs_state(root: Path) -> dict[str, list[int]]:
    """Size and modification time of every Markdown file in docs/ (generated or not), and of
    temporary files (a killed run's, which a full run deletes)."""
    docs = root / "docs"
    state = {}
    for path in sorted(docs.rglob("*")) if docs.is_dir() else []:
        if path.suffix not in (".md", ".tmp") or not path.is_file():
            continue
        stat = path.stat()
        state[path.relative_to(docs).as_posix()] = [stat.st_size, stat.st_mtime_ns]
    return state
