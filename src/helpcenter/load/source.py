"""Read faq_source/: bytes -> UTF-8 text -> YAML node tree whose every value keeps its file:line.

No checks of meaning here (schema.py and checks.py); only what stops a file from being read at all:
bad encoding, emptiness, YAML syntax, duplicated keys, non-text keys.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from ..errors import Problem
from ..gcpause import collector_paused
from ..model import Mark

# libyaml's parser: about 6x faster than the pure-Python one, and it still marks every node.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR_TAG = "tag:yaml.org,2002:str"
_AS_WRITTEN = frozenset({_STR_TAG, "tag:yaml.org,2002:timestamp"})
"""Tags whose scalars are kept as the text written: a date is text until a fact reads it (as in
YAML 1.2), so ``question: 2024-08-13`` is a question and ``2024-02-30`` no traceback."""

SOURCE_FILES = ("site.yaml", "guides.yaml", "faq.yaml")
"""The files of faq_source/, in the order they are read."""
OPTIONAL_FILES = ("glossary.yaml",)
"""Files of faq_source/ read when present (the glossary)."""


_NO_KEYS: Mapping[str, tuple[int, int]] = MappingProxyType({})
"""The key places of a scalar or a list (one shared, empty and read-only)."""


class Node:
    """A YAML value with its place in the source.

    A large source has ~100,000 values and few problems: a node holds its line and column, and
    makes its :class:`Mark` (and its keys' marks) only when asked.
    """

    __slots__ = ("value", "file", "line", "column", "style", "key_places")

    def __init__(
        self,
        value: Any,
        file: str,
        line: int,
        column: int,
        style: str | None = None,
        key_places: Mapping[str, tuple[int, int]] = _NO_KEYS,
    ) -> None:
        self.value = value
        """``dict[str, Node]``, ``list[Node]`` or a scalar (str, int, float, bool, None)."""
        self.file, self.line, self.column = file, line, column
        self.style = style
        """For scalars: YAML style (``|``, ``>``, quote or None), to locate lines in block texts."""
        self.key_places = key_places
        """For mappings: (line, column) of each key."""

    @property
    def mark(self) -> Mark:
        return Mark(self.file, self.line, self.column)

    @property
    def key_marks(self) -> dict[str, Mark]:
        """For mappings: where each key was written (the place to report an unknown key)."""
        return {key: Mark(self.file, *place) for key, place in self.key_places.items()}

    def plain(self) -> Any:
        """The value as plain Python data, for JSON Schema."""
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value

    def line_of(self, offset: int) -> Mark:
        """The mark of character ``offset`` inside this scalar's text (exact for block scalars)."""
        newlines = self.value.count("\n", 0, offset) if isinstance(self.value, str) else 0
        if self.style in ("|", ">"):
            return Mark(self.file, self.line + 1 + newlines)
        return Mark(self.file, self.line + newlines, self.column if not newlines else 0)


def read_source(source_dir: Path, display_root: Path) -> tuple[dict[str, Node], list[Problem]]:
    """Read every source file; return ``{file name: root node}`` and the problems found."""
    with collector_paused():  # gcpause.py: 1.0 s of 1.5 s at 5,000 questions
        return _read_all(source_dir, display_root)


def _read_all(source_dir: Path, display_root: Path) -> tuple[dict[str, Node], list[Problem]]:
    nodes: dict[str, Node] = {}
    problems: list[Problem] = []
    for name in SOURCE_FILES + OPTIONAL_FILES:
        path = source_dir / name
        shown = display_path(path, display_root)
        if name in OPTIONAL_FILES and not path.exists():
            continue
        if not path.is_file():
            problems.append(Problem(Mark(shown), "", f"file is missing. Create {shown}."))
            continue
        node = _read_file(path.read_bytes(), shown, problems)
        if node is not None:
            nodes[name] = node
    return nodes, problems


def display_path(path: Path, root: Path) -> str:
    """``path`` as shown in messages: relative to the project folder when inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _read_file(data: bytes, shown: str, problems: list[Problem]) -> Node | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        problems.append(
            Problem(
                Mark(shown, line),
                "",
                f"the file is not UTF-8 (byte 0x{data[err.start]:02x}). "
                "Save it as UTF-8 in your editor.",
            )
        )
        return None
    text = text.removeprefix("\ufeff")
    if shape := _shape_problems(text, shown):
        problems += shape
        return None
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            problems.append(
                Problem(Mark(shown, 1), "", "the file is empty. Restore its content from git.")
            )
            return None
        return _convert(root, loader, shown, problems, [])
    except yaml.MarkedYAMLError as err:
        problems.append(_syntax_problem(err, text, shown))
        return None
    except yaml.reader.ReaderError as err:  # a character YAML forbids
        problems.append(_character_problem(err, text, shown))
        return None
    except yaml.YAMLError as err:
        problems.append(Problem(Mark(shown), "", f"YAML cannot read this file: {err}"))
        return None
    finally:
        loader.dispose()


MAX_DEPTH = 32
"""Nesting deeper than this is refused (the source needs 6 levels)."""


def _shape_problems(text: str, shown: str) -> list[Problem]:
    """Aliases and deep nesting, found by YAML's (iterative) parser before anything is built:
    a few hundred bytes of aliases expand to gigabytes, and 10,000 nested lists exhaust the
    stack. Syntax errors are left to the full read, which explains them."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                return [Problem(_mark(shown, event), "", f"the alias '*{event.anchor}' is not "
                                "allowed: YAML anchors and aliases (&name, *name) can make a "
                                "small file expand without end. Write the value out in full.")]
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return [Problem(_mark(shown, event), "", f"lists and blocks are nested "
                                    f"more than {MAX_DEPTH} levels deep. Check the "
                                    "indentation and the brackets [ ] { } here.")]
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return []
    return []


def _mark(shown: str, event: yaml.Event) -> Mark:
    return Mark(shown, event.start_mark.line + 1, event.start_mark.column + 1)


def _character_problem(err: yaml.reader.ReaderError, text: str, shown: str) -> Problem:
    """A control character written into the file itself, at its line and column."""
    # libyaml counts bytes of UTF-8, the pure-Python reader characters
    before = text.encode("utf-8")[: err.position].decode("utf-8", "ignore") if (
        _Loader is not yaml.SafeLoader) else text[: err.position]
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    code = err.character if isinstance(err.character, int) else ord(str(err.character)[:1] or " ")
    return Problem(Mark(shown, line, column), "",
                   f"the invisible control character U+{code:04X} is not allowed (it can hide or "
                   "reorder what readers see). Delete it; retype the text around it if you "
                   "cannot see it.")


def _syntax_problem(err: yaml.MarkedYAMLError, text: str, shown: str) -> Problem:
    mark = err.problem_mark or err.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    what = " ".join(part for part in (err.context, err.problem) if part)
    lines = text.splitlines()
    shown_line = lines[line - 1] if 0 < line <= len(lines) else ""
    hint = "Check indentation (spaces, not tabs), quotes and colons."
    if "\t" in shown_line[: max(column, 1)]:
        hint = "Replace the tab with spaces: YAML indents with spaces only."
    elif re.match(r"\s*(- )?[\w-]+:\s+[{\[*&!%@`]", shown_line):
        hint = "A text that starts with { [ * & ! % @ or ` must be in quotes: put it in quotes."
    elif "mapping values are not allowed" in what:
        hint = "A text containing ': ' must be quoted or written as a block (answer: |)."
    snippet = f"\n    {shown_line}\n    {' ' * (column - 1)}^" if shown_line else ""
    return Problem(Mark(shown, line, column), "", f"YAML syntax error: {what}. {hint}{snippet}")


def _convert(
    node: yaml.Node, loader: Any, shown: str, problems: list[Problem], trail: list[str | int]
) -> Node:
    """``node`` as a :class:`Node`; ``trail`` is the keys and positions leading to it, made into
    a field path only for a problem."""
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    if isinstance(node, yaml.ScalarNode):
        # Most scalars are texts: take them as they are (constructing each costs a Python call).
        if node.tag in _AS_WRITTEN:
            return _text_node(node, shown, line, column, problems, trail)
        try:
            value = loader.construct_object(node)
        except ValueError:  # e.g. an integer of thousands of digits
            problems.append(Problem(Mark(shown, line, column), _path(trail),
                                    f"YAML cannot read '{node.value[:20]}' as a number. Write a "
                                    "number of at most 15 digits, or put a text in quotes."))
            value = None
        return Node(value, shown, line, column, style=node.style)
    if isinstance(node, yaml.SequenceNode):
        elements = []
        for index, item in enumerate(node.value):
            trail.append(index)
            elements.append(_convert(item, loader, shown, problems, trail))
            trail.pop()
        return Node(elements, shown, line, column)
    if any(key_node.tag != _STR_TAG for key_node, _ in node.value):
        loader.flatten_mapping(node)  # resolve YAML merge keys (<<) and = keys
    items: dict[str, Node] = {}
    key_places: dict[str, tuple[int, int]] = {}
    for key_node, value_node in node.value:
        key_place = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        key = None
        if isinstance(key_node, yaml.ScalarNode):
            key = key_node.value if key_node.tag == _STR_TAG else loader.construct_object(key_node)
            key = _nfc(key) if isinstance(key, str) else key
        if not isinstance(key, str):
            problems.append(
                Problem(
                    Mark(shown, *key_place),
                    _path(trail),
                    f"a key must be a word, got {key_node.value!r}. "
                    "Write keys such as id, question, answer.",
                )
            )
            continue
        trail.append(key)
        if key in items:
            problems.append(
                Problem(
                    Mark(shown, *key_place),
                    _path(trail),
                    f"duplicated key '{key}' (first at line {key_places[key][0]}); YAML would "
                    "keep only this one. Delete or rename one of them.",
                )
            )
        else:
            key_places[key] = key_place
            items[key] = _convert(value_node, loader, shown, problems, trail)
        trail.pop()
    return Node(items, shown, line, column, key_places=key_places)


# C0 and C1 controls but line breaks (LF, CR) and tab, and the bidi embeddings, overrides and
# isolates that can make a text display as something else than it says ("Trojan Source").
INVISIBLE = re.compile("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069]")


def _nfc(text: str) -> str:
    """Texts in NFC, the form keyboards type: the same Korean in decomposed jamo (NFD, as macOS
    file names give it) is the same text, found by search and by duplicate checks."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def _text_node(node: yaml.ScalarNode, shown: str, line: int, column: int,
               problems: list[Problem], trail: list[str | int]) -> Node:
    result = Node(_nfc(node.value), shown, line, column, style=node.style)
    if not result.value.isascii() or not result.value.isprintable():
        if found := INVISIBLE.search(result.value):
            problems.append(Problem(
                result.line_of(found.start()), _path(trail),
                f"the invisible control character U+{ord(found.group(0)):04X} is not allowed "
                "in a text (it can hide or reorder what readers see). Delete it; retype the "
                "text around it if you cannot see it."))
    return result


def _path(trail: list[str | int]) -> str:
    path = ""
    for step in trail:
        path = join_path(path, step)
    return path


def join_path(path: str, key: str | int) -> str:
    """``entries[3]`` + ``en`` -> ``entries[3].en``; ``entries`` + 3 -> ``entries[3]``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key
