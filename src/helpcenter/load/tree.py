"""Reading the node tree without trusting its shape: a missing or misshapen part reads as absent
(the schema reports it), so that the cross-checks can run on what is well-formed.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..fields import CATEGORY_TEXTS, ENTRY_TEXTS, GUIDE_TEXTS, ITEM_KEYS, LANGUAGE_TEXTS
from .source import Node

def texts(nodes: dict[str, Node]) -> Iterator[tuple[str, Node, bool]]:
    """Every writer's text that is a string, as (field path, node, is Markdown)."""
    site = nodes.get("site.yaml")
    for code, lang in mapping(child(site, "languages")).items():
        base = f"languages.{code}"
        for keys, markdown in LANGUAGE_TEXTS:
            yield from text_at(lang, keys, f"{base}.{'.'.join(keys)}", markdown)
        for key in mapping(child(lang, "labels")):
            yield from text_at(lang, ("labels", key), f"{base}.labels.{key}", False)
    for index, guide in enumerate(items(child(nodes.get("guides.yaml"), "guides"))):
        for code, text in language_blocks(guide, "guides"):
            base = f"guides[{index}].{code}"
            for key, markdown in GUIDE_TEXTS:
                yield from text_at(text, (key,), f"{base}.{key}", markdown)
            for step_index, step in enumerate(items(child(text, "steps"))):
                step_path = f"{base}.steps[{step_index}]"
                if isinstance(step.value, dict):  # {text: ..., image: {file, alt}}
                    yield from text_at(step, ("text",), f"{step_path}.text", True)
                    yield from text_at(step, ("image", "alt"), f"{step_path}.image.alt", False)
                else:
                    yield from text_at(step, (), step_path, True)
    for index, category in enumerate(items(child(nodes.get("faq.yaml"), "categories"))):
        for code, text in mapping(category).items():
            base = f"categories[{index}].{code}"
            for key, markdown in CATEGORY_TEXTS:
                yield from text_at(text, (key,), f"{base}.{key}", markdown)
    for index, entry in enumerate(items(child(nodes.get("faq.yaml"), "entries"))):
        for code, text in language_blocks(entry, "entries"):
            base = f"entries[{index}].{code}"
            for key, markdown in ENTRY_TEXTS:
                yield from text_at(text, (key,), f"{base}.{key}", markdown)
            yield from text_at(text, ("image", "alt"), f"{base}.image.alt", False)


def image_nodes(nodes: dict[str, Node]) -> Iterator[tuple[str, Node]]:
    """Every ``image:`` block of a guide step or an answer, as (field path, node)."""
    for index, guide in enumerate(items(child(nodes.get("guides.yaml"), "guides"))):
        for code, text in language_blocks(guide, "guides"):
            for step_index, step in enumerate(items(child(text, "steps"))):
                if (image := child(step, "image")) is not None:
                    yield f"guides[{index}].{code}.steps[{step_index}].image", image
    for index, entry in enumerate(items(child(nodes.get("faq.yaml"), "entries"))):
        for code, text in language_blocks(entry, "entries"):
            if (image := child(text, "image")) is not None:
                yield f"entries[{index}].{code}.image", image


def text_at(
    node: Node | None, keys: tuple[str, ...], path: str, markdown: bool
) -> Iterator[tuple[str, Node, bool]]:
    for key in keys:
        node = child(node, key)
    if node is not None and isinstance(node.value, str):
        yield path, node, markdown


def language_blocks(item: Node, kind: str) -> Iterator[tuple[str, Node]]:
    """The language blocks of a guide or an entry (``kind``: ``guides`` or ``entries``)."""
    for key, value in mapping(item).items():
        if key not in ITEM_KEYS[kind] and isinstance(value.value, dict):
            yield key, value


def child(node: Node | None, key: str) -> Node | None:
    """``node[key]`` if ``node`` is a mapping holding ``key``; None otherwise (shape errors are
    the schema's to report)."""
    return node.value.get(key) if node is not None and isinstance(node.value, dict) else None


def mapping(node: Node | None) -> dict[str, Node]:
    return node.value if node is not None and isinstance(node.value, dict) else {}


def items(node: Node | None) -> list[Node]:
    return node.value if node is not None and isinstance(node.value, list) else []
