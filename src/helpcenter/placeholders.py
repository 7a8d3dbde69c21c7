"""The one definition of the placeholder syntax ``{{kind:ref}}`` in the writers' texts.

``{{fact:ID}}`` is a fact in the language's own form; ``{{guide:ID}}`` and ``{{question:ID}}``
link to a guide or a question; ``{{page:PATH}}`` is the address of a Markdown page of the
language folder (``docs/<lang>/PATH``, with an optional ``#anchor``). Every stage that reads
placeholders (checks, lint, render, parity, SEO, output checks) goes through :func:`scan`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

KINDS = ("fact", "guide", "question", "page")
_SPAN = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
_BODY = re.compile(r"\s*(fact|guide|question|page):([^\s{}]*)\s*")
PAGE_PATH = re.compile(r"(?:[\w.-]+/)*[\w.-]+\.md(?:#[\w-]+)?")
"""A valid ``{{page:PATH}}`` target (no ``..`` parts either: see :func:`is_page_path`)."""
SYNTAX = "{{fact:ID}}, {{guide:ID}}, {{question:ID}} or {{page:PATH}}"
"""How to write a placeholder, for messages."""


@dataclass(frozen=True, slots=True)
class Placeholder:
    """One ``{{...}}`` in a text."""

    start: int
    end: int
    text: str
    """As written, braces included."""
    kind: str | None
    """One of :data:`KINDS`; None when the body is not ``kind:ref``."""
    ref: str


def scan(text: str) -> Iterator[Placeholder]:
    """Every ``{{...}}`` of ``text`` in order, well-formed or not."""
    if "{{" not in text:
        return
    for match in _SPAN.finditer(text):
        body = _BODY.fullmatch(match.group(1))
        kind, ref = body.groups() if body else (None, "")
        yield Placeholder(match.start(), match.end(), match.group(0), kind, ref)


def substitute(text: str, replace: Callable[[Placeholder], str]) -> str:
    """``text`` with each placeholder replaced by ``replace(placeholder)``."""
    if "{{" not in text:
        return text
    parts, last = [], 0
    for placeholder in scan(text):
        parts += [text[last : placeholder.start], replace(placeholder)]
        last = placeholder.end
    parts.append(text[last:])
    return "".join(parts)


def blank(text: str) -> str:
    """``text`` with each placeholder replaced by spaces (same offsets): ids are not words."""
    return substitute(text, lambda p: " " * len(p.text))


def is_page_path(ref: str) -> bool:
    return bool(PAGE_PATH.fullmatch(ref)) and ".." not in ref.split("/")
