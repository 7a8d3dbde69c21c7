"""The writers' fields: which keys of an item are its own (not a language block), which texts
are Markdown and which plain, and how a Markdown field enters a page. One definition, used by
the checks, the lint, the model builder, render, parity and the output checks; the JSON Schemas
(``schema/``) describe the same fields for editors.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .model import EntryText, GuideText, HelpCenter, Mark

ITEM_KEYS = {
    "guides": frozenset({"id", "source_language"}),
    "entries": frozenset({"id", "guides", "source_language", "category"}),
}
"""Per list of items (its key in the source file): the keys that are not language blocks."""

LANGUAGE_TEXTS = (
    (("name",), False),
    (("site_name",), False),
    (("description",), False),
    (("home", "title"), False),
    (("home", "intro"), True),
)
"""Texts of a ``languages.<code>`` block of site.yaml: (keys, is Markdown); every
``labels.<key>`` is plain text too."""
GUIDE_TEXTS = (("title", False), ("summary", False), ("intro", True))
"""Texts of a guide's language block, besides its ``steps`` (a list of Markdown texts)."""
ENTRY_TEXTS = (("question", False), ("answer", True))
"""Texts of an entry's language block."""
CATEGORY_TEXTS = (("title", False), ("description", False))
"""Texts of a category's language block."""


def text_fields(text: EntryText | GuideText) -> dict[str, str]:
    """The translatable fields of a text, by field path (``question``, ``steps[1]``,
    ``steps[1].image.alt``): a picture's alt text is translated like the rest (a fallback
    picture's belongs to its original)."""
    if isinstance(text, EntryText):
        fields = {"question": text.question, "answer": text.answer}
        if text.image and not text.image.fallback:
            fields["image.alt"] = text.image.alt
        return fields
    fields = {"title": text.title, "summary": text.summary, "intro": text.intro}
    fields.update({f"steps[{i}]": step for i, step in enumerate(text.steps)})
    fields.update({f"steps[{i}].image.alt": image.alt for i, image in enumerate(text.step_images)
                   if image and not image.fallback})
    return fields


def trim_markdown(text: str) -> str:
    """A Markdown field as it goes into a page: without blank lines around it, but with the
    first line's indentation (which can make a code block, so it must not change meaning)."""
    return re.sub(r"\A(?:[ \t]*\n)+", "", text).rstrip()


def list_item(bullet: str, markdown: str) -> str:
    """A list item whose continuation lines are indented under it (4 spaces, as
    Python-Markdown requires)."""
    first, *rest = markdown.split("\n")
    indent = " " * 4
    return "\n".join([f"{bullet} {first}", *((indent + line) if line else "" for line in rest)])


def language_texts(center: HelpCenter, code: str) -> Iterator[tuple[Mark, str, str]]:
    """Every writer's text shown in language ``code`` (a missing translation shows the original),
    as (where it is written, field path, text)."""
    site_file = next((f for f in center.source_files if f.endswith("site.yaml")), "site.yaml")
    faq_file = next((f for f in center.source_files if f.endswith("faq.yaml")), "faq.yaml")
    language = center.language(code)
    base = f"languages.{code}"
    yield Mark(site_file), f"{base}.home.intro", language.home_intro
    for key, value in (("name", language.name), ("site_name", language.site_name),
                       ("description", language.description), ("home.title", language.home_title),
                       ("not_found.title", language.not_found_title),
                       ("not_found.text", language.not_found_text)):
        yield Mark(site_file), f"{base}.{key}", value
    for key, value in vars(language.labels).items():
        yield Mark(site_file), f"{base}.labels.{key}", value
    for kind, items in (("guides", center.guides), ("entries", center.entries)):
        for index, item in enumerate(items):
            text = item.texts[code]
            written = item.source_language if code in item.untranslated else code
            for key, value in text_fields(text).items():
                mark = text.field_marks.get(key, text.mark)
                yield mark, f"{kind}[{index}].{written}.{key}", value
    for index, category in enumerate(center.categories):
        own = category.texts.get(code) or category.texts[center.default_language]
        for key, value in (("title", own.title), ("description", own.description)):
            yield Mark(faq_file, category.mark.line), f"categories[{index}].{key}", value
