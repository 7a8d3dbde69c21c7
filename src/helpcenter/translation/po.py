"""Gettext PO export and import for translators: ``scripts/build_faq.py export`` and ``import``.

Export writes one PO file per source file (``faq.en.po``, ``guides.en.po``, ``site.en.po``) with
one message per translatable text. ``msgctxt`` is the text's stable address
(``entries/<id>/answer``, ``guides/<id>/steps/2`` (from 1), ``guides/<id>/steps/2/image/alt``
(a picture's alt text), ``languages/labels/faq_title``,
``categories/<id>/title``), ``msgid`` the source-language text and ``msgstr`` the translation
(empty when missing). Every message of an outdated item is ``#, fuzzy``: the lock keeps one hash
per item, so which of its texts changed is not known, and marking the item current covers them
all. The previous source text (``#| msgid``) is never known: the lock keeps its hash only.

Import (po_import.py) checks every message first and writes nothing on any
problem; then it edits only the target-language values (yaml_edit.py), checks the edited source
as the build would, and marks current the items whose every message was imported translated and
not fuzzy.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import polib

from ..atomic import write_atomic
from ..errors import Problem, SourceError
from ..fields import CATEGORY_TEXTS, ENTRY_TEXTS, GUIDE_TEXTS, LANGUAGE_TEXTS
from ..load import load
from ..load.source import Node, read_source
from ..model import HelpCenter, Mark
from ..placeholders import scan
from . import freshness, yaml_edit
from .lock import Lock, read_lock

PO_NAMES = {"faq.yaml": "faq", "guides.yaml": "guides", "site.yaml": "site"}
"""Source file -> the stem of its PO file (``faq`` -> ``faq.en.po``)."""
ONLY = ("all", "outdated", "missing")

KEEP_PLACEHOLDERS = ("Keep each {{...}} exactly as written (it becomes a date, an amount or a "
                     "link): ")
MARKDOWN_NOTE = ("Markdown: keep the markup (**bold**, lists, line breaks) and each link's "
                 "address in (...); translate only the words.")
PLAIN_NOTE = "Plain text: one line, shown exactly as written."


class PoError(SourceError):
    """An import or export refused, with every problem found; nothing was written."""

    def report(self) -> str:
        count = len(self.problems)
        lines = [str(p) for p in self.problems]
        lines.append(f"{count} problem{'s' if count != 1 else ''}; nothing was written.")
        return "\n".join(lines)


@dataclass(frozen=True)
class Unit:
    """One translatable text in one target language."""

    context: str
    file: str
    """Source file name (``faq.yaml``)."""
    shown: str
    """The file as messages show it (``faq_source/faq.yaml``)."""
    source: str
    target: str | None
    """The current translation; None when it is missing."""
    markdown: bool
    in_list: bool
    path: tuple[str | int, ...]
    """Where the translation is (or goes) in the file's YAML."""
    source_path: tuple[str | int, ...]
    line: int
    comment: str
    item: freshness.Item | None
    """The entry or guide (the lock's unit); None for site texts and categories."""
    state: str = ""
    """``outdated`` or ``missing`` (freshness), else empty."""


@dataclass
class Source:
    """faq_source/ as import and export read it: the checked model, the lock, the node tree
    (values with their lines), and each file's text, data and spots (yaml_edit.py)."""

    center: HelpCenter
    lock: Lock
    nodes: dict[str, Node]
    texts: dict[str, str]
    bom: dict[str, str]
    data: dict[str, Any]
    spots: dict[str, yaml_edit.Spot]

    @classmethod
    def read(cls, root: Path) -> Source:
        """Raises :class:`SourceError` if the source or the lock has problems."""
        source_dir = root / "faq_source"
        center = load(source_dir, root)
        lock, problems = read_lock(source_dir, root)
        if problems:
            raise SourceError(problems)
        nodes, _ = read_source(source_dir, root)
        texts, bom, data, spots = {}, {}, {}, {}
        for name in PO_NAMES:
            raw = (source_dir / name).read_bytes().decode("utf-8")
            texts[name] = raw.removeprefix("\ufeff")
            bom[name] = raw[: len(raw) - len(texts[name])]
            spots[name], data[name] = yaml_edit.read(texts[name])
        return cls(center, lock, nodes, texts, bom, data, spots)

    def units(self, language: str) -> list[Unit]:
        """Every translatable text of the source for ``language``, in file order."""
        center = self.center
        states = {f.key: f.state for f in freshness.status(center, self.lock)
                  if f.language == language}
        found = list(self._site_units(language))
        by_id = {(i.kind, i.id): i for i in freshness.items(center)}
        for kind, file, key, fields in (("guide", "guides.yaml", "guides", GUIDE_TEXTS),
                                        ("entry", "faq.yaml", "entries", ENTRY_TEXTS)):
            for index, node in enumerate(self.nodes[file].value[key].value):
                item = by_id[(kind, node.value["id"].value)]
                if item.source_language == language:
                    continue
                state = states.get((kind, item.id, language), "")
                for unit in self._item_units(file, (key, index), item.source_language,
                                             language, fields, f"{key}/{item.id}"):
                    found.append(replace(unit, item=item, state=state))
        categories = self.nodes["faq.yaml"].value.get("categories")
        if language != center.default_language:
            for index, node in enumerate(categories.value if categories else []):
                found += self._item_units("faq.yaml", ("categories", index),
                                          center.default_language, language, CATEGORY_TEXTS,
                                          f"categories/{node.value['id'].value}")
        return found

    def _site_units(self, language: str) -> Iterator[Unit]:
        default = self.center.default_language
        if language == default:
            return
        source = self.nodes["site.yaml"].value["languages"].value[default]
        fields = [*LANGUAGE_TEXTS, (("not_found", "title"), False),
                  (("not_found", "text"), False)]
        fields += [(("labels", key), False) for key in source.value["labels"].value]
        for keys, markdown in fields:
            yield from self._unit("site.yaml", ("languages", default, *keys),
                                  ("languages", language, *keys),
                                  "languages/" + "/".join(keys), markdown, False)

    def _item_units(self, file: str, base: tuple, source: str, language: str,
                    fields: tuple, context: str) -> Iterator[Unit]:
        root = self.nodes[file]
        block = node_at(root, (*base, source))
        comment = self._comment(file, node_at(root, base))
        for key, markdown in fields:
            yield from self._unit(file, (*base, source, key), (*base, language, key),
                                  f"{context}/{key}", markdown, False, comment)
        yield from self._alt_unit(file, (*base, source), (*base, language), context, comment)
        steps = block.value.get("steps") if block is not None else None
        for index, step in enumerate(steps.value if steps else []):
            there, here = (*base, source, "steps", index), (*base, language, "steps", index)
            target = node_at(root, here)
            # a step with a picture is a block: its text is under "text"
            mine = target is not None and isinstance(target.value, dict)
            theirs = isinstance(step.value, dict)
            yield from self._unit(file, (*there, "text") if theirs else there,
                                  (*here, "text") if mine or (target is None and theirs) else here,
                                  f"{context}/steps/{index + 1}", True, True, comment)
            yield from self._alt_unit(file, there, here, f"{context}/steps/{index + 1}", comment)

    def _alt_unit(self, file: str, there: tuple, here: tuple, context: str, comment: str
                  ) -> Iterator[Unit]:
        """A picture's alt text, when the translation has a picture of its own (one without
        shows the original's picture and alt text: a file is not something a PO can add)."""
        if node_at(self.nodes[file], (*here, "image", "alt")) is not None:
            yield from self._unit(file, (*there, "image", "alt"), (*here, "image", "alt"),
                                  f"{context}/image/alt", False, False, comment)

    def _unit(self, file: str, source_path: tuple, path: tuple, context: str, markdown: bool,
              in_list: bool, comment: str = "") -> Iterator[Unit]:
        root = self.nodes[file]
        source = node_at(root, source_path)
        if source is None or not isinstance(source.value, str):
            return
        target = node_at(root, path)
        text = target.value if target is not None and isinstance(target.value, str) else None
        place = target if text is not None else source
        notes = [c for c in (comment, self._comment(file, place)) if c]
        yield Unit(context, file, root.file, source.value, text, markdown, in_list, path,
                   source_path, place.line, "\n".join(dict.fromkeys(notes)), None)

    def _comment(self, file: str, node: Node | None) -> str:
        """The writer's ``#`` comment right above ``node``'s line."""
        if node is None:
            return ""
        return yaml_edit.comment_above(self.texts[file].split("\n"), node.line)


def node_at(root: Node | None, path: tuple) -> Node | None:
    """The node at ``path`` (keys and list positions) under ``root``, or None."""
    node = root
    for step in path:
        if node is None:
            return None
        if isinstance(step, int):
            node = node.value[step] if isinstance(node.value, list) and step < len(
                node.value) else None
        else:
            node = node.value.get(step) if isinstance(node.value, dict) else None
    return node


# -------------------------------------------------------------------------------------- export


def selected(all_units: list[Unit], only: str) -> list[Unit]:
    """The units ``--only`` asks for: ``outdated`` and ``missing`` are the items' states."""
    return [u for u in all_units if only == "all" or u.state == only]


def po_files(found: list[Unit], language: str, source_language: str) -> dict[str, polib.POFile]:
    """``{file name: PO}`` for the units, one PO per source file that has any."""
    files: dict[str, polib.POFile] = {}
    for unit in found:
        name = f"{PO_NAMES[unit.file]}.{language}.po"
        if name not in files:
            files[name] = _new_po(language, source_language)
        files[name].append(_entry(unit))
    return files


def _new_po(language: str, source_language: str) -> polib.POFile:
    po = polib.POFile(wrapwidth=78)
    po.header = (f"Translations of faq_source/ into {language}, made by scripts/build_faq.py "
                 "export.\nWrite them back with scripts/build_faq.py import FILE.po.")
    po.metadata = {
        "Project-Id-Version": "helpcenter faq_source",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Source-Language": source_language,
        "X-Generator": "scripts/build_faq.py export",
    }
    return po


def _entry(unit: Unit) -> polib.POEntry:
    notes = [unit.comment] if unit.comment else []
    notes.append(MARKDOWN_NOTE if unit.markdown else PLAIN_NOTE)
    if placeholders := list(dict.fromkeys(p.text for p in scan(unit.source))):
        notes.append(KEEP_PLACEHOLDERS + ", ".join(placeholders) + ".")
    entry = polib.POEntry(msgctxt=unit.context, msgid=unit.source, msgstr=unit.target or "",
                          comment="\n".join(notes),
                          occurrences=[(unit.shown, str(unit.line))])
    if unit.state == "outdated" and unit.target:
        entry.flags.append("fuzzy")
    return entry


def counts(files: dict[str, polib.POFile]) -> dict[str, dict[str, int]]:
    """Per PO file: messages translated, fuzzy and untranslated."""
    return {
        name: {
            "translated": len(po.translated_entries()),
            "fuzzy": len(po.fuzzy_entries()),
            "untranslated": len(po.untranslated_entries()),
        }
        for name, po in files.items()
    }


def nfc(text: str) -> str:
    """A translator's text as the source keeps texts: NFC, ``\\n`` line breaks."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n"))


def problem(shown: str, line: int, context: str, message: str) -> Problem:
    return Problem(Mark(shown, line), f"msgctxt {context}" if context else "", message)


def export(root: Path, language: str, only: str, out: Path) -> list[str]:
    """Write the PO files of ``language`` into ``out``; the lines to print (a count per file)."""
    source = Source.read(root)
    found = selected(source.units(language), only)
    files = po_files(found, language, source.center.default_language)
    lines = []
    for name, catalog in files.items():
        write_atomic(out / name, str(catalog) + "\n")
        count = counts({name: catalog})[name]
        lines.append(f"{(out / name).as_posix()}: {len(catalog)} messages ({count['translated']}"
                     f" translated, {count['fuzzy']} fuzzy, {count['untranslated']} "
                     "untranslated)")
    return lines or [f"nothing to translate into {language} (--only {only})."]
