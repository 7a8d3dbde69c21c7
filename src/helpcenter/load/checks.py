"""Stage 2 of loading: checks across fields and files (ids, languages, references, categories,
placeholders, markup). Each reports a :class:`Problem` and goes on, so that a writer sees every
mistake in one run.
"""

from __future__ import annotations

import datetime
import difflib
import math
import re

from ..errors import Problem
from ..fields import ITEM_KEYS
from ..placeholders import SYNTAX, is_page_path, scan
from .markup import markup_problems
from .source import Node, join_path
from .tree import child, items, language_blocks, mapping, texts

LANGUAGE_CODE = re.compile(r"^[a-z]{2}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$")
"""As common.schema.json's language_code: a key of this form in an item is a language block;
another key is a misnamed field, which the schema reports."""


def cross_problems(nodes: dict[str, Node]) -> list[Problem]:
    """Checks across fields and files. They run even when the schema found problems, on the
    parts that are well-formed, so that a writer sees every mistake in one run; a check whose
    reference list is unreadable (e.g. guides.yaml has a syntax error) is skipped."""
    problems: list[Problem] = []
    site = nodes.get("site.yaml")
    language_block = child(site, "languages")
    languages = list(mapping(language_block)) if language_block else None
    default = child(site, "default_language")
    if languages and default and isinstance(default.value, str) and default.value not in languages:
        problems.append(
            Problem(
                default.mark,
                "default_language",
                f"'{default.value}' is not one of the languages "
                f"({', '.join(languages)}).{_closest(default.value, languages)}",
            )
        )
    guides = items(child(nodes.get("guides.yaml"), "guides"))
    entries = items(child(nodes.get("faq.yaml"), "entries"))
    known: dict[str, list[str] | None] = {
        "fact": list(mapping(child(site, "facts"))) if site else None,
        "guide": _unique_ids(guides, "guides", problems) if "guides.yaml" in nodes else None,
        "question": _unique_ids(entries, "entries", problems) if "faq.yaml" in nodes else None,
    }
    default_code = default.value if default and isinstance(default.value, str) else None
    for kind, listed in (("guides", guides), ("entries", entries)):
        for index, item in enumerate(listed):
            if languages is not None:
                problems += _language_problems(
                    item, f"{kind}[{index}]", kind, languages, default_code
                )
    guide_ids = known["guide"]
    for index, entry in enumerate(entries):
        for position, ref in enumerate(items(child(entry, "guides"))):
            if guide_ids is not None and isinstance(ref.value, str) and ref.value not in guide_ids:
                problems.append(
                    Problem(
                        ref.mark,
                        f"entries[{index}].guides[{position}]",
                        f"unknown guide '{ref.value}'. {_guess(ref.value, guide_ids, 'guides')}",
                    )
                )

    problems += _category_problems(nodes.get("faq.yaml"), entries, languages, default_code)
    problems += _fact_problems(child(site, "facts"))
    problems += _duplicate_question_problems(entries)

    for path, text_node, markdown in texts(nodes):
        problems += _placeholder_problems(text_node, path, known, markdown)
        if markdown:
            problems += markup_problems(text_node, path)
    return problems


def _category_problems(
    faq: Node | None, entries: list[Node], languages: list[str] | None, default: str | None
) -> list[Problem]:
    """Categories have unique ids and a default-language title, and entries name them."""
    problems: list[Problem] = []
    categories_node = child(faq, "categories")
    categories = items(categories_node)
    ids = _unique_ids(categories, "categories", problems)
    for index, category in enumerate(categories):
        if default and languages and default in languages and default not in mapping(category):
            problems.append(
                Problem(
                    category.mark,
                    f"categories[{index}].{default}",
                    f"missing the {default} title of this category. Add an "
                    f"{default}: block with its title.",
                )
            )
        for key in sorted(set(mapping(category)) - {"id"} - set(languages or [])):
            if languages is not None and LANGUAGE_CODE.match(key):  # others: the schema's
                problems.append(
                    Problem(
                        category.key_marks[key],
                        f"categories[{index}].{key}",
                        f"'{key}' is not a language of the site "
                        f"({', '.join(languages)}).{_closest(key, languages)}",
                    )
                )
    problems += _entry_category_problems(entries, categories_node, ids)
    return problems


def _entry_category_problems(entries: list[Node], categories_node: Node | None, ids: list[str]
                             ) -> list[Problem]:
    """With categories every entry names a known one; without them none does."""
    problems: list[Problem] = []
    for index, entry in enumerate(entries):
        category = child(entry, "category")
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
    languages: list[str],
    default: str | None = None,
) -> list[Problem]:
    """A guide or entry has blocks only for site languages, and one for its source language.
    Other missing translations are not problems here: their pages show the original with a
    notice, and ``scripts/build_faq.py status`` lists them (an error with ``--strict``)."""
    problems = []
    blocks = mapping(item)
    strays = sorted(k for k in set(blocks) - ITEM_KEYS[kind] - set(languages) if LANGUAGE_CODE.match(k))
    for key in strays:
        problems.append(
            Problem(
                item.key_marks[key],
                join_path(path, key),
                f"'{key}' is not a language of the site "
                f"({', '.join(languages)}).{_closest(key, languages)}",
            )
        )
    item_id = child(item, "id")
    name = f" of '{item_id.value}'" if item_id and isinstance(item_id.value, str) else ""
    example = "title, summary, intro and steps" if kind == "guides" else "question and answer"
    source = child(item, "source_language")
    source_code = source.value if source and isinstance(source.value, str) else default
    if source and source_code not in languages:
        problems.append(
            Problem(
                source.mark,
                join_path(path, "source_language"),
                f"'{source_code}' is not a language of the site ({', '.join(languages)})."
                f"{_closest(str(source_code), languages)}",
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


MAX_AMOUNT = 10**15
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _duplicate_question_problems(entries: list[Node]) -> list[Problem]:
    """Two entries asking the same question in one language (case and spacing aside; texts are
    in NFC already, see source.py): readers would find two answers."""
    problems = []
    first: dict[tuple[str, str], tuple[int, Node]] = {}
    for index, entry in enumerate(entries):
        for code, block in language_blocks(entry, "entries"):
            question = child(block, "question")
            if question is None or not isinstance(question.value, str) or not question.value:
                continue  # the schema's
            key = (code, " ".join(question.value.casefold().split()))
            if key in first:
                other, node = first[key]
                problems.append(Problem(
                    question.mark, f"entries[{index}].{code}.question",
                    f"the same question as entries[{other}] (line {node.mark.line}). Merge the "
                    "two answers into one entry, or ask each question differently."))
            else:
                first[key] = (index, question)
    return problems


def _fact_problems(facts: Node | None) -> list[Problem]:
    """A date fact is a real date; an amount or a percentage a finite number below 10^15."""
    problems = []
    for fact_id, fact in mapping(facts).items():
        kind, value = child(fact, "type"), child(fact, "value")
        if kind is None or value is None:
            continue  # the schema's
        field = f"facts.{fact_id}.value"
        if kind.value == "date" and isinstance(value.value, str) and _ISO_DATE.fullmatch(
                value.value):  # another form is the schema's to report
            try:
                datetime.date.fromisoformat(value.value)
            except ValueError as err:
                problems.append(Problem(value.mark, field, f"'{value.value}' is not a real "
                                        f"date ({err}). Write an existing date, YYYY-MM-DD."))
        elif isinstance(value.value, int | float) and not isinstance(value.value, bool) and not (
                math.isfinite(value.value) and abs(value.value) < MAX_AMOUNT):
            problems.append(Problem(value.mark, field, f"{value.value} is too large. Write a "
                                    f"number below {MAX_AMOUNT:,}."))
    return problems


def _unique_ids(items: list[Node], kind: str, problems: list[Problem]) -> list[str]:
    first: dict[str, Node] = {}
    for index, item in enumerate(items):
        id_node = child(item, "id")
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


def _placeholder_problems(
    node: Node, path: str, known: dict[str, list[str] | None], markdown: bool
) -> list[Problem]:
    problems = []
    for placeholder in scan(node.value):  # (a line is found for a problem only)
        kind, ref, written = placeholder.kind, placeholder.ref, placeholder.text
        if kind is None:
            problems.append(
                Problem(
                    node.line_of(placeholder.start),
                    path,
                    f"unknown placeholder '{written}'. Write {SYNTAX}.",
                )
            )
            continue
        if kind != "fact" and not markdown:
            problems.append(
                Problem(
                    node.line_of(placeholder.start),
                    path,
                    f"'{written}' would make a link, and "
                    "this field is plain text. Only {{fact:ID}} works here.",
                )
            )
        elif kind == "page":
            if not is_page_path(ref):
                problems.append(
                    Problem(
                        node.line_of(placeholder.start),
                        path,
                        f"'{written}': PATH must be a Markdown page of the language "
                        "folder, written from docs/<language>/ (e.g. {{page:notice.md}} or "
                        "{{page:help/contact.md#phone}}).",
                    )
                )
        elif (candidates := known[kind]) is not None and ref not in candidates:
            plural = {"fact": "facts", "guide": "guides", "question": "questions"}[kind]
            problems.append(
                Problem(
                    node.line_of(placeholder.start),
                    path,
                    f"unknown {kind} '{ref}' in '{written}'. "
                    f"{_guess(ref, candidates, plural)}",
                )
            )
    return problems


def _closest(word: str, candidates: list[str]) -> str:
    """"Did you mean ...?" when one candidate is close; nothing otherwise (for messages that
    already list every candidate)."""
    guess = difflib.get_close_matches(word, candidates, n=1, cutoff=0.5)
    return f" Did you mean '{guess[0]}'?" if guess else ""


def _guess(word: str, candidates: list[str], plural: str = "") -> str:
    """ "Did you mean ...?", or the known candidates (the first ten)."""
    if guess := _closest(word, candidates):
        return guess.lstrip()
    what = f"Known {plural}" if plural else "Known"
    if not candidates:
        return "None is defined."
    shown = ", ".join(candidates[:10])  # a long list (5,000 ids) would bury the message
    return f"{what}: {shown}{f', … ({len(candidates)} in all)' if len(candidates) > 10 else ''}."
