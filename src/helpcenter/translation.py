"""Translation freshness: which translations are missing, and which were made from another text
of their original than the current one.

Every entry and guide has a source language (the site's default unless it sets
``source_language``). When a translator marks a translation current
(``scripts/build_faq.py mark-current``), the short hash of the source-language text it was made
from is recorded in ``faq_source/translations.lock.json``, beside the source, so that no command
rewrites the writers' YAML. When that text changes, its hash no longer matches and the
translation is *outdated* until it is reviewed and marked current again. The lock is written only
by the commands here: sorted keys, two-space indent, one trailing newline, so that it diffs well
and a run that changes nothing writes nothing.

Pure except :func:`read_lock` and :func:`write_lock`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem
from .model import Entry, EntryText, Guide, GuideText, HelpCenter, Mark

LOCK_FILE = "translations.lock.json"
"""The lock's file name inside faq_source/."""

_LOCK_NOTE = (
    "Written by scripts/build_faq.py mark-current and mark-outdated; do not edit by hand. "
    "For each translation: the language it was translated from and the hash of that text "
    "(null: made from another text than the current one; see note)."
)
_KINDS = {"entry": "entries", "guide": "guides"}
"""Item kind -> its key in the source files and in the lock."""


@dataclass(frozen=True)
class Item:
    """An entry or a guide, as the translation workflow sees it."""

    kind: str
    """``entry`` or ``guide``."""
    id: str
    path: str
    """Field path in its file, e.g. ``entries[3]``."""
    source_language: str
    value: Entry | Guide

    @property
    def label(self) -> str:
        return f"{'question' if self.kind == 'entry' else 'guide'} '{self.id}'"


def items(center: HelpCenter) -> Iterator[Item]:
    """Guides, then entries, in source order."""
    for index, guide in enumerate(center.guides):
        yield Item("guide", guide.id, f"guides[{index}]", _source(center, guide), guide)
    for index, entry in enumerate(center.entries):
        yield Item("entry", entry.id, f"entries[{index}]", _source(center, entry), entry)


def _source(center: HelpCenter, item: Entry | Guide) -> str:
    return item.source_language or center.default_language


def text_fields(text: EntryText | GuideText) -> dict[str, str]:
    """The translatable fields of a text, by field path (``question``, ``steps[1]``)."""
    if isinstance(text, EntryText):
        return {"question": text.question, "answer": text.answer}
    fields = {"title": text.title, "summary": text.summary, "intro": text.intro}
    fields.update({f"steps[{i}]": step for i, step in enumerate(text.steps)})
    return fields


def source_hash(item: Item) -> str:
    """12 hex digits of SHA-256 over the source-language text. Runs of white space count as one
    space, so re-wrapping a paragraph does not outdate its translations; any other change does."""
    text = item.value.texts[item.source_language]
    canonical = json.dumps(
        {key: " ".join(value.split()) for key, value in text_fields(text).items()},
        ensure_ascii=False,
        sort_keys=True,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


# --- the lock file -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    """What the lock says about one translation."""

    source: str
    """The language it was translated from."""
    hash: str | None
    """:func:`source_hash` of the text it was made from; None: another text than the current."""
    note: str = ""
    """Why it was marked outdated (``mark-outdated --note``)."""


@dataclass
class Lock:
    """``(kind, id, language) -> Record``."""

    records: dict[tuple[str, str, str], Record] = field(default_factory=dict)

    def text(self) -> str:
        """The lock file's bytes as text: deterministic (sorted, fixed layout)."""
        data: dict = {"about": _LOCK_NOTE}
        for kind, key in _KINDS.items():
            section: dict = {}
            for (k, item_id, language), record in sorted(self.records.items()):
                if k != kind:
                    continue
                value: dict = {"from": record.source, "hash": record.hash}
                if record.note:
                    value["note"] = record.note
                section.setdefault(item_id, {})[language] = value
            data[key] = section
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def read_lock(source_dir: Path, display_root: Path) -> tuple[Lock, list[Problem]]:
    """Read ``faq_source/translations.lock.json``; a missing file is an empty lock."""
    path = source_dir / LOCK_FILE
    shown = _display(path, display_root)
    lock = Lock()
    if not path.is_file():
        return lock, []
    fix = "Restore it from git, or delete it and run scripts/build_faq.py mark-current --all."
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        return lock, [Problem(Mark(shown, 1), "", f"the lock is not UTF-8. {fix}")]
    except json.JSONDecodeError as err:
        return lock, [
            Problem(Mark(shown, err.lineno, err.colno), "", f"not valid JSON: {err.msg}. {fix}")
        ]
    problems = []
    for kind, key in _KINDS.items():
        section = data.get(key, {}) if isinstance(data, dict) else None
        if not isinstance(section, dict):
            problems.append(Problem(Mark(shown), key, f"expected a block of ids. {fix}"))
            continue
        for item_id, languages in section.items():
            for language, value in languages.items() if isinstance(languages, dict) else []:
                if not (
                    isinstance(value, dict)
                    and isinstance(value.get("from"), str)
                    and (value.get("hash") is None or isinstance(value.get("hash"), str))
                ):
                    problems.append(
                        Problem(Mark(shown), f"{key}.{item_id}.{language}", f"malformed. {fix}")
                    )
                    continue
                lock.records[(kind, item_id, language)] = Record(
                    value["from"], value.get("hash"), str(value.get("note", ""))
                )
    return lock, problems


def write_lock(source_dir: Path, lock: Lock) -> bool:
    """Write the lock if its text changed; return whether it was written."""
    from .write import write_atomic  # atomic rename, as for docs/

    path = source_dir / LOCK_FILE
    text = lock.text()
    if path.is_file() and path.read_bytes() == text.encode("utf-8"):
        return False
    write_atomic(path, text)
    return True


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# --- status ------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Finding:
    """A translation that is missing or outdated."""

    language: str
    state: str
    """``missing`` or ``outdated``."""
    mark: Mark
    """Missing: the item; outdated: the translation's block."""
    field: str
    """e.g. ``entries[2].en``."""
    kind: str
    item_id: str
    source_language: str
    reason: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.kind, self.item_id, self.language)

    def problem(self) -> Problem:
        return Problem(self.mark, self.field, self.reason)


def status(center: HelpCenter, lock: Lock) -> list[Finding]:
    """Every missing or outdated translation, by language, then file and line."""
    findings = []
    for item in items(center):
        current = source_hash(item)
        for language in center.languages:
            code = language.code
            if code == item.source_language:
                continue
            field_path = f"{item.path}.{code}"
            if code in item.value.untranslated:
                example = (
                    "title, summary, intro and steps"
                    if item.kind == "guide"
                    else ("question and answer")
                )
                findings.append(
                    Finding(
                        code,
                        "missing",
                        item.value.mark,
                        field_path,
                        item.kind,
                        item.id,
                        item.source_language,
                        f"missing translation '{code}' of '{item.id}' (its pages show the "
                        f"{item.source_language} text). Add a block {code}: with {example}.",
                    )
                )
                continue
            reason = _outdated_reason(
                item, code, current, lock.records.get((item.kind, item.id, code))
            )
            if reason:
                findings.append(
                    Finding(
                        code,
                        "outdated",
                        item.value.texts[code].mark,
                        field_path,
                        item.kind,
                        item.id,
                        item.source_language,
                        f"outdated translation of {item.label}: {reason}",
                    )
                )
    return sorted(findings, key=lambda f: (f.language, f.mark, f.field))


def _outdated_reason(item: Item, code: str, current: str, record: Record | None) -> str:
    source = item.source_language
    done = f"Once it says what the {source} text says: mark-current {item.id} --language {code}."
    if record is None:
        return f"never marked current. {done}"
    if record.source != source:
        return (
            f"made from the {record.source} text, but the item is now written in {source}. {done}"
        )
    if record.hash is None:
        note = f" ({record.note})" if record.note else ""
        return f"made from another {source} text than the current one{note}. {done}"
    if record.hash != current:
        return f"the {source} text has changed since it was marked current. {done}"
    return ""


def outdated_keys(findings: Iterable[Finding]) -> frozenset[tuple[str, str, str]]:
    """``(kind, id, language)`` of the outdated translations, for render.render_site."""
    return frozenset(f.key for f in findings if f.state == "outdated")


# --- marking -----------------------------------------------------------------------------------


def select(center: HelpCenter, ids: Iterable[str]) -> tuple[list[Item], list[str]]:
    """The items named by ``ids`` (``ID``, ``question:ID`` or ``guide:ID``) and the names that
    match nothing or more than one item (as messages)."""
    known = list(items(center))
    chosen: list[Item] = []
    errors = []
    for name in ids:
        kind, _, bare = name.rpartition(":")
        kind = {"question": "entry", "entry": "entry", "guide": "guide", "": ""}.get(kind, "?")
        found = [i for i in known if i.id == bare and kind in ("", i.kind)]
        if kind == "?" or not found:
            errors.append(f"'{name}' is not the id of a question or a guide.")
        elif len(found) > 1:
            errors.append(
                f"'{name}' is both a question and a guide: write question:{bare} or guide:{bare}."
            )
        else:
            chosen.extend(i for i in found if i not in chosen)
    return chosen, errors


def targets(center: HelpCenter, item: Item, language: str | None) -> list[str]:
    """The translation languages of ``item`` a mark command applies to (existing texts only)."""
    return [
        lang.code
        for lang in center.languages
        if lang.code != item.source_language
        and lang.code not in item.value.untranslated
        and language in (None, lang.code)
    ]


def mark_current(
    center: HelpCenter, lock: Lock, chosen: Iterable[Item], language: str | None
) -> tuple[Lock, list[str]]:
    """A new lock in which the chosen translations are current; and what changed, as lines."""
    new = Lock(dict(_known_records(center, lock)))
    changed = []
    for item in chosen:
        current = source_hash(item)
        for code in targets(center, item, language):
            record = Record(item.source_language, current)
            if new.records.get((item.kind, item.id, code)) != record:
                new.records[(item.kind, item.id, code)] = record
                changed.append(f"{code}: {item.label} marked current")
    return new, changed


def mark_outdated(
    center: HelpCenter, lock: Lock, chosen: Iterable[Item], language: str | None, note: str
) -> tuple[Lock, list[str]]:
    """A new lock in which the chosen translations count as made from another source text."""
    new = Lock(dict(_known_records(center, lock)))
    changed = []
    for item in chosen:
        for code in targets(center, item, language):
            record = Record(item.source_language, None, note)
            if new.records.get((item.kind, item.id, code)) != record:
                new.records[(item.kind, item.id, code)] = record
                changed.append(f"{code}: {item.label} marked outdated")
    return new, changed


def _known_records(center: HelpCenter, lock: Lock) -> Iterator[tuple[tuple[str, str, str], Record]]:
    """The lock's records of items and languages that still exist (others are dropped)."""
    live = {(i.kind, i.id) for i in items(center)}
    codes = {lang.code for lang in center.languages}
    for key, record in lock.records.items():
        if key[:2] in live and key[2] in codes:
            yield key, record


# --- the report --------------------------------------------------------------------------------


def _totals(findings: list[Finding], mismatches: list) -> str:
    outdated = sum(f.state == "outdated" for f in findings)
    missing = sum(f.state == "missing" for f in findings)
    return (
        f"{outdated} outdated, {missing} missing, {len(mismatches)} parity "
        f"mismatch{'es' if len(mismatches) != 1 else ''}"
    )


def report_text(center: HelpCenter, findings: list[Finding], mismatches: list) -> str:
    """``status`` for people: per translation language, its missing and outdated translations
    and parity mismatches (``file:line: field: message``), then a one-line total.

    ``mismatches``: glossary.parity's list (anything with ``language`` and ``problem()``)."""
    lines = []
    codes = [lang for lang in center.languages if lang.code != center.default_language]
    codes += [lang for lang in center.languages if lang.code == center.default_language]
    for language in codes:
        mine = [f for f in findings if f.language == language.code]
        theirs = [m for m in mismatches if m.language == language.code]
        if language.code == center.default_language and not mine and not theirs:
            continue  # the usual source language: nothing is translated into it
        lines.append(f"{language.code} ({language.name}): {_totals(mine, theirs)}")
        for finding in mine:
            lines.append(f"  {finding.problem()}")
        for mismatch in theirs:
            problem = mismatch.problem()
            lines.append(f"  {problem.mark}: {problem.field}: parity: {problem.message}")
    total = _totals(findings, mismatches)
    if findings or mismatches:
        lines.append(f"Total: {total}. (status --strict fails on any of them.)")
    else:
        lines.append(f"Total: {total}: every translation is current.")
    return "\n".join(lines) + "\n"


def report_json(center: HelpCenter, findings: list[Finding], mismatches: list) -> str:
    """``status --format json``: the same as :func:`report_text`, for tools."""

    def place(problem: Problem) -> dict:
        mark = problem.mark
        return {
            "file": mark.path,
            "line": mark.line,
            "column": mark.column,
            "field": problem.field,
            "message": problem.message,
        }

    languages = {}
    for language in center.languages:
        mine = [f for f in findings if f.language == language.code]
        theirs = [m for m in mismatches if m.language == language.code]
        languages[language.code] = {
            state: [
                {
                    "kind": f.kind,
                    "id": f.item_id,
                    "source_language": f.source_language,
                    **place(f.problem()),
                }
                for f in mine
                if f.state == state
            ]
            for state in ("missing", "outdated")
        }
        languages[language.code]["parity"] = [
            {"kind": m.kind, "id": m.item_id, **place(m.problem())} for m in theirs
        ]
    data = {
        "default_language": center.default_language,
        "languages": languages,
        "total": {
            "outdated": sum(f.state == "outdated" for f in findings),
            "missing": sum(f.state == "missing" for f in findings),
            "parity": len(mismatches),
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
