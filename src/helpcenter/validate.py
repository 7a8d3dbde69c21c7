"""Check the source node tree and build the model: JSON Schema per file, then cross-checks.

Every check reports a :class:`Problem` and goes on, so that a writer sees all mistakes in one run.
The JSON Schemas in ``faq_source/schema/`` are the single description of the fields: editors use
them while the writer types, and this module uses the same files.
"""

from __future__ import annotations

import datetime
import difflib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import fastjsonschema
import jsonschema
from referencing import Registry, Resource

from .errors import Problem, SourceError
from .model import (
    Category,
    CategoryText,
    Entry,
    EntryText,
    Fact,
    Guide,
    GuideText,
    HelpCenter,
    Labels,
    Language,
    Mark,
    Term,
)
from .safety import POLICY, RELATIVE, SITE_LINKS, unsafe_markup
from .source import Node, join_path, read_source

SCHEMA_DIR = Path(__file__).parent / "schema"
"""The schemas, shipped in the package; ``faq_source/schema`` links to the same files."""

LANGUAGE_CODE = re.compile(r"^[a-z]{2}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$")
"""As common.schema.json's language_code: a key of this form in an item is a language block;
another key is a misnamed field, which the schema reports."""
PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
PLACEHOLDER_BODY = re.compile(r"\s*(fact|guide|question|page):([^\s{}]*)\s*")
# {{page:PATH}}: a Markdown page of the language folder (docs/<lang>/PATH), with an optional
# #anchor; whether it exists is checked against docs/ by write.page_link_problems.
PAGE_PATH = re.compile(r"(?:[\w.-]+/)*[\w.-]+\.md(?:#[\w-]+)?")

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
_Item = TypeVar("_Item", Entry, Guide)


def load(source_dir: Path, display_root: Path | None = None) -> HelpCenter:
    """Read and check ``source_dir``; return the model or raise :class:`SourceError`."""
    root = display_root or source_dir.parent
    nodes, problems = read_source(source_dir, root)
    for name, node in nodes.items():
        problems += list(_schema_problems(name, node))
    problems += _cross_problems(nodes)
    glossary_file = nodes["glossary.yaml"].mark.path if "glossary.yaml" in nodes else None
    if glossary_file and not any(p.mark.path == glossary_file for p in problems):
        problems += _glossary_problems(nodes)  # needs a well-formed glossary, nothing else
    if problems:
        raise SourceError(problems)
    return _build(nodes)


def _glossary_problems(nodes: dict[str, Node]) -> list[Problem]:
    """Avoided variants of glossary terms in any writer's text (glossary.py)."""
    from . import glossary  # glossary.py imports this module's placeholder patterns

    terms = glossary.build_terms(nodes["glossary.yaml"])
    path = nodes["glossary.yaml"].mark.path
    return glossary.lint(glossary.iter_texts(_texts(nodes)), terms, path)


# --- Stage 1: JSON Schema, per file ------------------------------------------------------------


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


def _schema_problems(file_name: str, root: Node) -> Iterator[Problem]:
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
            f"expected {expected}, got {_type_name(value)}. "
            + (
                "Write the text after the colon."
                if expected == "a text"
                else f"Write {expected} here."
            ),
        )
    elif hint:
        yield Problem(node.mark, field, f"{hint}; got {_shown(value)}.")
    elif kind == "minItems":
        yield Problem(node.mark, field, "must list at least one item.")
    elif kind == "uniqueItems":
        yield Problem(node.mark, field, "lists the same id twice. Remove the repetition.")
    else:
        yield Problem(node.mark, field, f"{error.message}.")


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


# --- Stage 2: cross-checks ---------------------------------------------------------------------


def _cross_problems(nodes: dict[str, Node]) -> list[Problem]:
    """Checks across fields and files. They run even when the schema found problems, on the
    parts that are well-formed, so that a writer sees every mistake in one run; a check whose
    reference list is unreadable (e.g. guides.yaml has a syntax error) is skipped."""
    problems: list[Problem] = []
    site = nodes.get("site.yaml")
    language_block = _child(site, "languages")
    languages = list(_mapping(language_block)) if language_block else None
    default = _child(site, "default_language")
    if languages and default and isinstance(default.value, str) and default.value not in languages:
        problems.append(
            Problem(
                default.mark,
                "default_language",
                f"'{default.value}' is not one of the languages "
                f"({', '.join(languages)}). {_guess(default.value, languages)}",
            )
        )
    guides = _items(_child(nodes.get("guides.yaml"), "guides"))
    entries = _items(_child(nodes.get("faq.yaml"), "entries"))
    known: dict[str, list[str] | None] = {
        "fact": list(_mapping(_child(site, "facts"))) if site else None,
        "guide": _unique_ids(guides, "guides", problems) if "guides.yaml" in nodes else None,
        "question": _unique_ids(entries, "entries", problems) if "faq.yaml" in nodes else None,
    }
    fixed_keys = (
        ("guides", guides, {"id", "source_language"}),
        ("entries", entries, {"id", "guides", "source_language", "category"}),
    )
    default_code = default.value if default and isinstance(default.value, str) else None
    for kind, items, fixed in fixed_keys:
        for index, item in enumerate(items):
            if languages is not None:
                problems += _language_problems(
                    item, f"{kind}[{index}]", kind, fixed, languages, default_code
                )
    guide_ids = known["guide"]
    for index, entry in enumerate(entries):
        for position, ref in enumerate(_items(_child(entry, "guides"))):
            if guide_ids is not None and isinstance(ref.value, str) and ref.value not in guide_ids:
                problems.append(
                    Problem(
                        ref.mark,
                        f"entries[{index}].guides[{position}]",
                        f"unknown guide '{ref.value}'. {_guess(ref.value, guide_ids, 'guides')}",
                    )
                )

    problems += _category_problems(nodes.get("faq.yaml"), entries, languages, default_code)

    for path, text_node, markdown in _texts(nodes):
        problems += _placeholder_problems(text_node, path, known, markdown)
        if markdown:
            problems += _markup_problems(text_node, path)
    return problems


def _category_problems(
    faq: Node | None, entries: list[Node], languages: list[str] | None, default: str | None
) -> list[Problem]:
    """Categories have unique ids and a default-language title; with categories every entry
    names a known one, without them none does."""
    problems: list[Problem] = []
    categories_node = _child(faq, "categories")
    categories = _items(categories_node)
    ids = _unique_ids(categories, "categories", problems)
    for index, category in enumerate(categories):
        if default and languages and default in languages and default not in _mapping(category):
            problems.append(
                Problem(
                    category.mark,
                    f"categories[{index}].{default}",
                    f"missing the {default} title of this category. Add an "
                    f"{default}: block with its title.",
                )
            )
        for key in sorted(set(_mapping(category)) - {"id"} - set(languages or [])):
            if languages is not None and LANGUAGE_CODE.match(key):  # others: the schema's
                problems.append(
                    Problem(
                        category.key_marks[key],
                        f"categories[{index}].{key}",
                        f"'{key}' is not a language of the site "
                        f"({', '.join(languages)}). {_guess(key, languages)}",
                    )
                )
    for index, entry in enumerate(entries):
        category = _child(entry, "category")
        field = f"entries[{index}].category"
        if categories_node is None:
            if category is not None:
                problems.append(
                    Problem(
                        category.mark,
                        field,
                        "no categories are defined. Add "
                        "a categories: list to faq.yaml, or remove this line.",
                    )
                )
        elif category is None:
            if isinstance(entry.value, dict):
                problems.append(
                    Problem(
                        entry.mark,
                        field,
                        "missing category: with categories "
                        f"defined, every question names one ({', '.join(ids)}).",
                    )
                )
        elif isinstance(category.value, str) and category.value not in ids:
            problems.append(
                Problem(
                    category.mark,
                    field,
                    f"unknown category '{category.value}'. "
                    f"{_guess(category.value, ids, 'categories')}",
                )
            )
    return problems


def _language_problems(
    item: Node,
    path: str,
    kind: str,
    fixed: set[str],
    languages: list[str],
    default: str | None = None,
) -> list[Problem]:
    """A guide or entry has blocks only for site languages, and one for its source language.
    Other missing translations are not problems here: their pages show the original with a
    notice, and ``scripts/build_faq.py status`` lists them (an error with ``--strict``)."""
    problems = []
    blocks = _mapping(item)
    strays = sorted(k for k in set(blocks) - fixed - set(languages) if LANGUAGE_CODE.match(k))
    for key in strays:
        problems.append(
            Problem(
                item.key_marks[key],
                join_path(path, key),
                f"'{key}' is not a language of the site "
                f"({', '.join(languages)}). {_guess(key, languages)}",
            )
        )
    item_id = _child(item, "id")
    name = f" of '{item_id.value}'" if item_id and isinstance(item_id.value, str) else ""
    example = "title, summary, intro and steps" if kind == "guides" else "question and answer"
    source = _child(item, "source_language")
    source_code = source.value if source and isinstance(source.value, str) else default
    if source and source_code not in languages:
        problems.append(
            Problem(
                source.mark,
                join_path(path, "source_language"),
                f"'{source_code}' is not a language of the site ({', '.join(languages)}). "
                f"{_guess(str(source_code), languages)}",
            )
        )
    elif (
        source_code in languages
        and source_code not in blocks
        and not difflib.get_close_matches(source_code, strays, 1, 0.5)
    ):
        problems.append(
            Problem(
                item.mark,
                join_path(path, source_code),
                f"missing the {source_code} text{name}, the language it is written in and "
                f"translated from. Add a block {source_code}: with {example}"
                + ("." if source else ", or set source_language to the language it is written in."),
            )
        )
    return problems


def _markup_problems(node: Node, path: str) -> list[Problem]:
    """Forbidden HTML or addresses in a Markdown field (see safety.py for the policy)."""
    text = node.value
    problems = []
    # Placeholders resolve to text, or (page, in a link) to an address within the site.
    checked = PLACEHOLDER.sub(lambda m: "#page" if "page:" in m.group(1) else "X", text)
    for what, needle in unsafe_markup(checked):
        # An entity-encoded address ("&#106;avascript:") is found by what follows its colon.
        candidates = [needle, needle[needle.find(":") :]] if ":" in needle else [needle]
        offset = next((o for c in candidates if (o := text.lower().find(c.lower())) >= 0), -1)
        mark = node.line_of(offset) if offset >= 0 else node.mark
        if what == RELATIVE:
            message = f"the relative link '{needle}' would break when the page moves. {SITE_LINKS}"
        else:
            message = f"{what}. {POLICY}"
        problems.append(Problem(mark, path, message))
    return problems


def _unique_ids(items: list[Node], kind: str, problems: list[Problem]) -> list[str]:
    first: dict[str, Node] = {}
    for index, item in enumerate(items):
        id_node = _child(item, "id")
        if id_node is None or not isinstance(id_node.value, str):
            continue  # reported by the schema
        if id_node.value in first:
            problems.append(
                Problem(
                    id_node.mark,
                    f"{kind}[{index}].id",
                    f"duplicated id '{id_node.value}' (also at line "
                    f"{first[id_node.value].mark.line}). Ids must be unique: "
                    "rename one of them.",
                )
            )
        else:
            first[id_node.value] = id_node
    return list(first)


def _texts(nodes: dict[str, Node]) -> Iterator[tuple[str, Node, bool]]:
    """Every writer's text that is a string, as (field path, node, is Markdown)."""
    site = nodes.get("site.yaml")
    for code, lang in _mapping(_child(site, "languages")).items():
        base = f"languages.{code}"
        for key in ("name", "site_name", "description"):
            yield from _text_at(lang, (key,), f"{base}.{key}", False)
        yield from _text_at(lang, ("home", "title"), f"{base}.home.title", False)
        yield from _text_at(lang, ("home", "intro"), f"{base}.home.intro", True)
        for key in _mapping(_child(lang, "labels")):
            yield from _text_at(lang, ("labels", key), f"{base}.labels.{key}", False)
    for index, guide in enumerate(_items(_child(nodes.get("guides.yaml"), "guides"))):
        for code, text in _language_blocks(guide):
            base = f"guides[{index}].{code}"
            yield from _text_at(text, ("title",), f"{base}.title", False)
            yield from _text_at(text, ("summary",), f"{base}.summary", False)
            yield from _text_at(text, ("intro",), f"{base}.intro", True)
            for step_index, step in enumerate(_items(_child(text, "steps"))):
                yield from _text_at(step, (), f"{base}.steps[{step_index}]", True)
    for index, category in enumerate(_items(_child(nodes.get("faq.yaml"), "categories"))):
        for code, text in _mapping(category).items():
            base = f"categories[{index}].{code}"
            yield from _text_at(text, ("title",), f"{base}.title", False)
            yield from _text_at(text, ("description",), f"{base}.description", False)
    for index, entry in enumerate(_items(_child(nodes.get("faq.yaml"), "entries"))):
        for code, text in _language_blocks(entry):
            base = f"entries[{index}].{code}"
            yield from _text_at(text, ("question",), f"{base}.question", False)
            yield from _text_at(text, ("answer",), f"{base}.answer", True)


def _text_at(
    node: Node | None, keys: tuple[str, ...], path: str, markdown: bool
) -> Iterator[tuple[str, Node, bool]]:
    for key in keys:
        node = _child(node, key)
    if node is not None and isinstance(node.value, str):
        yield path, node, markdown


def _language_blocks(item: Node) -> Iterator[tuple[str, Node]]:
    for key, value in _mapping(item).items():
        if key not in ("id", "guides") and isinstance(value.value, dict):
            yield key, value


def _child(node: Node | None, key: str) -> Node | None:
    """``node[key]`` if ``node`` is a mapping holding ``key``; None otherwise (shape errors are
    the schema's to report)."""
    return node.value.get(key) if node is not None and isinstance(node.value, dict) else None


def _mapping(node: Node | None) -> dict[str, Node]:
    return node.value if node is not None and isinstance(node.value, dict) else {}


def _items(node: Node | None) -> list[Node]:
    return node.value if node is not None and isinstance(node.value, list) else []


def _placeholder_problems(
    node: Node, path: str, known: dict[str, list[str] | None], markdown: bool
) -> list[Problem]:
    problems = []
    for match in PLACEHOLDER.finditer(node.value):  # (a line is found for a problem only)
        body = PLACEHOLDER_BODY.fullmatch(match.group(1))
        if not body:
            problems.append(
                Problem(
                    node.line_of(match.start()),
                    path,
                    f"unknown placeholder '{match.group(0)}'. Write "
                    "{{fact:ID}}, {{guide:ID}}, {{question:ID}} or {{page:PATH}}.",
                )
            )
            continue
        kind, ref = body.groups()
        if kind != "fact" and not markdown:
            problems.append(
                Problem(
                    node.line_of(match.start()),
                    path,
                    f"'{match.group(0)}' would make a link, and "
                    "this field is plain text. Only {{fact:ID}} works here.",
                )
            )
        elif kind == "page":
            if not PAGE_PATH.fullmatch(ref) or ".." in ref.split("/"):
                problems.append(
                    Problem(
                        node.line_of(match.start()),
                        path,
                        f"'{match.group(0)}': PATH must be a Markdown page of the language "
                        "folder, written from docs/<language>/ (e.g. {{page:notice.md}} or "
                        "{{page:help/contact.md#phone}}).",
                    )
                )
        elif (candidates := known[kind]) is not None and ref not in candidates:
            plural = {"fact": "facts", "guide": "guides", "question": "questions"}[kind]
            problems.append(
                Problem(
                    node.line_of(match.start()),
                    path,
                    f"unknown {kind} '{ref}' in '{match.group(0)}'. "
                    f"{_guess(ref, candidates, plural)}",
                )
            )
    return problems


def _guess(word: str, candidates: list[str], plural: str = "") -> str:
    guess = difflib.get_close_matches(word, candidates, n=1, cutoff=0.5)
    if guess:
        return f"Did you mean '{guess[0]}'?"
    what = f"Known {plural}" if plural else "Known"
    if not candidates:
        return "None is defined."
    shown = ", ".join(candidates[:10])  # a long list (5,000 ids) would bury the message
    return f"{what}: {shown}{f', … ({len(candidates)} in all)' if len(candidates) > 10 else ''}."


# --- Stage 3: the model ------------------------------------------------------------------------


def _build(nodes: dict[str, Node]) -> HelpCenter:
    site = nodes["site.yaml"].plain()
    default = site["default_language"]
    codes = [default] + [c for c in site["languages"] if c != default]
    languages = tuple(_language(code, site["languages"][code]) for code in codes)
    fact_nodes = nodes["site.yaml"].value["facts"].value
    facts = {
        fact_id: _fact(fact_id, fact, fact_nodes[fact_id].mark)
        for fact_id, fact in site["facts"].items()
    }
    guides = tuple(
        Guide(
            id=node.value["id"].value,
            texts={
                code: GuideText(
                    title=text.value["title"].value,
                    summary=text.value["summary"].value,
                    intro=text.value["intro"].value,
                    steps=tuple(step.value for step in text.value["steps"].value),
                    mark=text.mark,
                    field_marks=_field_marks(text),
                )
                for code, text in _language_blocks(node)
            },
            mark=node.mark,
            source_language=_source_language(node),
        )
        for node in nodes["guides.yaml"].value["guides"].value
    )
    guides = tuple(_with_fallback(guide, default, codes) for guide in guides)
    entries = tuple(
        Entry(
            id=node.value["id"].value,
            guide_ids=tuple(ref.value for ref in node.value["guides"].value),
            texts={
                code: EntryText(
                    text.value["question"].value,
                    text.value["answer"].value,
                    text.mark,
                    field_marks=_field_marks(text),
                )
                for code, text in _language_blocks(node)
            },
            mark=node.mark,
            source_language=_source_language(node),
            category=node.value["category"].value if "category" in node.value else None,
        )
        for node in nodes["faq.yaml"].value["entries"].value
    )
    entries = tuple(_with_fallback(entry, default, codes) for entry in entries)
    extra_pages = nodes["site.yaml"].value.get("extra_pages")
    return HelpCenter(
        default,
        languages,
        facts,
        guides,
        entries,
        extra_pages=tuple((page.value, page.mark) for page in extra_pages.value)
        if extra_pages
        else (),
        source_files=tuple(node.mark.path for node in nodes.values()),
        glossary=_glossary(nodes),
        categories=_categories(nodes["faq.yaml"], default),
    )


def _categories(faq: Node, default: str) -> tuple[Category, ...]:
    """The FAQ categories; a language without its own title uses the default language's."""
    categories = []
    for node in _items(_child(faq, "categories")):
        texts = {
            code: CategoryText(block.value["title"].value, _optional(block, "description"))
            for code, block in _mapping(node).items()
            if code != "id"
        }
        categories.append(Category(node.value["id"].value, texts, node.mark))
    return tuple(categories)


def _optional(block: Node, key: str) -> str:
    value = _child(block, key)
    return value.value if value is not None else ""


def _glossary(nodes: dict[str, Node]) -> tuple[Term, ...]:
    from .glossary import build_terms  # glossary.py imports this module

    return build_terms(nodes["glossary.yaml"]) if "glossary.yaml" in nodes else ()


def _fact(fact_id: str, data: dict, mark: Mark) -> Fact:
    if data["type"] == "date":
        return Fact(fact_id, datetime.date.fromisoformat(data["value"]), mark)
    # str() first: the float 0.1 would become 0.1000000000000000055511151231257827...
    return Fact(fact_id, Decimal(str(data["value"])), mark, data["type"], data.get("currency", ""))


def _source_language(item: Node) -> str:
    source = item.value.get("source_language")
    return source.value if source is not None else ""


def _field_marks(text: Node) -> dict[str, Mark]:
    """Where each field's text starts (the line after ``|`` or ``>`` for block texts)."""
    marks = {}
    for key, value in text.value.items():
        if isinstance(value.value, list):
            marks.update({f"{key}[{i}]": step.line_of(0) for i, step in enumerate(value.value)})
        else:
            marks[key] = value.line_of(0)
    return marks


def _with_fallback(item: _Item, default: str, codes: list[str]) -> _Item:
    """The item with a text for every language: a missing translation holds the original."""
    source = item.source_language or default
    missing = frozenset(code for code in codes if code not in item.texts)
    texts = {code: item.texts.get(code) or item.texts[source] for code in codes}
    return replace(item, texts=texts, source_language=source, untranslated=missing)


def _language(code: str, data: dict) -> Language:
    return Language(
        code=code,
        name=data["name"],
        site_name=data["site_name"],
        description=data["description"],
        home_title=data["home"]["title"],
        home_intro=data["home"]["intro"],
        labels=Labels(**data["labels"]),
        synonyms=tuple(tuple(group) for group in data.get("search", {}).get("synonyms", [])),
        not_found_title=data.get("not_found", {}).get("title", ""),
        not_found_text=data.get("not_found", {}).get("text", ""),
    )


# --- helpers -----------------------------------------------------------------------------------


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
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "...'"
