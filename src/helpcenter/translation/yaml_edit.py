"""Targeted edits of the writers' YAML for ``import``: replace the text of one value, or add a
block that does not exist yet, leaving every other byte of the file as it was (comments, key
order, quoting, blank lines, line breaks).

No round-trip library re-emits the file: the text is composed once by PyYAML's pure-Python
reader (whose marks count characters, as Python strings do) to find where each value starts and
ends, and only those spans are rewritten. A value keeps its style when that style can hold the new
text exactly (``|`` literal, ``>-`` folded and re-wrapped, plain, single or double quotes), else it
is written in double quotes; every candidate is read back by YAML before it is used, and the
whole edited file is read back and compared with what was meant (:func:`apply`).

A new block (a missing translation) copies the layout of the source-language block beside it:
same key order and indentation, and each text in the style of its original, inserted after the
item's last line.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

Path_ = tuple[str | int, ...]


@dataclass
class Spot:
    """A value of the composed file and where it is written."""

    kind: str
    """``scalar``, ``map`` or ``seq``."""
    start: int
    end: int
    """Offsets in the text; a block scalar ends after its last content line's line break."""
    owner: int
    """Column (from 0) of the key or ``-`` the value belongs to."""
    style: str | None = None
    header: str = ""
    """Block scalars: the rest of the header line after the indicators (a comment)."""
    indent: int | None = None
    """Block scalars: the indentation of their content."""
    flow: bool = False
    children: dict[Any, Spot] = field(default_factory=dict)
    """Mappings: key -> value; sequences: index -> item."""
    key_columns: dict[Any, int] = field(default_factory=dict)


def read(text: str) -> tuple[Spot, Any]:
    """The file's spots and its plain data (``text`` is a valid YAML file without aliases)."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    return _spot(node, text, 0, False), yaml.safe_load(text)


def _spot(node: yaml.Node, text: str, owner: int, flow: bool) -> Spot:
    start, end = node.start_mark.index, node.end_mark.index
    if isinstance(node, yaml.ScalarNode):
        spot = Spot("scalar", start, end, owner, style=node.style or None, flow=flow)
        if spot.style in ("|", ">"):
            _block_extent(spot, text)
        return spot
    flow = flow or bool(node.flow_style)
    if isinstance(node, yaml.SequenceNode):
        spot = Spot("seq", start, end, owner, flow=flow)
        for index, item in enumerate(node.value):
            dash = text.rfind("-", 0, item.start_mark.index)
            column = dash - (text.rfind("\n", 0, dash) + 1)
            spot.children[index] = _spot(item, text, column, flow)
    else:
        spot = Spot("map", start, end, owner, flow=flow)
        for key, value in node.value:
            spot.key_columns[key.value] = key.start_mark.column
            spot.children[key.value] = _spot(value, text, key.start_mark.column, flow)
    return spot


_HEADER = re.compile(r"[|>]([+-]?)(\d?)([+-]?)")


def _block_extent(spot: Spot, text: str) -> None:
    """A block scalar's true end (PyYAML's includes the blank lines after it) and indentation."""
    header = _HEADER.match(text, spot.start)
    line_end = text.find("\n", spot.start)
    line_end = len(text) if line_end < 0 else line_end + 1
    spot.header = text[header.end() : line_end].rstrip("\r\n") if header else ""
    keep = header is not None and "+" in header.group(1) + header.group(3)
    pos = end = line_end
    while pos < len(text):
        nxt = text.find("\n", pos)
        nxt = len(text) if nxt < 0 else nxt + 1
        line = text[pos:nxt].rstrip("\r\n")
        if line.strip():
            column = len(line) - len(line.lstrip(" "))
            if spot.indent is None:
                spot.indent = column if column > spot.owner else None
            if spot.indent is None or column < spot.indent:
                break
            end = nxt
        elif keep:
            end = nxt
        pos = nxt
    spot.end = end
    if spot.indent is None:
        spot.indent = spot.owner + 2


def content_end(spot: Spot, text: str) -> int:
    """The start of the line after ``spot``'s last written character (where to add lines)."""
    if spot.kind == "scalar" and spot.style in ("|", ">"):
        return spot.end
    if spot.kind != "scalar" and not spot.flow and spot.children:
        return max(content_end(child, text) for child in spot.children.values())
    nxt = text.find("\n", spot.end)
    return len(text) if nxt < 0 else nxt + 1


# ---------------------------------------------------------------------------------- rendering


def render(value: str, owner: int, *, style: str | None, indent: int | None, header: str = "",
           flow: bool = False, width: int = 88, seq: bool = False) -> str:
    """``value`` written as a YAML scalar after ``key: `` (or ``- `` when ``seq``) at column
    ``owner``, in ``style`` if it can hold the text exactly, else in double quotes. Block styles
    end with a line break; the others do not."""
    indent = indent if indent is not None else owner + 2
    candidates: list[str | None] = []
    if not flow and style in ("|", ">"):
        if style == ">" and "\n" not in value.rstrip("\n"):
            candidates.append(_folded(value, indent, header, width))
        candidates.append(_literal(value, indent, header))
    elif style == "'" and "\n" not in value:
        candidates.append("'" + value.replace("'", "''") + "'")
    elif style is None and "\n" not in value:
        candidates.append(value)
    elif style is None and not flow:
        candidates.append(_literal(value, indent, ""))
    for candidate in candidates:
        if candidate is not None and _reads_back(candidate, value, owner, flow, seq):
            return candidate
    return double_quoted(value)


def _literal(value: str, indent: int, header: str) -> str | None:
    body = value.rstrip("\n")
    trailing = len(value) - len(body)
    if not body or body[0] in " \t" or "\r" in value:
        return None
    chomp = "-" if trailing == 0 else "" if trailing == 1 else "+"
    lines = [(" " * indent + line) if line else "" for line in body.split("\n")]
    return f"|{chomp}{header}\n" + "\n".join(lines) + "\n" + "\n" * max(trailing - 1, 0)


def _folded(value: str, indent: int, header: str, width: int) -> str | None:
    body = value.rstrip("\n")
    if not body or body != body.strip() or "  " in body or "\t" in body or "\r" in body:
        return None
    chomp = "-" if body == value else ""
    lines: list[str] = []
    for word in body.split(" "):
        if lines and indent + len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return f">{chomp}{header}\n" + "".join(" " * indent + line + "\n" for line in lines)


def double_quoted(value: str) -> str:
    """``value`` as a YAML double-quoted scalar: always possible, always exact."""
    out = []
    for char in value:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif code < 0x20 or 0x7F <= code <= 0x9F or char in "\u2028\u2029\ufeff" or (
                0xD800 <= code <= 0xDFFF):
            out.append(f"\\u{code:04x}")
        elif code > 0xFFFF and not char.isprintable():
            out.append(f"\\U{code:08x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _reads_back(candidate: str, value: str, owner: int, flow: bool, seq: bool) -> bool:
    if flow:
        document = "{k: " + candidate + "}"
    else:
        lead = " " * owner + ("- " if seq else "k: ")
        document = ("x:\n" if owner else "") + lead + candidate
    try:
        data = yaml.safe_load(document)
    except yaml.YAMLError:
        return False
    if owner and not flow:
        data = data.get("x") if isinstance(data, dict) else None
    found = data[0] if seq and isinstance(data, list) and data else (
        data.get("k") if isinstance(data, dict) else None)
    return isinstance(found, str) and found == value and "\r" not in candidate


# ------------------------------------------------------------------------------------ editing


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` by ``new``; ``path`` and ``value`` say what it means."""

    start: int
    end: int
    new: str
    path: Path_
    value: Any


def replace_value(text: str, spot: Spot, path: Path_, value: str, seq: bool = False) -> Edit:
    """An edit giving the scalar at ``spot`` the text ``value``."""
    width = max(88, *(len(line) for line in text[spot.start : spot.end].split("\n")))
    new = render(value, spot.owner, style=spot.style, indent=spot.indent, header=spot.header,
                 flow=spot.flow, width=width, seq=seq)
    return Edit(spot.start, spot.end, new, path, value)


def add_key(text: str, mapping: Spot, path: Path_, key: str, block: Any,
            like: Spot | None) -> Edit | None:
    """An edit adding ``key: block`` at the end of ``mapping`` (None if it is written in flow
    style); ``block`` is a text, a list of texts or a dict of them, laid out like ``like``."""
    if mapping.flow or mapping.kind != "map":
        return None
    column = min(mapping.key_columns.values()) if mapping.key_columns else mapping.owner + 2
    at = content_end(mapping, text)
    new = "".join(_lines(key, block, column, like))
    if at > 0 and text[at - 1] != "\n":
        new = "\n" + new
    return Edit(at, at, new, (*path, key), block)


def _lines(key: str, block: Any, column: int, like: Spot | None) -> list[str]:
    """``key: block`` at ``column`` as lines, copying ``like``'s layout where it has one."""
    pad = " " * column
    if isinstance(block, str):
        scalar = like is not None and like.kind == "scalar"
        style, indent = (like.style, like.indent) if scalar else (None, None)
        if indent is not None and like is not None:
            indent = column + (indent - like.owner)
        text = render(block, column, style=style, indent=indent)
        return [f"{pad}{key}: {text}" + ("" if text.endswith("\n") else "\n")]
    block_like = like if like is not None and like.kind != "scalar" and not like.flow else None
    lines = [f"{pad}{key}:\n"]
    if isinstance(block, list):
        first = block_like.children.get(0) if block_like else None
        dash = column + (first.owner - block_like.owner if first and block_like else 2)
        for index, item in enumerate(block):
            item_like = block_like.children.get(index, first) if block_like else None
            style = item_like.style if item_like else None
            indent = dash + (item_like.indent - item_like.owner) if (
                item_like and item_like.indent is not None) else None
            text = render(item, dash, style=style, indent=indent, seq=True)
            lines.append(f"{' ' * dash}- {text}" + ("" if text.endswith("\n") else "\n"))
        return lines
    inner = column + 2
    if block_like and block_like.key_columns:
        inner = column + min(block_like.key_columns.values()) - block_like.owner
    for name, value in block.items():
        child = block_like.children.get(name) if block_like else None
        lines += _lines(name, value, inner, child)
    return lines


class EditError(Exception):
    """The edited file would not read back as meant (never expected: a safety net)."""


def apply(text: str, data: Any, edits: list[Edit]) -> str:
    """``text`` with ``edits`` made, checked by reading the result back against ``data`` with
    the edits' values put in."""
    expected = copy.deepcopy(data)
    for edit in edits:
        _put(expected, edit.path, edit.value)
    out = text
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        out = out[: edit.start] + edit.new + out[edit.end :]
    try:
        if yaml.safe_load(out) != expected:
            raise EditError("the edited file does not read back as meant")
    except yaml.YAMLError as err:
        raise EditError(f"the edited file is not valid YAML: {err}") from err
    return out


def _put(data: Any, path: Path_, value: Any) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def find(root: Spot, path: Path_) -> Spot | None:
    spot: Spot | None = root
    for step in path:
        spot = spot.children.get(step) if spot is not None else None
    return spot


def comment_above(lines: list[str], line: int) -> str:
    """The ``#`` comment lines written right above line ``line`` (from 1), without ``#``."""
    found = []
    index = line - 2
    while index >= 0 and lines[index].lstrip().startswith("#"):
        found.append(lines[index].lstrip()[1:].strip())
        index -= 1
    joined: list[str] = []
    for comment in reversed(found):
        if comment.startswith("yaml-language-server:"):
            continue
        if joined and comment and not comment.startswith("- ") and joined[-1]:
            joined[-1] += " " + comment  # a hard-wrapped sentence: one line, the PO wraps it
        else:
            joined.append(comment)
    return "\n".join(joined)
