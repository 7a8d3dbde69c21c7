"""The only module that writes docs/: plan the changes, refuse unsafe ones, then write atomically.

Rules: a file is ours only if it starts with the generated marker; hand-written files are never
touched; a generated file edited by hand since it was generated is reported, not overwritten;
identical content is not rewritten (``mkdocs serve`` would rebuild forever); all the writes and
removals of a run happen or none do (journal.py), under the build lock (buildlock.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import OutputError
from ..marker import MARKER, edited_by_hand
from . import journal

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
    try:
        return _plan(docs_dir, pages, force)
    except OSError as err:
        raise journal.located(err, docs_dir, "reading docs/", "Nothing was written.") from None


def _plan(docs_dir: Path, pages: dict[str, str], force: bool) -> Plan:
    result = Plan()
    for rel, text in pages.items():
        path = docs_dir / rel
        if path.is_dir():
            result.conflicts.append(
                f"docs/{rel}: a folder is where the generator writes a page. Move or rename it."
            )
            continue
        if blocker := _file_in_the_way(docs_dir, rel):
            result.conflicts.append(
                f"docs/{blocker}: a file is where the folder of docs/{rel} belongs. Move or "
                "rename it."
            )
            continue
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
    """Carry out ``result`` (from :func:`plan`), all or nothing; refuses if it has conflicts.
    Run it under :func:`buildlock.locked_docs`, like :func:`plan`."""
    if result.conflicts:
        raise OutputError("\n".join(result.conflicts + ["Nothing was written."]))
    writes = {rel: pages[rel] for rel in result.create + result.update}
    journal.change(docs_dir, writes, result.remove)


def _read(path: Path) -> str | None:
    try:  # bytes, then decode: read_text() would turn a "\r" in a text into "\n"
        return path.read_bytes().decode("utf-8")
    except (UnicodeDecodeError, IsADirectoryError):
        return None


def _file_in_the_way(docs_dir: Path, rel: str) -> str | None:
    """The file (not folder) at one of the folders of ``rel``, if any."""
    folder = (docs_dir / rel).parent
    while folder != docs_dir and not folder.is_dir():
        if folder.exists():
            return folder.relative_to(docs_dir).as_posix()
        folder = folder.parent
    return None


def _generated_files(docs_dir: Path) -> list[str]:
    """Markdown files under ``docs_dir`` that carry the marker (only their first bytes are read)."""
    found = []
    if not docs_dir.is_dir():
        return found
    marker = MARKER.encode("utf-8")
    for path in sorted(docs_dir.rglob("*.md")):
        if not path.is_file():
            continue
        with path.open("rb") as handle:
            if handle.read(len(marker)) == marker:
                found.append(path.relative_to(docs_dir).as_posix())
    return found

