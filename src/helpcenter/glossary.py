"""The glossary (faq_source/glossary.yaml) and the checks that compare languages.

- :func:`lint`: every use of a variant the glossary says to avoid, with its line and the preferred
  form. An error in every build (the writers chose the terms; a variant is quick to fix).
- :func:`parity`: what must agree between an original and each of its translations: numbers,
  facts, guides and questions referred to, link addresses, the number of steps of a guide and
  the glossary's names. Reported by ``scripts/build_faq.py status`` with both places; an error
  with ``--strict``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .errors import Problem
from .model import HelpCenter, Mark, Term, TermForm
from .source import Node
from .translation import items, text_fields
from .validate import PLACEHOLDER, PLACEHOLDER_BODY

GLOSSARY_FILE = "glossary.yaml"


def build_terms(root: Node) -> tuple[Term, ...]:
    """Terms from the (schema-valid) glossary node tree."""
    terms = []
    for node in root.value["terms"].value:
        forms = {
            code: TermForm(
                form.value["use"].value,
                tuple(v.value for v in form.value["avoid"].value) if "avoid" in form.value else (),
            )
            for code, form in node.value.items()
            if code not in ("id", "name", "note")
        }
        name = node.value.get("name")
        terms.append(Term(node.value["id"].value, forms, bool(name and name.value), node.mark))
    return tuple(terms)


# --- lint --------------------------------------------------------------------------------------


def _pattern(word: str, ignore_case: bool = True) -> re.Pattern[str]:
    """Latin-script words match as whole words, ignoring case (unless told not to); Korean (and
    other scripts) match anywhere, since particles attach to the word (바인딩을, 바인딩된)."""
    escaped = _words(word)
    if word.isascii():  # ASCII boundaries: "WorldFirst에서" still names WorldFirst
        flags = re.IGNORECASE if ignore_case else 0
        return re.compile(rf"(?<![A-Za-z0-9]){escaped}(?![A-Za-z0-9])", flags)
    return re.compile(escaped)


def _words(word: str) -> str:
    """The pattern of ``word`` alone: its parts, separated by any white space."""
    return r"\s+".join(re.escape(part) for part in word.split())


# re.IGNORECASE also matches these three non-ASCII letters to ASCII ones (İ ı to i, ſ to s; the
# fourth, the Kelvin sign, lowers to k): see [a-z] in the re module's documentation.
_ASCII_FOLDS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})
_FOLDED = re.compile("[\u0130\u0131\u017f]")


def _lower(text: str) -> str:
    """``text`` lowered, holding a lowercase ASCII word wherever re.IGNORECASE would find it."""
    return (text.translate(_ASCII_FOLDS) if _FOLDED.search(text) else text).lower()


def _variant_search(rules: list[tuple[str, re.Pattern[str]]]) -> Callable[[str], bool]:
    """A quick test that a text may hold one of the (variant, pattern) ``rules``: it finds at
    least every text the rules find something in. Python's re tries the alternatives of a
    pattern one by one at each position when they ignore case or start with a lookbehind; a
    pattern of the variants' words alone, all in one case, is about 10x faster: those that
    ignore case are looked for in the lowered text, the others in the text as written."""
    lowered = [_words(v.lower()) for v, p in rules if p.flags & re.IGNORECASE]
    written = [_words(v) for v, p in rules if not p.flags & re.IGNORECASE]
    in_lowered = re.compile("|".join(lowered)) if lowered else None
    in_written = re.compile("|".join(written)) if written else None
    return lambda text: bool(
        (in_written and in_written.search(text)) or (in_lowered and in_lowered.search(_lower(text)))
    )


def _blank_placeholders(text: str) -> str:
    """The text with ``{{...}}`` replaced by spaces (same offsets): ids are not words."""
    return PLACEHOLDER.sub(lambda m: " " * len(m.group(0)), text)


def lint(
    texts: Iterable[tuple[str, str, Node]], terms: Iterable[Term], glossary_path: str
) -> list[Problem]:
    """``texts``: (field path, language code, text node). One problem per use of an avoided
    variant, at its line."""
    rules = [
        # A variant that differs from the preferred form only in case (Worldfirst) matches
        # exactly; any other ignores case.
        (term, code, form, variant, _pattern(variant, variant.lower() != form.use.lower()))
        for term in terms
        for code, form in term.forms.items()
        for variant in form.avoid
    ]
    # One quick search per text finds the (few) texts that may hold a variant; the rules then
    # run on those only (both on the text without its placeholders).
    may_hold = {
        code: _variant_search([(v, p) for _, c, _, v, p in rules if c == code])
        for code in {rule[1] for rule in rules}
    }
    problems = []
    for path, code, node in texts:
        if not isinstance(node.value, str) or code not in may_hold:
            continue
        text = _blank_placeholders(node.value) if "{{" in node.value else node.value
        if not may_hold[code](text):
            continue
        found = [
            (match, term, form)
            for term, language, form, variant, pattern in rules
            if language == code
            for match in pattern.finditer(text)
        ]
        # The longest variant wins where two overlap ("바인딩 해제" rather than "바인딩" too).
        found.sort(key=lambda f: (f[0].start() - f[0].end(), f[0].start()))
        taken: list[tuple[int, int]] = []
        for match, term, form in found:
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            taken.append(match.span())
            problems.append(
                Problem(
                    node.line_of(match.start()),
                    path,
                    f"'{match.group(0)}' is a variant to avoid in {code}: write "
                    f"'{form.use}' (glossary term '{term.id}', {glossary_path}:"
                    f"{term.mark.line}).",
                )
            )
    return problems


# --- parity ------------------------------------------------------------------------------------


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
    for match in PLACEHOLDER.finditer(text):
        body = PLACEHOLDER_BODY.fullmatch(match.group(1))
        if body:
            found[body.group(1)].add(body.group(2))
    bare = _blank_placeholders(text)
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
            (t.id, _pattern(t.forms[code.code].use), t.forms[code.code].use)
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
                if key not in original or (
                    key.startswith("steps[") and len(original) != len(translated)
                ):
                    continue  # steps that do not pair up: their count is reported instead
                mine = features(value, patterns[code])
                theirs = features(original[key], patterns[item.source_language])
                here = text.field_marks.get(key, text.mark)
                there = source.field_marks.get(key, source.mark)
                for what in _WHAT:
                    for missing, extra in (
                        (theirs[what] - mine[what], "missing here"),
                        (mine[what] - theirs[what], "not in the original"),
                    ):
                        for value_ in sorted(missing):
                            label = value_
                            if what == "name":
                                mine_, theirs_ = (
                                    shown_name.get((value_, code), value_),
                                    shown_name.get((value_, item.source_language), value_),
                                )
                                label = mine_ if mine_ == theirs_ else f"{mine_} / {theirs_}"
                            result.append(
                                Mismatch(
                                    code,
                                    here,
                                    f"{where}.{key}",
                                    f"{_WHAT[what]} '{label}' {extra}: the "
                                    f"{item.source_language} text ({there}) "
                                    + ("has it." if extra == "missing here" else "does not."),
                                    item.kind,
                                    item.id,
                                )
                            )
    return sorted(result)


def language_of(path: str) -> str | None:
    """The language code in a text's field path (``entries[3].en.answer`` -> ``en``)."""
    match = re.match(r"(?:languages\.|\w+\[\d+\]\.)([A-Za-z-]+)\.", path)
    return match.group(1) if match else None


def iter_texts(texts: Iterable[tuple[str, Node, bool]]) -> Iterator[tuple[str, str, Node]]:
    """validate._texts' (path, node, is Markdown) -> (path, language, node) for :func:`lint`."""
    for path, node, _ in texts:
        code = language_of(path)
        if code:
            yield path, code, node
