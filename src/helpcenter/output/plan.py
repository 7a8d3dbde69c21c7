"""The only module that writes docs/: plan the changes, refuse unsafe ones, then write atomically.

Rules: a file is ours only if it starts with the generated marker; hand-written files are never
touched; a generated file edited by hand since it was generated is reported, not overwritten;
identical content is not rewritten (``mkdocs serve`` would rebuild forever); every write is a
temporary file renamed over the target (atomic.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import write_atomic
from ..errors import OutputError
from ..marker import MARKER, edited_by_hand

@dataclass
class Plan:
    """What a run would do to ``docs/``; paths are relative to it, in POSIX form."""

    create: list[str] = field(default_factory=list)
    update: list[str] = field(default_factory=list)
    remove: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    """Explanations of files we refuse to touch."""

    @property
    def changes(self) -> list[str]:
        return sorted(self.create + self.update + self.remove)

    def summary(self) -> str:
        return (
            f"{len(self.create)} created, {len(self.update)} updated, "
            f"{len(self.remove)} removed, {len(self.unchanged)} unchanged"
        )


def plan(docs_dir: Path, pages: dict[str, str], *, force: bool = False) -> Plan:
    """Compare ``pages`` with what is on disk, without changing anything."""
    result = Plan()
    for rel, text in pages.items():
        path = docs_dir / rel
        if not path.exists():
            result.create.append(rel)
            continue
        current = _read(path)
        if current == text:
            result.unchanged.append(rel)
        elif current is None or not current.startswith(MARKER):
            result.conflicts.append(
                f"docs/{rel}: a file not made by the generator is in the way of a generated page. "
                "Rename or move it (the generator never overwrites hand-written files)."
            )
        elif edited_by_hand(current) and not force:
            result.conflicts.append(
                f"docs/{rel}: this generated page was edited by hand. Move the edit into "
                "faq_source/, then delete the file or run scripts/build_faq.py --force."
            )
        else:
            result.update.append(rel)
    for rel in _generated_files(docs_dir):
        if rel not in pages:
            current = _read(docs_dir / rel) or ""
            if edited_by_hand(current) and not force:
                result.conflicts.append(
                    f"docs/{rel}: its source is gone, but the page was edited by hand. Keep the "
                    "edit elsewhere, then delete the file or run scripts/build_faq.py --force."
                )
            else:
                result.remove.append(rel)
    return result


def apply(docs_dir: Path, pages: dict[str, str], result: Plan) -> None:
    """Carry out ``result`` (from :func:`plan`); refuses if it has conflicts."""
    if result.conflicts:
        raise OutputError("\n".join(result.conflicts + ["Nothing was written."]))
    for rel in result.create + result.update:
        write_atomic(docs_dir / rel, pages[rel])
    for rel in result.remove:
        path = docs_dir / rel
        path.unlink()
        _remove_empty_parents(path.parent, docs_dir)


def _read(path: Path) -> str | None:
    try:  # bytes, then decode: read_text() would turn a "\r" in a text into "\n"
        return path.read_bytes().decode("utf-8")
    except (UnicodeDecodeError, IsADirectoryError):
        return None


def _generated_files(docs_dir: Path) -> list[str]:
    """Markdown files under ``docs_dir`` that carry the marker (only their first bytes are read)."""
    found = []
    if not docs_dir.is_dir():
        return found
    marker = MARKER.encode("utf-8")
    for path in sorted(docs_dir.rglob("*.md")):
        with path.open("rb") as handle:
            if handle.read(len(marker)) == marker:
                found.append(path.relative_to(docs_dir).as_posix())
    return found


def _remove_empty_parents(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
