"""``scripts/build_faq.py import FILE.po [...]``: translations from PO files back into faq_source/.

Every file and message is checked before anything is written; on any problem every problem is
reported as ``FILE.po:LINE: msgctxt ...: what is wrong. how to fix it`` and nothing is written.
A message is refused when its ``msgctxt`` is unknown or repeated, its ``msgid`` is not the current
source text, or (when its ``msgstr`` is new, or not fuzzy) its placeholders, its Markdown link
addresses or its raw HTML differ from what the source allows. Then only the target-language
values that changed are edited (yaml_edit.py), the edited source is checked as the build checks
it, and the lock marks current each item whose every message was imported translated and not
fuzzy (an item currently current with a message imported fuzzy is marked outdated).
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import polib

from ..atomic import write_atomic
from ..errors import Problem, SourceError
from ..html_policy import POLICY
from ..load import load
from ..load.markup import RELATIVE, SITE_LINKS, unsafe_markup
from ..load.source import read_source
from ..placeholders import scan, substitute
from . import freshness, po, yaml_edit
from .lock import write_lock

_PO_LINE = re.compile(
    r'\s*(?:#.*|(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+"(?:[^"\\]|\\.)*"|'
    r'"(?:[^"\\]|\\.)*")?\s*'
)
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)|<((?:https?|mailto|tel):[^>\s]+)>|"
                   r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
FRESH = ("Export again (scripts/build_faq.py export --language {language} --out DIR) and carry "
         "your translations over (msgmerge, Poedit's Catalog > Update from POT File, or Weblate's "
         "update of the component).")


@dataclass(frozen=True)
class Taken:
    """A message accepted for import."""

    unit: po.Unit
    text: str
    fuzzy: bool
    shown: str
    line: int


def read_po(path: Path, codes: list[str], problems: list[Problem]) -> tuple[str, list] | None:
    """``(language, [(line, entry)])`` of a PO file, or None with its problems added."""
    shown = path.as_posix()
    try:
        data = path.read_bytes()
    except OSError as err:
        problems.append(po.problem(shown, 0, "", f"cannot read it ({err.strerror}). Check the "
                                   "path."))
        return None
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as err:
        problems.append(po.problem(shown, data.count(b"\n", 0, err.start) + 1, "",
                                   f"the file is not UTF-8 (byte 0x{data[err.start]:02x}). Save "
                                   "it as UTF-8 (charset=UTF-8 in the header), as Poedit and "
                                   "Weblate do."))
        return None
    lines = text.split("\n")
    bad = next((n for n, line in enumerate(lines, 1) if not _PO_LINE.fullmatch(line)), 0)
    try:
        catalog = polib.pofile(text + ("\n" if "\n" not in text else ""), wrapwidth=78)
    except (OSError, ValueError) as err:
        found = re.search(r"line (\d+)", str(err))
        bad = bad or (int(found.group(1)) if found else 1)
    if bad:
        problems.append(po.problem(shown, bad, "", "not a valid PO file: this line is not a "
                                   "comment, a msgctxt/msgid/msgstr keyword or a quoted string. "
                                   "Fix it in a PO editor (msgfmt --check FILE.po shows where), "
                                   "or export again."))
        return None
    return _language(catalog, shown, codes, problems, lines)


def _language(catalog: polib.POFile, shown: str, codes: list[str], problems: list[Problem],
              lines: list[str]) -> tuple[str, list] | None:
    language = catalog.metadata.get("Language", "").strip()
    charset = re.search(r"charset=([\w-]+)", catalog.metadata.get("Content-Type", ""))
    if charset and charset.group(1).lower().replace("-", "") != "utf8":
        problems.append(po.problem(shown, 1, "", f"the header says charset={charset.group(1)}. "
                                   "Save the file as UTF-8 with charset=UTF-8."))
        return None
    if language not in codes:
        what = f"'{language}' is not a language of the site" if language else "no Language"
        problems.append(po.problem(shown, 1, "", f"the header has {what} (one of "
                                   f"{', '.join(codes)}). Import files made by export, which "
                                   "write it."))
        return None
    entries = []
    for entry in catalog:
        if entry.obsolete:
            continue
        start = max(entry.linenum or 1, 1) - 1
        line = next((n for n in range(start, len(lines)) if lines[n].startswith(("msgctxt",
                                                                                 "msgid"))), start)
        entries.append((line + 1, entry))
    return language, entries


def take(entries: list[tuple[int, polib.POEntry]], shown: str, language: str,
         units: dict[str, po.Unit], seen: dict[str, str], problems: list[Problem]) -> list[Taken]:
    """The translated messages of one file, checked (problems added)."""
    taken = []
    for line, entry in entries:
        context = entry.msgctxt or ""
        say = lambda message, c=context, n=line: problems.append(po.problem(shown, n, c, message))
        unit = units.get(context)
        if context in seen:
            say(f"this msgctxt appears twice (also at {seen[context]}). Keep one of them.")
            continue
        seen[context] = f"{shown}:{line}"
        if unit is None:
            say(f"no {language} text of faq_source/ has this address. Keep msgctxt as export "
                "wrote it; " + FRESH.format(language=language))
            continue
        if po.nfc(entry.msgid) != unit.source:
            say(f"the msgid is not the current {_source_language(unit)} text at "
                f"{unit.shown}: the source changed since this file was exported. "
                + FRESH.format(language=language))
            continue
        text = po.nfc(entry.msgstr)
        if not text:
            continue
        if text != unit.target and unit.markdown and unit.source.endswith("\n") and (
                not text.endswith("\n") and (unit.target or "\n").endswith("\n")):
            text += "\n"  # as msgfmt --check wants; Poedit may drop it
        fuzzy = "fuzzy" in entry.flags
        if text != unit.target or not fuzzy:
            for message in check(unit, text):
                say(message)
        taken.append(Taken(unit, text, fuzzy, shown, line))
    return taken


def _source_language(unit: po.Unit) -> str:
    return str(unit.source_path[2] if unit.item or unit.context.startswith("categories/")
               else unit.source_path[1])


def check(unit: po.Unit, text: str) -> list[str]:
    """What is wrong with ``text`` as the translation of ``unit``: placeholders, links, HTML."""
    messages = []
    before, after = Counter(_placeholders(unit.source)), Counter(_placeholders(text))
    if before != after:
        messages.append(f"the placeholders differ from the msgid: {_diff(before, after)}. Keep "
                        "every {{...}} of the msgid exactly as written, and add none.")
    if not unit.markdown:
        return messages
    before, after = Counter(_links(unit.source)), Counter(_links(text))
    if before != after:
        messages.append(f"the link addresses differ from the msgid: {_diff(before, after)}. "
                        "Keep each link's address as in the msgid; translate only its text.")
    checked = substitute(text, lambda p: "#page" if "page:" in p.text else "X")
    for what, needle in unsafe_markup(checked, unit.in_list):
        messages.append(f"the relative link '{needle}' would break when the page moves. "
                        f"{SITE_LINKS}" if what == RELATIVE else f"{what}. {POLICY}")
    return messages


def _placeholders(text: str) -> list[str]:
    return [f"{{{{{p.kind}:{p.ref}}}}}" if p.kind else p.text for p in scan(text)]


def _links(text: str) -> list[str]:
    return [next(g for g in match.groups() if g) for match in _LINK.finditer(text)]


def _diff(before: Counter, after: Counter) -> str:
    parts = [f"lost {k}" for k in sorted((before - after).elements())]
    parts += [f"added {k}" for k in sorted((after - before).elements())]
    return ", ".join(parts)


def import_files(root: Path, paths: list[Path]) -> list[str]:
    """Import ``paths`` into ``root/faq_source``; the lines to print. Raises :class:`po.PoError`
    (or :class:`SourceError` for a bad source) with every problem; nothing is written then."""
    source = po.Source.read(root)
    problems: list[Problem] = []
    taken: dict[str, list[Taken]] = {}
    seen: dict[str, dict[str, str]] = {}
    codes = [lang.code for lang in source.center.languages]
    for path in paths:
        read = read_po(path, codes, problems)
        if read is None:
            continue
        language, entries = read
        units = {u.context: u for u in source.units(language)}
        found = take(entries, path.as_posix(), language, units, seen.setdefault(language, {}),
                     problems)
        taken.setdefault(language, []).extend(found)
    if problems:
        raise po.PoError(problems)
    texts, report = _edited_texts(source, taken)
    center = _check_edited(root, source, texts, taken)
    lock, lines = _new_lock(source, center, taken)
    for name, text in texts.items():
        write_atomic(root / "faq_source" / name, source.bom[name] + text)
    lock_written = lock.records != source.lock.records and write_lock(root / "faq_source", lock)
    return report + lines + _summary(bool(texts) or lock_written)


def _summary(written: bool) -> list[str]:
    if not written:
        return ["faq_source/: nothing to change."]
    return ["Run scripts/build_faq.py (or make build) to update the pages, then commit "
            "faq_source/ and docs/ together."]


def _edited_texts(source: po.Source, taken: dict[str, list[Taken]]
                  ) -> tuple[dict[str, str], list[str]]:
    """The new text of each source file that changes, and a line per file."""
    by_file: dict[str, list[Taken]] = {}
    for found in taken.values():
        for one in found:
            if one.text != one.unit.target:
                by_file.setdefault(one.unit.file, []).append(one)
    texts, report, problems = {}, [], []
    contexts = {u.path: u.context for language in taken for u in source.units(language)}
    for name, changes in sorted(by_file.items()):
        edits = yaml_edit_plan(source, name, changes, problems, contexts)
        try:
            texts[name] = yaml_edit.apply(source.texts[name], source.data[name], edits)
        except yaml_edit.EditError as err:
            problems.append(po.problem(f"faq_source/{name}", 0, "", f"{err}. Edit this "
                                       "translation in the YAML by hand and report the case."))
        report.append(f"faq_source/{name}: {len(changes)} text{'s' if len(changes) != 1 else ''}"
                      " changed")
    if problems:
        raise po.PoError(problems)
    return texts, report


def yaml_edit_plan(source: po.Source, name: str, changes: list[Taken],
                   problems: list[Problem], contexts: dict) -> list[yaml_edit.Edit]:
    """Long: the edits of one file: a value replaced where it exists; where it does not, the
    missing block added whole (every text under it must be translated), or a problem."""
    root = source.spots[name]
    by_path = {one.unit.path: one for one in changes}
    edits, added = [], set()
    for one in changes:
        unit = one.unit
        if unit.target is not None:
            spot = yaml_edit.find(root, unit.path)
            edits.append(yaml_edit.replace_value(source.texts[name], spot, unit.path, one.text,
                                                 seq=isinstance(unit.path[-1], int)))
            continue
        depth = next(d for d in range(len(unit.path), 0, -1)
                     if yaml_edit.find(root, unit.path[:d]) is not None)
        parent, key = unit.path[:depth], unit.path[depth]
        if (*parent, key) in added:
            continue
        added.add((*parent, key))
        like_path = unit.source_path[: depth + 1]
        like = yaml_edit.find(root, like_path)
        block, lacking = _mirror(source.data[name], like_path, (*parent, key), by_path)
        lacking = [f"msgctxt {contexts.get(path, '/'.join(map(str, path)))}" for path in lacking]
        say = lambda m, o=one: problems.append(po.problem(o.shown, o.line, o.unit.context, m))
        if isinstance(key, int):
            say(f"the {parent[-2]} text has fewer steps than the original: make the number of "
                "steps agree in the YAML first (status lists it), then import again.")
        elif lacking:
            say(f"the {key} block does not exist yet, so every text in it must be translated "
                f"(and not fuzzy) to add it; not yet: {', '.join(lacking)}. Translate them too.")
        elif (edit := yaml_edit.add_key(source.texts[name], yaml_edit.find(root, parent),
                                        parent, key, block, like)) is None:
            say(f"the {key} block must be added by hand: its parent is written in {{...}} style.")
        else:
            edits.append(edit)
    return edits


def _mirror(data: object, like_path: tuple, path: tuple, by_path: dict) -> tuple[object, list]:
    """The block to add at ``path``: the source block at ``like_path`` with each text replaced
    by its translation; and the addresses of texts without one."""
    lacking: list[str] = []

    def walk(value: object, at: tuple) -> object:
        if isinstance(value, dict):  # without pictures: the new block shows the original's
            if "text" in value and "image" in value:  # a step with a picture: its text alone
                return walk(value["text"], (*at, "text"))
            return {k: walk(v, (*at, k)) for k, v in value.items() if k != "image"}
        if isinstance(value, list):
            return [walk(v, (*at, i)) for i, v in enumerate(value)]
        one = by_path.get(at)
        if one is None or one.fuzzy:
            lacking.append(at)
            return ""
        return one.text

    node = data
    for step in like_path:
        node = node[step]
    return walk(node, path), lacking


def _check_edited(root: Path, source: po.Source, texts: dict[str, str],
                  taken: dict[str, list[Taken]]):
    """The model of the edited source, checked as the build checks it; its problems in a
    translated text are reported at the message."""
    if not texts:
        return source.center
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "faq_source"
        # everything, pictures included (checked as the build checks them); links as links
        shutil.copytree(root / "faq_source", copy, symlinks=True)
        for name, text in texts.items():
            (copy / name).write_text(source.bom[name] + text, "utf-8")
        try:
            return load(copy, Path(tmp))
        except SourceError as err:
            nodes, _ = read_source(copy, Path(tmp))
            raise po.PoError([_at_message(p, nodes, taken) for p in err.problems]) from None


def _at_message(problem: Problem, nodes: dict, taken: dict[str, list[Taken]]) -> Problem:
    for found in taken.values():
        for one in found:
            node = po.node_at(nodes.get(one.unit.file), one.unit.path)
            if node is None or node.file != problem.mark.path:
                continue
            last = node.line + node.value.count("\n") + (node.style in ("|", ">"))
            if node.line <= problem.mark.line <= last:
                return po.problem(one.shown, one.line, one.unit.context, problem.message)
    return problem


def _new_lock(source: po.Source, center, taken: dict[str, list[Taken]]):
    """The lock with imported items marked current (or outdated); the lines saying so."""
    lock, lines = source.lock, []
    items = {(i.kind, i.id): i for i in freshness.items(center)}
    for language, found in taken.items():
        done: dict[tuple, list[Taken]] = {}
        for one in found:
            if one.unit.item is not None:
                done.setdefault((one.unit.item.kind, one.unit.item.id), []).append(one)
        every = Counter((u.item.kind, u.item.id) for u in source.units(language) if u.item)
        for key, ones in done.items():
            item = items[key]
            if len(ones) == every[key] and not any(o.fuzzy for o in ones):
                lock, changed = freshness.mark_current(center, lock, [item], language)
            elif any(o.fuzzy for o in ones) and not ones[0].unit.state:
                note = f"imported as fuzzy from {ones[0].shown}"
                lock, changed = freshness.mark_outdated(center, lock, [item], language, note)
            else:
                changed = []
            lines += changed
    return lock, lines
