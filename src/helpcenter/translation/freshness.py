"""Translation freshness: which translations are missing, and which were made from another text
of their original than the current one.

Every entry and guide has a source language (the site's default unless it sets
``source_language``). When a translator marks a translation current
(``scripts/build_faq.py mark-current``), the short hash of the source-language text it was made
from is recorded in ``faq_source/translations.lock.json``, beside the source, so that no command
rewrites the writers' YAML. When that text changes, its hash no longer matches and the
translation is *outdated* until it is reviewed and marked current again. Pure.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..errors import Problem
from ..fields import text_fields
from ..model import Entry, Guide, HelpCenter, Mark
from .lock import Lock, Record

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
