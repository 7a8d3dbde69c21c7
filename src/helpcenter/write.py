"""The only module that touches docs/: plan the changes, refuse unsafe ones, then write atomically.

Rules: a file is ours only if it starts with the generated marker; hand-written files are never
touched; a generated file edited by hand since it was generated is reported, not overwritten;
identical content is not rewritten (``mkdocs serve`` would rebuild forever); every write is a
temporary file renamed over the target.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import OutputError, Problem
from .model import HelpCenter, Mark
from .render import MARKER, body_digest, split_marker
from .translation import text_fields
from .validate import PLACEHOLDER, PLACEHOLDER_BODY


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
        elif _edited_by_hand(current) and not force:
            result.conflicts.append(
                f"docs/{rel}: this generated page was edited by hand. Move the edit into "
                "faq_source/, then delete the file or run scripts/build_faq.py --force."
            )
        else:
            result.update.append(rel)
    for rel in _generated_files(docs_dir):
        if rel not in pages:
            current = _read(docs_dir / rel) or ""
            if _edited_by_hand(current) and not force:
                result.conflicts.append(
                    f"docs/{rel}: its source is gone, but the page was edited by hand. Keep the "
                    "edit elsewhere, then delete the file or run scripts/build_faq.py --force."
                )
            else:
                result.remove.append(rel)
    return result


def extra_page_problems(docs_dir: Path, center: HelpCenter, pages: dict[str, str]) -> list[Problem]:
    """Check the hand-written pages site.yaml lists: present in the default language's folder,
    and not a page the generator makes."""
    problems = []
    for index, (rel, mark) in enumerate(center.extra_pages):
        field = f"extra_pages[{index}]"
        if f"{center.default_language}/{rel}" in pages:
            problems.append(
                Problem(
                    mark, field, f"'{rel}' is a generated page; list only hand-written pages here."
                )
            )
        elif not (docs_dir / center.default_language / rel).is_file():
            problems.append(
                Problem(
                    mark,
                    field,
                    f"no page docs/{center.default_language}/{rel}. "
                    "Create it (a hand-written Markdown page) or remove this line.",
                )
            )
    return problems


def page_link_problems(docs_dir: Path, center: HelpCenter, pages: dict[str, str]
                       ) -> list[Problem]:
    """Every ``{{page:PATH}}`` leads to a page of the language showing it: one the generator
    makes, or a hand-written ``docs/<language>/PATH``."""
    problems = []
    site_file = next((f for f in center.source_files if f.endswith("site.yaml")), "site.yaml")
    for language in center.languages:
        code = language.code
        texts = [(Mark(site_file), f"languages.{code}.home.intro", language.home_intro)]
        for kind, items in (("guides", center.guides), ("entries", center.entries)):
            for index, item in enumerate(items):
                text = item.texts[code]  # a missing translation holds the original
                texts += [(text.field_marks.get(key, text.mark), f"{kind}[{index}].{key}", value)
                          for key, value in text_fields(text).items()]
        for mark, field_path, value in texts:
            for match in PLACEHOLDER.finditer(value):
                body = PLACEHOLDER_BODY.fullmatch(match.group(1))
                if not body or body.group(1) != "page":
                    continue
                target = body.group(2)
                path = target.partition("#")[0]
                if f"{code}/{path}" not in pages and not (docs_dir / code / path).is_file():
                    problems.append(Problem(
                        mark, field_path,
                        f"'{{{{page:{target}}}}}' shown in {code}: no page docs/{code}/{path}. "
                        "Create it (a hand-written Markdown page) or correct the path.",
                    ))
    return problems


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


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old or the new file, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read(path: Path) -> str | None:
    try:  # bytes, then decode: read_text() would turn a "\r" in a text into "\n"
        return path.read_bytes().decode("utf-8")
    except (UnicodeDecodeError, IsADirectoryError):
        return None


def _edited_by_hand(text: str) -> bool:
    parts = split_marker(text)
    return parts is None or parts[0] != body_digest(parts[1])


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
