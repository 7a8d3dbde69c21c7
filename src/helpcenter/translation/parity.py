"""Parity: what must agree between an original and each of its translations: numbers, facts,
guides and questions referred to, link addresses, the number of steps of a guide and the
glossary's names. Reported by ``scripts/build_faq.py status`` with both places; an error with
``--strict``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import Problem
from ..fields import text_fields
from ..load.lint import term_pattern
from ..model import HelpCenter, Mark
from ..placeholders import blank, scan
from .freshness import Item, items

@dataclass(frozen=True, order=True)
class Mismatch:
    """A checkable difference between an original and its translation."""

    language: str
    mark: Mark
    """The translation's field."""
    field: str
    """e.g. ``entries[2].en.answer``."""
    message: str
    """What differs, with the original's place."""
    kind: str = ""
    item_id: str = ""

    def problem(self) -> Problem:
        return Problem(self.mark, self.field, self.message)


_LINK = re.compile(
    r"\]\(\s*<?([^)\s>]+)|<((?:https?|mailto|tel):[^>\s]+)>|(?<![(<])(https?://[^\s)>]+)"
)


_LIST_NUMBER = re.compile(r"^\s*\d+[.)]\s", re.MULTILINE)


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def features(text: str, names: Iterable[tuple[str, re.Pattern[str], str]]) -> dict[str, set[str]]:
    """What parity compares in one text: placeholders by kind, link addresses, numbers, names."""
    found: dict[str, set[str]] = {"fact": set(), "guide": set(), "question": set()}
    for placeholder in scan(text):
        if placeholder.kind in found:
            found[placeholder.kind].add(placeholder.ref)
    bare = blank(text)
    found["link"] = {next(g for g in m.groups() if g) for m in _LINK.finditer(bare)}
    without_links = _LINK.sub(" ", _LIST_NUMBER.sub(" ", bare))
    found["number"] = {n.replace(",", "") for n in _NUMBER.findall(without_links)}
    found["name"] = set()
    for term_id, pattern, form in names:
        if pattern.search(without_links):
            found["name"].add(term_id)
            found["number"].discard(form)  # "1688" is reported once, as a name
    return found


_WHAT = {
    "fact": "fact",
    "guide": "link to the guide",
    "question": "link to the question",
    "link": "link to",
    "number": "number",
    "name": "name",
}


def parity(center: HelpCenter) -> list[Mismatch]:
    """Every mismatch between each original text and each of its existing translations."""
    names = [t for t in center.glossary if t.name]
    patterns = {
        code.code: [
            (t.id, term_pattern(t.forms[code.code].use), t.forms[code.code].use)
            for t in names
            if code.code in t.forms
        ]
        for code in center.languages
    }
    shown_name = {(t.id, code): form.use for t in names for code, form in t.forms.items()}
    result = []
    for item in items(center):
        source = item.value.texts[item.source_language]
        original = text_fields(source)
        for language in center.languages:
            code = language.code
            if code == item.source_language or code in item.value.untranslated:
                continue
            text = item.value.texts[code]
            translated = text_fields(text)
            where = f"{item.path}.{code}"
            if item.kind == "guide" and len(source.steps) != len(text.steps):  # type: ignore[union-attr]
                result.append(
                    Mismatch(
                        code,
                        text.mark,
                        f"{where}.steps",
                        f"{len(text.steps)} steps here, {len(source.steps)} in the "  # type: ignore[union-attr]
                        f"{item.source_language} text ({source.mark}).",
                        item.kind,
                        item.id,
                    )
                )
            for key, value in translated.items():
                if key not in original or (key.startswith("steps[") and len(
                        source.steps) != len(text.steps)):  # type: ignore[union-attr]
                    continue  # steps that do not pair up: their count is reported instead
                mine = features(value, patterns[code])
                theirs = features(original[key], patterns[item.source_language])
                here = text.field_marks.get(key, text.mark)
                there = source.field_marks.get(key, source.mark)
                result += _differences(mine, theirs, code, item, f"{where}.{key}", here, there,
                                       shown_name)
    return sorted(result)


def _differences(mine: dict[str, set[str]], theirs: dict[str, set[str]], code: str, item: Item,
                 field: str, here: Mark, there: Mark, shown_name: dict[tuple[str, str], str]
                 ) -> list[Mismatch]:
    """The mismatches between a translated field's features (``mine``) and its original's."""
    result = []
    for what in _WHAT:
        for missing, extra in (
            (theirs[what] - mine[what], "missing here"),
            (mine[what] - theirs[what], "not in the original"),
        ):
            for value in sorted(missing):
                label = value
                if what == "name":
                    mine_, theirs_ = (
                        shown_name.get((value, code), value),
                        shown_name.get((value, item.source_language), value),
                    )
                    label = mine_ if mine_ == theirs_ else f"{mine_} / {theirs_}"
                result.append(
                    Mismatch(
                        code,
                        here,
                        field,
                        f"{_WHAT[what]} '{label}' {extra}: the "
                        f"{item.source_language} text ({there}) "
                        + ("has it." if extra == "missing here" else "does not."),
                        item.kind,
                        item.id,
                    )
                )
    return result
