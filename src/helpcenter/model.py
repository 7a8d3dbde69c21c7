"""The validated help center: frozen dataclasses, each value knowing where it came from."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True, order=True)
class Mark:
    """A place in a source file; ``line`` and ``column`` count from 1 (0 means unknown)."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.path
        return (
            f"{self.path}:{self.line}:{self.column}" if self.column else f"{self.path}:{self.line}"
        )


@dataclass(frozen=True)
class Labels:
    """Interface strings of one language, used around the writers' texts."""

    faq_title: str
    faq_intro: str
    guides_heading: str
    faq_link: str
    related_guides: str
    referring_questions: str
    steps_heading: str
    outdated_notice: str = ""
    """Shown above a translation that may be out of date; a link to the original follows."""
    untranslated_notice: str = ""
    """Shown above a text not yet translated into this language (the original is shown)."""


@dataclass(frozen=True)
class Language:
    """One language of the site; the default one is served at the site root."""

    code: str
    """BCP 47 code used for folders (``docs/<code>/``), URLs and Babel (``ko``, ``en``)."""
    name: str
    """The language's own name, shown in the language selector."""
    site_name: str
    description: str
    home_title: str
    home_intro: str
    """Markdown."""
    labels: Labels
    synonyms: tuple[tuple[str, ...], ...] = ()
    """Search synonym groups: searching for one word of a group also finds the others."""
    not_found_title: str = ""
    """Heading of the not-found page (404.html); empty: the theme's default."""
    not_found_text: str = ""
    """Plain text under that heading."""
    keep_words: bool = False
    """Lines break only between words (``line_breaks: words``; Korean), never inside one."""


@dataclass(frozen=True)
class Fact:
    """A value written once and referenced from texts as ``{{fact:<id>}}``."""

    id: str
    value: datetime.date | Decimal
    """A date, an amount (in ``currency``) or a percentage (``12.5`` means 12.5 %)."""
    mark: Mark
    kind: str = "date"
    """``date``, ``amount`` or ``percent``: how :func:`render.format_fact` shows it."""
    currency: str = ""
    """ISO 4217 code of an amount (``CNY``, ``KRW``, ``USD``)."""


@dataclass(frozen=True)
class Image:
    """A picture of a guide step or an answer: a checked file of faq_source/ and its alt text."""

    file: str
    """The path as written, relative to faq_source/ (``images/ko/choose.png``)."""
    alt: str
    """Plain text describing the picture (what a screen reader says instead)."""
    width: int
    """Intrinsic size in CSS pixels (an SVG's width/height or viewBox)."""
    height: int
    digest: str
    """SHA-256 of the file's bytes (hex): names its copy in the site (paths.image_path)."""
    extension: str
    """``png``, ``jpg``, ``webp`` or ``svg``: what the bytes are, whatever the name says."""
    language: str
    """The language block it was written in (a fallback shows another language's image)."""
    mark: Mark
    fallback: bool = False
    """Shown in a translation that has no image of its own: the source language's, with the
    "not yet translated" notice."""


@dataclass(frozen=True)
class GuideText:
    """A guide in one language."""

    title: str
    """Plain text."""
    summary: str
    """Plain text, one sentence."""
    intro: str
    """Markdown."""
    steps: tuple[str, ...]
    """Markdown, one item per numbered step."""
    mark: Mark
    step_images: tuple[Image | None, ...] = ()
    """The picture of each step (None: none), as long as ``steps`` (empty: no step has one)."""
    field_marks: dict[str, Mark] = field(default_factory=dict, compare=False)
    """Where each field's text starts (``title``, ``intro``, ``steps[2]``), for located reports."""


@dataclass(frozen=True)
class Guide:
    """A step-by-step how-to, shown in the navigation in source order."""

    id: str
    """Stable ASCII id: the page's file name (``guides/<id>.md``) in every language."""
    texts: dict[str, GuideText]
    """Per language code, for every language of the site: a language in ``untranslated`` holds
    the source-language text (the page shows it with a "not yet translated" notice)."""
    mark: Mark
    source_language: str = ""
    """The language the guide is written in and translated from (the site default unless set)."""
    untranslated: frozenset[str] = frozenset()
    """Languages with no text of their own yet."""


@dataclass(frozen=True)
class EntryText:
    """A question and its answer in one language."""

    question: str
    """Plain text."""
    answer: str
    """Markdown."""
    mark: Mark
    image: Image | None = None
    """A picture shown under the answer."""
    field_marks: dict[str, Mark] = field(default_factory=dict, compare=False)
    """Where each field's text starts (``question``, ``answer``), for located reports."""


@dataclass(frozen=True)
class Entry:
    """One FAQ question."""

    id: str
    """Stable ASCII id: the question's anchor in every language."""
    guide_ids: tuple[str, ...]
    """Guides the answer relates to, listed under the answer and on each guide page."""
    texts: dict[str, EntryText]
    """Per language code, for every language of the site: a language in ``untranslated`` holds
    the source-language text (the page shows it with a "not yet translated" notice)."""
    mark: Mark
    source_language: str = ""
    """The language the entry is written in and translated from (the site default unless set)."""
    untranslated: frozenset[str] = frozenset()
    """Languages with no text of their own yet."""
    category: str | None = None
    """Id of the category whose FAQ page shows the entry (None when the FAQ has no categories)."""


@dataclass(frozen=True)
class CategoryText:
    """A FAQ category in one language."""

    title: str
    """Plain text: the category page's heading and its entry in the navigation."""
    description: str
    """Plain text, may be empty: shown under the title on the FAQ index."""


@dataclass(frozen=True)
class Category:
    """A group of questions with its own FAQ page (``faq/<id>/``), in source order."""

    id: str
    texts: dict[str, CategoryText]
    mark: Mark


@dataclass(frozen=True)
class TermForm:
    """How a glossary term is written in one language."""

    use: str
    """The preferred form."""
    avoid: tuple[str, ...] = ()
    """Variants a lint reports, each with ``use`` as the fix."""


@dataclass(frozen=True)
class Term:
    """A glossary term: its preferred form per language and the variants to avoid."""

    id: str
    forms: dict[str, TermForm]
    """Per language code (a term may leave a language out)."""
    name: bool
    """A name (WorldFirst, 1688): each translation must name it wherever its original does."""
    mark: Mark


@dataclass(frozen=True)
class HelpCenter:
    """Everything the renderer needs; produced only from a source without problems."""

    default_language: str
    languages: tuple[Language, ...]
    """Default language first, then the others in source order."""
    facts: dict[str, Fact]
    guides: tuple[Guide, ...]
    entries: tuple[Entry, ...]
    extra_pages: tuple[tuple[str, Mark], ...] = field(default=())
    """Hand-written pages (paths inside ``docs/<lang>/``) to list in the navigation, with
    where site.yaml names them."""
    source_files: tuple[str, ...] = field(default=())
    """Source files the model was read from, relative to the project root."""
    glossary: tuple[Term, ...] = ()
    """Preferred terms and the variants to avoid (faq_source/glossary.yaml; optional)."""
    categories: tuple[Category, ...] = ()
    """FAQ categories of faq.yaml, in page order; empty: one FAQ page (split past 50 questions)."""

    def language(self, code: str) -> Language:
        return next(lang for lang in self.languages if lang.code == code)

    def entries_for_guide(self, guide_id: str) -> list[Entry]:
        return [e for e in self.entries if guide_id in e.guide_ids]
