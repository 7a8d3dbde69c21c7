"""Language-independent anchors for the section headings the generator writes.

MkDocs makes a heading's anchor from its text, so the steps of a guide are ``#_1`` in Korean
("단계") and ``#steps`` in English. The language selector carries the reader's anchor to the
other language, where it must exist too. Questions already have their id as anchor; this gives
the other generated headings one id in every language. Pure: Markdown in, Markdown out.
"""

from __future__ import annotations

from ..model import Labels
from .text import escape_plain

SECTION_IDS = {
    "guides_heading": "guides",
    "faq_title": "questions",
    "steps_heading": "steps",
    "referring_questions": "related-questions",
}
"""Label of a generated second-level heading -> its anchor in every language."""


def with_stable_ids(markdown: str, labels: Labels) -> str:
    """Add ``{#id}`` (attr_list) to each ``## <label>`` heading of :data:`SECTION_IDS`."""
    headings = {f"## {escape_plain(getattr(labels, key))}": anchor
                for key, anchor in SECTION_IDS.items()}
    return "\n".join(f"{line} {{#{headings[line]}}}" if line in headings else line
                     for line in markdown.split("\n"))
