"""The writers' fields: which keys of an item are its own (not a language block), which texts
are Markdown and which plain, and how a Markdown field enters a page. One definition, used by
the checks, the lint, the model builder, render, parity and the output checks; the JSON Schemas
(``schema/``) describe the same fields for editors.
"""

from __future__ import annotations

import re

from .model import EntryText, GuideText

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
    """The translatable fields of a text, by field path (``question``, ``steps[1]``)."""
    if isinstance(text, EntryText):
        return {"question": text.question, "answer": text.answer}
    fields = {"title": text.title, "summary": text.summary, "intro": text.intro}
    fields.update({f"steps[{i}]": step for i, step in enumerate(text.steps)})
    return fields


def trim_markdown(text: str) -> str:
    """A Markdown field as it goes into a page: without blank lines around it, but with the
    first line's indentation (which can make a code block, so it must not change meaning)."""
    return re.sub(r"\A(?:[ \t]*\n)+", "", text).rstrip()
