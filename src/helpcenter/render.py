"""Model -> Markdown pages. Pure: no I/O, no clock; the same model gives the same bytes.

Pages per language, relative to ``docs/``: ``<lang>/index.md`` (home), ``<lang>/faq.md`` and
``<lang>/guides/<guide id>.md``. Every page starts with :data:`MARKER` so the writer knows it
generated the file.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Callable, Collection
from decimal import Decimal
from functools import cache

from babel.dates import format_date
from babel.numbers import format_currency, format_percent

from . import layout
from .model import Category, CategoryText, Entry, Fact, Guide, HelpCenter, Language
from .safety import trim_markdown
from .validate import PLACEHOLDER, PLACEHOLDER_BODY

MARKER = "<!-- generated-by: helpcenter"
"""How every generated file begins; files without it are never touched."""

FAQ_PAGE = layout.FAQ_PAGE
HOME_PAGE = layout.HOME_PAGE


def guide_page(guide_id: str) -> str:
    return f"guides/{guide_id}.md"


def render_site(
    center: HelpCenter, outdated: Collection[tuple[str, str, str]] = ()
) -> dict[str, str]:
    """Return ``{path relative to docs/: file text}`` for every page of every language.

    ``outdated`` holds ``(kind, id, language)`` of translations to show with an "out of date"
    notice (kind ``entry`` or ``guide``; see translation.py); untranslated texts get their
    notice from the model.
    """
    pages: dict[str, str] = {}
    for language in center.languages:
        page = _PageRenderer(center, language, frozenset(outdated))
        code = language.code
        pages[f"{code}/{HOME_PAGE}"] = page.home()
        if center.categories:
            pages[f"{code}/{layout.FAQ_INDEX}"] = page.faq_index()
        for faq_page in layout.faq_pages(center):
            pages[f"{code}/{faq_page.path}"] = page.faq(faq_page)
        for guide in center.guides:
            pages[f"{code}/{guide_page(guide.id)}"] = page.guide(guide)
    return dict(sorted(pages.items()))


def navigation(center: HelpCenter) -> list[str | dict]:
    """MkDocs ``nav`` (paths inside a language folder): home, the guides in order, the FAQ, then
    the hand-written pages site.yaml lists."""
    extra = [path for path, _ in center.extra_pages]
    guides = [guide_page(g.id) for g in center.guides]
    faq_pages = [page.path for page in layout.faq_pages(center)]
    if center.categories:  # a section: the index, then a page per category (and part)
        faq: list[str | dict] = [
            {
                center.language(center.default_language).labels.faq_title: [
                    layout.FAQ_INDEX,
                    *faq_pages,
                ]
            }
        ]
    else:
        faq = list(faq_pages)
    return [HOME_PAGE, *guides, *faq, *extra]


def page_paths(center: HelpCenter) -> list[str]:
    """Every page of a language (paths inside its folder), in navigation order."""
    paths: list[str] = []
    for item in navigation(center):
        paths += (
            [p for section in item.values() for p in section] if isinstance(item, dict) else [item]
        )
    return paths


@cache  # Babel's formatting is slow, and a fact is used in many texts
def format_fact(fact: Fact, locale: str) -> str:
    """A fact in a language's own form: a long date, an amount of money, or a percentage."""
    if fact.kind == "amount":
        return format_currency(Decimal(fact.value), fact.currency, locale=locale)
    if fact.kind == "percent":  # 1.5 in the source means 1.5 %
        value = Decimal(fact.value) / 100
        return format_percent(value, locale=locale, decimal_quantization=False)
    return format_date(fact.value, "long", locale=locale)


def with_marker(body: str, source: str) -> str:
    """Prefix ``body`` with the generated-file comment, which records a hash of the body so that
    a later run can tell a hand edit from its own output."""
    digest = body_digest(body)
    return (
        f"{MARKER} from {source}; do not edit: change {source} and run "
        f"scripts/build_faq.py. sha256:{digest} -->\n{body}"
    )


def body_digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


_MARKER_LINE = re.compile(re.escape(MARKER) + r".* sha256:([0-9a-f]{16}) -->\n")


def split_marker(text: str) -> tuple[str, str] | None:
    """``(recorded digest, body)`` of a generated file, or None if ``text`` is not one."""
    match = _MARKER_LINE.match(text)
    return (match.group(1), text[match.end() :]) if match else None


# Characters that are markup anywhere in a line; Python-Markdown (with the tables extension)
# lets a backslash escape each of them. Any other backslash escape would show its backslash.
_MD_ESCAPE = re.compile(r"([\\`*_{}\[\]()#!|])")
# Markup only at the start of a line: a list item ("1." "-" "+") or a quote (">").
_MD_LINE_START = re.compile(r"^(\s*)(\d+)([.)])|^(\s*)([-+])")


def escape_plain(text: str) -> str:
    """Markdown for a plain-text field: every character shows as written, nothing is markup."""
    text = _MD_ESCAPE.sub(r"\\\1", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_LINE_START.sub(lambda m: m.group(0)[:-1] + "\\" + m.group(0)[-1], text)


class _PageRenderer:
    """Renders the pages of one language."""

    def __init__(
        self, center: HelpCenter, language: Language, outdated: frozenset[tuple[str, str, str]]
    ) -> None:
        self.center = center
        self.outdated = outdated
        self.language = language
        self.code = language.code
        self.labels = language.labels
        self.guides = {g.id: g for g in center.guides}
        self.entries = {e.id: e for e in center.entries}
        self.entry_pages = layout.entry_pages(center)

    # --- pages -----------------------------------------------------------------------------

    def home(self) -> str:
        lang, here = self.language, HOME_PAGE
        lines = [
            f"# {self.plain(lang.home_title)}",
            "",
            self.markdown(lang.home_intro, here),
            "",
            f"## {escape_plain(self.labels.guides_heading)}",
            "",
        ]
        for number, guide in enumerate(self.center.guides, start=1):
            text = guide.texts[self.code]
            lines.append(f"{number}. {self.guide_link(guide, here)}: {self.plain(text.summary)}")
        lines += ["", f"## {escape_plain(self.labels.faq_title)}", ""]
        faq_pages = layout.faq_pages(self.center)
        if len(faq_pages) == 1:  # a short FAQ: every question
            lines += [f"- {self.question_link(entry, here)}" for entry in self.center.entries]
        else:  # a long one: its pages (categories)
            for faq_page in faq_pages:
                title = self.plain(self.faq_page_title(faq_page))
                lines.append(f"- [{title}]({_relative(faq_page.path, here)})")
        faq_home = _relative(layout.faq_home(self.center), here)
        lines += ["", f"[{escape_plain(self.labels.faq_link)}]({faq_home})"]
        return self.page(lines, "faq_source/site.yaml")

    def faq_index(self) -> str:
        """``faq/index.md``: the categories, each with its questions linked."""
        here = layout.FAQ_INDEX
        lines = [
            f"# {escape_plain(self.labels.faq_title)}",
            "",
            escape_plain(self.labels.faq_intro),
        ]
        for faq_page in layout.faq_pages(self.center):
            if faq_page.part > 1 or faq_page.category is None:
                continue
            text = self.category_text(faq_page.category)
            link = f"[{self.plain(text.title)}]({_relative(faq_page.path, here)})"
            lines += ["", f"## {link}", ""]
            if text.description:
                lines += [self.plain(text.description), ""]
            questions = [e for e in self.center.entries if e.category == faq_page.category.id]
            lines += [f"- {self.question_link(entry, here)}" for entry in questions[:5]]
            if len(questions) > 5:  # the rest are one click away
                lines.append(f"- [… ({len(questions)})]({_relative(faq_page.path, here)})")
        return self.page(lines, "faq_source/faq.yaml")

    def faq(self, faq_page: layout.FaqPage) -> str:
        """One FAQ page: its questions, each with its anchor (the entry id), answer and guides."""
        here = faq_page.path
        intro = (
            self.category_text(faq_page.category).description
            if faq_page.category
            else self.labels.faq_intro
        )
        lines = [f"# {self.plain(self.faq_page_title(faq_page))}", "", self.plain(intro)]
        for entry in faq_page.entries:
            text = entry.texts[self.code]
            lines += [
                "",
                f"## {self.plain(text.question)} {{#{entry.id}}}",
                "",
                *self.notice("entry", entry, here, f"#{entry.id}"),
                self.markdown(text.answer, here),
            ]
            if entry.guide_ids:
                links = " · ".join(self.guide_link(self.guides[g], here) for g in entry.guide_ids)
                lines += ["", f"**{escape_plain(self.labels.related_guides)}:** {links}"]
        return self.page(lines, "faq_source/faq.yaml")

    def faq_page_title(self, faq_page: layout.FaqPage) -> str:
        """The FAQ's or the category's title, with "(2/3)" on a category split over pages."""
        title = (
            self.category_text(faq_page.category).title
            if faq_page.category
            else self.labels.faq_title
        )
        return f"{title} ({faq_page.part}/{faq_page.parts})" if faq_page.parts > 1 else title

    def category_text(self, category: Category) -> CategoryText:
        texts = category.texts
        return texts.get(self.code) or texts[self.center.default_language]

    def guide(self, guide: Guide) -> str:
        here = guide_page(guide.id)
        text = guide.texts[self.code]
        lines = [
            f"# {self.plain(text.title)}",
            "",
            *self.notice("guide", guide, here),
            self.markdown(text.intro, here),
            "",
            f"## {escape_plain(self.labels.steps_heading)}",
            "",
        ]
        for number, step in enumerate(text.steps, start=1):
            lines.append(_list_item(f"{number}.", self.markdown(step, here)))
        referring = self.center.entries_for_guide(guide.id)
        if referring:
            lines += ["", f"## {escape_plain(self.labels.referring_questions)}", ""]
            lines += [f"- {self.question_link(entry, here)}" for entry in referring]
        return self.page(lines, "faq_source/guides.yaml")

    def notice(self, kind: str, item: Entry | Guide, here: str, anchor: str = "") -> list[str]:
        """The "not yet translated" or "may be out of date" notice of an item, as lines."""
        if self.code in item.untranslated:
            return [f"> {escape_plain(self.labels.untranslated_notice)}", ""]
        if (kind, item.id, self.code) not in self.outdated:
            return []
        source = self.center.language(item.source_language or self.center.default_language)
        # Raw HTML: a Markdown link to the other language's page would be checked by MkDocs
        # inside this language's build, where that page does not exist.
        target = layout.language_root(self.center, source.code) + layout.page_path(here)
        own = layout.language_root(self.center, self.code) + layout.page_path(here)
        href = posixpath.relpath(target or ".", own.rstrip("/") or ".")
        href = ("" if href == "." else href + "/") + anchor
        link = (
            f'<a href="{href or "./"}" hreflang="{source.code}" lang="{source.code}">'
            f"{escape_plain(source.name)}</a>"
        )
        return [f"> {escape_plain(self.labels.outdated_notice)} {link}", ""]

    def page(self, lines: list[str], source: str) -> str:
        body = "\n".join(lines).rstrip("\n") + "\n"
        return with_marker(re.sub(r"\n{3,}", "\n\n", body), source)

    # --- texts and links -------------------------------------------------------------------

    def guide_link(self, guide: Guide, here: str) -> str:
        title = self.plain(guide.texts[self.code].title)
        return f"[{title}]({_relative(guide_page(guide.id), here)})"

    def question_link(self, entry: Entry, here: str) -> str:
        question = self.plain(entry.texts[self.code].question)
        return f"[{question}]({_relative(self.entry_pages[entry.id], here)}#{entry.id})"

    def fact(self, fact_id: str) -> str:
        return format_fact(self.center.facts[fact_id], self.code)

    def plain(self, text: str) -> str:
        """A plain-text field: facts expanded, everything else shown as written."""
        parts = []
        last = 0
        for match in PLACEHOLDER.finditer(text):
            parts.append(escape_plain(text[last : match.start()]))
            parts.append(escape_plain(self._placeholder(match, None)))
            last = match.end()
        parts.append(escape_plain(text[last:]))
        return "".join(parts).strip()

    def markdown(self, text: str, here: str) -> str:
        """A Markdown field: placeholders become localized facts and relative links."""
        return trim_markdown(PLACEHOLDER.sub(lambda m: self._placeholder(m, here), text))

    def _placeholder(self, match: re.Match[str], here: str | None) -> str:
        body = PLACEHOLDER_BODY.fullmatch(match.group(1))
        assert body, "validate.py rejects unknown placeholders"
        kind, ref = body.groups()
        render: dict[str, Callable[[], str]] = {
            "fact": lambda: self.fact(ref),
            "guide": lambda: self.guide_link(self.guides[ref], here or ""),
            "question": lambda: self.question_link(self.entries[ref], here or ""),
            "page": lambda: _relative_with_anchor(ref, here or ""),
        }
        return render[kind]()


@cache  # a few distinct pairs, asked for tens of thousands of times on a large FAQ
def _relative(target: str, here: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(here) or ".")


def _relative_with_anchor(target: str, here: str) -> str:
    """``{{page:help/contact.md#phone}}`` on ``faq/money.md`` -> ``../help/contact.md#phone``."""
    path, hash_, anchor = target.partition("#")
    return _relative(path, here) + hash_ + anchor


def _list_item(bullet: str, markdown: str) -> str:
    """A list item whose continuation lines are indented under it (4 spaces, as
    Python-Markdown requires)."""
    first, *rest = markdown.split("\n")
    indent = " " * 4
    return "\n".join([f"{bullet} {first}", *((indent + line) if line else "" for line in rest)])
