"""Stage 3 of loading: the checked node tree -> the model. The only place that makes a
:class:`HelpCenter`; it runs only on a source without problems, so it trusts every shape.
"""

from __future__ import annotations

import datetime
from dataclasses import replace
from decimal import Decimal
from typing import TypeVar

from ..model import (
    Category,
    CategoryText,
    Entry,
    EntryText,
    Fact,
    Guide,
    GuideText,
    HelpCenter,
    Image,
    Labels,
    Language,
    Mark,
    Term,
    TermForm,
)
from .images import Measured
from .source import Node
from .tree import child, items, language_blocks, mapping

_Item = TypeVar("_Item", Entry, Guide)
_Text = TypeVar("_Text", EntryText, GuideText)


def build(nodes: dict[str, Node], pictures: dict[str, Measured] | None = None) -> HelpCenter:
    """The model; ``pictures``: the measured picture files by path as written (images.py)."""
    pictures = pictures or {}
    site = nodes["site.yaml"].plain()
    default = site["default_language"]
    codes = [default] + [c for c in site["languages"] if c != default]
    languages = tuple(_language(code, site["languages"][code]) for code in codes)
    fact_nodes = nodes["site.yaml"].value["facts"].value
    facts = {
        fact_id: _fact(fact_id, fact, fact_nodes[fact_id].mark)
        for fact_id, fact in site["facts"].items()
    }
    guides = tuple(_with_fallback(_guide(node, pictures), default, codes)
                   for node in nodes["guides.yaml"].value["guides"].value)
    entries = tuple(_with_fallback(_entry(node, pictures), default, codes)
                    for node in nodes["faq.yaml"].value["entries"].value)
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


def _guide(node: Node, pictures: dict[str, Measured]) -> Guide:
    return Guide(
        id=node.value["id"].value,
        texts={
            code: GuideText(
                title=text.value["title"].value,
                summary=text.value["summary"].value,
                intro=text.value["intro"].value,
                steps=tuple(_step_text(step) for step in text.value["steps"].value),
                mark=text.mark,
                field_marks=_field_marks(text),
                step_images=_step_images(text, code, pictures),
            )
            for code, text in language_blocks(node, "guides")
        },
        mark=node.mark,
        source_language=_source_language(node),
    )


def _step_text(step: Node) -> str:
    """A step's Markdown: the step itself, or its ``text`` when it is a block with a picture."""
    return step.value["text"].value if isinstance(step.value, dict) else step.value


def _step_images(text: Node, code: str, pictures: dict[str, Measured]) -> tuple[Image | None, ...]:
    steps = items(text.value["steps"])
    found = tuple(_image(child(step, "image"), code, pictures) for step in steps)
    return found if any(found) else ()


def _image(node: Node | None, code: str, pictures: dict[str, Measured]) -> Image | None:
    if node is None:
        return None
    file = node.value["file"]
    measured = pictures[file.value]
    return Image(file.value, node.value["alt"].value, measured.width, measured.height,
                 measured.digest, measured.extension, code, file.mark)


def _entry(node: Node, pictures: dict[str, Measured]) -> Entry:
    return Entry(
        id=node.value["id"].value,
        guide_ids=tuple(ref.value for ref in node.value["guides"].value),
        texts={
            code: EntryText(
                text.value["question"].value,
                text.value["answer"].value,
                text.mark,
                field_marks=_field_marks(text),
                image=_image(child(text, "image"), code, pictures),
            )
            for code, text in language_blocks(node, "entries")
        },
        mark=node.mark,
        source_language=_source_language(node),
        category=node.value["category"].value if "category" in node.value else None,
    )


def _categories(faq: Node, default: str) -> tuple[Category, ...]:
    """The FAQ categories; a language without its own title uses the default language's."""
    categories = []
    for node in items(child(faq, "categories")):
        texts = {
            code: CategoryText(block.value["title"].value, _optional(block, "description"))
            for code, block in mapping(node).items()
            if code != "id"
        }
        categories.append(Category(node.value["id"].value, texts, node.mark))
    return tuple(categories)


def _optional(block: Node, key: str) -> str:
    value = child(block, key)
    return value.value if value is not None else ""


def _glossary(nodes: dict[str, Node]) -> tuple[Term, ...]:
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
        if isinstance(value.value, list):  # steps: a text, or a block with its text
            for i, step in enumerate(value.value):
                marks[f"{key}[{i}]"] = (child(step, "text") or step).line_of(0)
                if (alt := child(child(step, "image"), "alt")) is not None:
                    marks[f"{key}[{i}].image.alt"] = alt.line_of(0)
        elif key == "image":
            marks["image.alt"] = value.value["alt"].line_of(0)
        else:
            marks[key] = value.line_of(0)
    return marks


def _with_fallback(item: _Item, default: str, codes: list[str]) -> _Item:
    """The item with a text for every language: a missing translation holds the original, and a
    translation without a picture where the original has one shows the original's."""
    source = item.source_language or default
    missing = frozenset(code for code in codes if code not in item.texts)
    original = item.texts[source]
    texts = {code: _pictures_from(item.texts[code], original) if code in item.texts else original
             for code in codes}
    return replace(item, texts=texts, source_language=source, untranslated=missing)


def _pictures_from(text: _Text, original: _Text) -> _Text:
    """``text`` with the pictures it lacks taken from ``original`` (marked as a fallback)."""
    if isinstance(text, EntryText) and isinstance(original, EntryText):
        if text.image is None and original.image is not None:
            return replace(text, image=replace(original.image, fallback=True))
        return text
    if isinstance(text, GuideText) and isinstance(original, GuideText) and original.step_images:
        own = text.step_images or (None,) * len(text.steps)
        theirs = original.step_images + (None,) * (len(own) - len(original.step_images))
        images = tuple(mine or (other and replace(other, fallback=True))  # same position
                       for mine, other in zip(own, theirs, strict=False))
        return replace(text, step_images=images if any(images) else ())
    return text


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
        keep_words=data.get("line_breaks") == "words",
    )


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
