"""Stage 1 of loading: each file against its JSON Schema, explained as located problems.

The JSON Schemas in ``schema/`` (linked from ``faq_source/schema``) are the single description of
the fields' shapes: editors use them while the writer types, and this module uses the same files.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fastjsonschema

if TYPE_CHECKING:
    import jsonschema

from ..errors import Problem
from ..model import Mark
from .source import Node, join_path

SCHEMA_DIR = Path(__file__).parent.parent / "schema"
"""The schemas, shipped in the package; ``faq_source/schema`` links to the same files."""


_TYPE_NAMES = {
    str: "a text",
    bool: "true/false",
    int: "a number",
    float: "a number",
    list: "a list",
    dict: "a block of fields",
    type(None): "nothing",
}


_JSON_TYPE_NAMES = {
    "string": "a text",
    "array": "a list",
    "object": "a block of fields",
    "number": "a number",
}


# Two validators of the same schemas: fastjsonschema compiles them to Python and answers "valid?"
# about 15x faster (0.3 s instead of 3.6 s for 5,000 questions); jsonschema then explains every
# error of what the fast one refused, for the located messages.
_ITEMS = {"faq.yaml": ("entries", "entry"), "guides.yaml": ("guides", "guide")}
"""The long list of a file and its item definition: only refused items get the slow pass."""


@cache
def _schemas() -> dict[str, dict]:
    return {p.name: json.loads(p.read_text("utf-8")) for p in SCHEMA_DIR.glob("*.schema.json")}


@cache
def _validator(file_name: str) -> jsonschema.protocols.Validator:
    """jsonschema's validator of a file: imported only to explain a refusal (~50 ms)."""
    import jsonschema
    from referencing import Registry, Resource

    registry: Registry = Registry().with_resources(
        (name, Resource.from_contents(schema)) for name, schema in _schemas().items()
    )
    schema = _schemas()[file_name.replace(".yaml", ".schema.json")]
    return jsonschema.Draft202012Validator(schema, registry=registry)


@cache
def _fast_validator(file_name: str, definition: str = "") -> Callable[[Any], Any]:
    """A compiled check of a file (or of one item definition of it); raises when invalid."""
    schema_file = file_name.replace(".yaml", ".schema.json")
    schema = _schemas()[schema_file]
    if definition:
        schema = {**schema, "$ref": f"#/$defs/{definition}"}
        schema.pop("properties"), schema.pop("required", None), schema.pop("type")
        schema.pop("additionalProperties")
    load = lambda uri: _schemas()[uri.rsplit("/", 1)[-1]]  # noqa: E731 (refs between files)
    return fastjsonschema.compile(schema, handlers={"": load}, use_formats=False)


def _is_valid(check: Callable[[Any], Any], data: Any) -> bool:
    try:
        check(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def _schema_errors(file_name: str, data: Any) -> list[Any]:
    """jsonschema's errors for ``data``; only the items the fast check refuses are explained."""
    if _is_valid(_fast_validator(file_name), data):
        return []
    key, definition = _ITEMS.get(file_name, ("", ""))
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return list(_validator(file_name).iter_errors(data))
    check = _fast_validator(file_name, definition)
    refused = [i for i, item in enumerate(items) if not _is_valid(check, item)] or [0]
    errors = list(_validator(file_name).iter_errors({**data, key: [items[i] for i in refused]}))
    for error in errors:  # back to the positions in the whole list (top-level errors'
        path = error.path  # path is their whole path)
        if len(path) > 1 and path[0] == key and isinstance(path[1], int):
            path[1] = refused[path[1]]
    return errors


def schema_problems(file_name: str, root: Node) -> Iterator[Problem]:
    errors = _schema_errors(file_name, root.plain())
    # A misnamed field is reported once, as a name; drop the errors about its content.
    bad_names = {(*e.absolute_path, e.instance) for e in errors if _is_name_error(e)}
    for error in sorted(errors, key=lambda e: [str(p) for p in e.absolute_path]):
        path = tuple(error.absolute_path)
        if any(path[: len(bad)] == bad for bad in bad_names if len(path) >= len(bad)):
            continue
        yield from _explain(error, root, path)


def _explain(error: Any, root: Node, path: tuple) -> Iterator[Problem]:
    node = _at(root, path)
    field = _field(path)
    kind, schema, value = error.validator, error.schema, error.instance
    hint = schema.get("x-message") if isinstance(schema, dict) else None
    if _is_name_error(error):
        yield _unknown_key(node, field, value, schema.get("x-names", []), hint)
    elif kind == "required":
        missing = error.message.split("'")[1]
        misspelt = set(value) - set(schema.get("properties", {}))
        if difflib.get_close_matches(missing, misspelt, n=1, cutoff=0.6):
            return  # reported as an unknown field with "did you mean '<missing>'?"
        yield Problem(
            _key_mark(root, path),
            join_path(field, missing),
            f"missing required field '{missing}'. Add it: {_describe(schema, missing)}",
        )
    elif kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        for key in sorted(set(value) - set(allowed)):
            yield _unknown_key(node, field, key, allowed)
    elif kind == "type":
        expected = _JSON_TYPE_NAMES.get(error.validator_value, error.validator_value)
        yield Problem(
            node.mark,
            field,
            f"expected {expected}, got {_type_name(value)}. " + _type_fix(expected, value),
        )
    elif hint:
        yield Problem(node.mark, field, f"{hint}; got {_shown(value)}.")
    elif kind == "minItems":
        yield Problem(node.mark, field, "must list at least one item.")
    elif kind == "uniqueItems":
        yield Problem(node.mark, field, "lists the same id twice. Remove the repetition.")
    else:
        yield Problem(node.mark, field, f"{error.message}.")


def _type_fix(expected: str, value: Any) -> str:
    if expected != "a text":
        return f"Write {expected} here."
    if isinstance(value, bool | int | float):
        written = str(value).lower() if isinstance(value, bool) else str(value)
        return f"YAML reads {written} as {_type_name(value)}: put it in quotes (\"{written}\")."
    return "Write the text after the colon."


def _is_name_error(error: Any) -> bool:
    """True for an error about a key's name (``propertyNames``) rather than its value."""
    return "propertyNames" in error.schema_path


def _unknown_key(
    node: Node, field: str, key: str, allowed: list[str], hint: str | None = None
) -> Problem:
    guess = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if guess:
        suggestion = f"did you mean '{guess[0]}'?"
    elif hint:
        suggestion = f"it {hint}."
    else:
        suggestion = f"allowed: {', '.join(allowed)}."
    return Problem(
        node.key_marks.get(key, node.mark),
        join_path(field, key),
        f"unknown field '{key}'; {suggestion}",
    )


def _describe(schema: dict, name: str) -> str:
    sub = schema.get("properties", {}).get(name, {})
    return sub.get("description", "see faq_source/schema/ for its form.")


def _at(root: Node, path: tuple) -> Node:
    node = root
    for step in path:
        child = node.value[step] if isinstance(node.value, (dict, list)) else None
        if not isinstance(child, Node):
            break
        node = child
    return node


def _key_mark(root: Node, path: tuple) -> Mark:
    """Where the key of the value at ``path`` was written (the value's own place for list items)."""
    if path and isinstance(path[-1], str):
        parent = _at(root, path[:-1])
        if path[-1] in parent.key_marks:
            return parent.key_marks[path[-1]]
    return _at(root, path).mark


def _field(path: tuple) -> str:
    field = ""
    for step in path:
        field = join_path(field, step)
    return field


def _type_name(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _shown(value: Any) -> str:
    """A value as a message shows it: on one line, invisible characters written as escapes."""
    if isinstance(value, str):
        value = "".join(c if c.isprintable() else repr(c)[1:-1] for c in value)
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "...'"
