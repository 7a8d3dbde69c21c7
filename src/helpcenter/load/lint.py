"""The glossary lint: every use of a variant that faq_source/glossary.yaml says to avoid, with its
line and the preferred form. An error in every build (the writers chose the terms; a variant is
quick to fix).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from ..errors import Problem
from ..model import Term
from ..placeholders import blank
from .source import Node

def term_pattern(word: str, ignore_case: bool = True) -> re.Pattern[str]:
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


def lint(
    texts: Iterable[tuple[str, str, Node]], terms: Iterable[Term], glossary_path: str
) -> list[Problem]:
    """``texts``: (field path, language code, text node). One problem per use of an avoided
    variant, at its line."""
    rules = [
        # A variant that differs from the preferred form only in case (Worldfirst) matches
        # exactly; any other ignores case.
        (term, code, form, variant, term_pattern(variant, variant.lower() != form.use.lower()))
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
        text = blank(node.value) if "{{" in node.value else node.value
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


def language_of(path: str) -> str | None:
    """The language code in a text's field path (``entries[3].en.answer`` -> ``en``)."""
    match = re.match(r"(?:languages\.|\w+\[\d+\]\.)([A-Za-z-]+)\.", path)
    return match.group(1) if match else None


def iter_texts(texts: Iterable[tuple[str, Node, bool]]) -> Iterator[tuple[str, str, Node]]:
    """tree.texts' (path, node, is Markdown) -> (path, language, node) for :func:`lint`."""
    for path, node, _ in texts:
        code = language_of(path)
        if code:
            yield path, code, node
