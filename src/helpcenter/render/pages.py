"""Model -> Markdown pages. Pure: no I/O, no clock; the same model gives the same bytes.

Every page starts with the generated-file marker (marker.py) so that the output stage knows it
generated the file; where each page lives is paths.py's.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Collection

from .. import paths
from ..fields import list_item, trim_markdown
from ..marker import with_marker
from ..model import Category, CategoryText, Entry, Guide, HelpCenter, Image, Language
from ..paths import HOME_PAGE, guide_page
from ..placeholders import Placeholder, scan, substitute
from .facts import format_fact
from .text import attribute_text, escape_plain, relative, relative_with_anchor


def render_site(
    center: HelpCenter, outdated: Collection[tuple[str, str, str]] = ()
) -> dict[str, str]:
    """Return ``{path relative to docs/: file text}`` for every page of every language.

    ``outdated`` holds ``(kind, id, language)`` of translations to show with an "out of date"
    notice (kind ``entry`` or ``guide``; see translation/); untranslated texts get their
    notice from the model.
    """
    pages: dict[str, str] = {}
    for language in center.languages:
        page = _PageRenderer(center, language, frozenset(outdated))
        code = language.code
        pages[f"{code}/{HOME_PAGE}"] = page.home()
        if center.categories:
            pages[f"{code}/{paths.FAQ_INDEX}"] = page.faq_index()
        for faq_page in paths.faq_pages(center):
            pages[f"{code}/{faq_page.path}"] = page.faq(faq_page)
        for guide in center.guides:
            pages[f"{code}/{guide_page(guide.id)}"] = page.guide(guide)
    return dict(sorted(pages.items()))


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
        self.entry_pages = paths.entry_pages(center)

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
        faq_pages = paths.faq_pages(self.center)
        if len(faq_pages) == 1:  # a short FAQ: every question
            lines += [f"- {self.question_link(entry, here)}" for entry in self.center.entries]
        else:  # a long one: its pages (categories)
            for faq_page in faq_pages:
                title = self.plain(self.faq_page_title(faq_page))
                lines.append(f"- [{title}]({relative(faq_page.path, here)})")
        faq_home = relative(paths.faq_home(self.center), here)
        lines += ["", f"[{escape_plain(self.labels.faq_link)}]({faq_home})"]
        return self.page(lines, "faq_source/site.yaml")

    def faq_index(self) -> str:
        """``faq/index.md``: the categories, each with its questions linked."""
        here = paths.FAQ_INDEX
        lines = [
            f"# {escape_plain(self.labels.faq_title)}",
            "",
            escape_plain(self.labels.faq_intro),
        ]
        for faq_page in paths.faq_pages(self.center):
            if faq_page.part > 1 or faq_page.category is None:
                continue
            text = self.category_text(faq_page.category)
            link = f"[{self.plain(text.title)}]({relative(faq_page.path, here)})"
            lines += ["", f"## {link}", ""]
            if text.description:
                lines += [self.plain(text.description), ""]
            questions = [e for e in self.center.entries if e.category == faq_page.category.id]
            lines += [f"- {self.question_link(entry, here)}" for entry in questions[:5]]
            if len(questions) > 5:  # the rest are one click away
                lines.append(f"- [… ({len(questions)})]({relative(faq_page.path, here)})")
        return self.page(lines, "faq_source/faq.yaml")

    def faq(self, faq_page: paths.FaqPage) -> str:
        """One FAQ page: its questions, each with its anchor (the entry id), answer and guides."""
        here = faq_page.path
        intro = (
            self.category_text(faq_page.category).description
            if faq_page.category
            else self.labels.faq_intro
        )
        lines = [f"# {self.plain(self.faq_page_title(faq_page))}", "", self.plain(intro)]
        for position, entry in enumerate(faq_page.entries):
            text = entry.texts[self.code]
            shown_in = self.original_language(entry)
            lines += [
                "",
                f"## {self.plain(text.question, shown_in)}{heading_attributes(entry.id, shown_in)}",
                "",
                *self.notice("entry", entry, here, f"#{entry.id}"),
                in_language(self.markdown(text.answer, here, shown_in), shown_in),
            ]
            if text.image:  # the first question's may be in the first screen: not lazy
                lines += ["", self.picture(text.image, here, lazy=position > 0)]
            if entry.guide_ids:
                links = " · ".join(self.guide_link(self.guides[g], here) for g in entry.guide_ids)
                lines += ["", f"**{escape_plain(self.labels.related_guides)}:** {links}"]
        return self.page(lines, "faq_source/faq.yaml")

    def faq_page_title(self, faq_page: paths.FaqPage) -> str:
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
        shown_in = self.original_language(guide)
        lines = [
            f"# {self.plain(text.title, shown_in)}{heading_attributes('', shown_in)}",
            "",
            *self.notice("guide", guide, here),
            in_language(self.markdown(text.intro, here, shown_in), shown_in),
            "",
            f"## {escape_plain(self.labels.steps_heading)}",
            "",
        ]
        steps = []
        lazy = False  # the first picture is likely in the first screen (the LCP element)
        for number, step in enumerate(text.steps, start=1):
            markdown = self.markdown(step, here, shown_in)
            if text.step_images and (image := text.step_images[number - 1]):
                markdown += "\n\n" + self.picture(image, here, lazy)
                lazy = True
            steps.append(list_item(f"{number}.", markdown))
        lines.append(in_language("\n".join(steps), shown_in))
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
        target = paths.language_root(self.center, source.code) + paths.page_path(here)
        own = paths.language_root(self.center, self.code) + paths.page_path(here)
        href = posixpath.relpath(target or ".", own.rstrip("/") or ".")
        href = ("" if href == "." else href + "/") + anchor
        link = (
            f'<a href="{href or "./"}" hreflang="{source.code}" lang="{source.code}">'
            f"{escape_plain(source.name)}</a>"
        )
        return [f"> {escape_plain(self.labels.outdated_notice)} {link}", ""]

    def picture(self, image: Image, here: str, lazy: bool) -> str:
        """Raw HTML: the picture at its size (the page reserves its place), as a link to the
        full-size file; a fallback picture is followed by the "not yet translated" notice.
        Addresses are relative to the page's URL (raw HTML: MkDocs does not rewrite them)."""
        own = paths.language_root(self.center, self.code) + paths.page_path(here)
        src = posixpath.relpath(paths.image_path(image), own.rstrip("/") or ".")
        alt = attribute_text(substitute(image.alt, lambda p: self._placeholder(p, None)))
        lang = f' lang="{image.language}"' if image.language != self.code else ""
        loading = ' loading="lazy"' if lazy else ""
        html = (f'<a class="hc-picture" href="{src}"><img src="{src}" alt="{alt}"{lang} '
                f'width="{image.width}" height="{image.height}"{loading} decoding="async"></a>')
        if image.fallback:
            html += f"\n\n*{escape_plain(self.labels.untranslated_notice)}*"
        return html

    def page(self, lines: list[str], source: str) -> str:
        body = "\n".join(lines).rstrip("\n") + "\n"
        return with_marker(re.sub(r"\n{3,}", "\n\n", body), source)

    # --- texts and links -------------------------------------------------------------------

    def guide_link(self, guide: Guide, here: str) -> str:
        shown_in = self.original_language(guide)
        title = self.plain(guide.texts[self.code].title, shown_in)
        return f"[{title}]({relative(guide_page(guide.id), here)}){link_attributes(shown_in)}"

    def question_link(self, entry: Entry, here: str) -> str:
        shown_in = self.original_language(entry)
        question = self.plain(entry.texts[self.code].question, shown_in)
        link = f"[{question}]({relative(self.entry_pages[entry.id], here)}#{entry.id})"
        return link + link_attributes(shown_in)

    def original_language(self, item: Entry | Guide) -> str | None:
        """The language ``item`` is shown in on this language's pages when it is not translated
        into it yet (its source language), else None: its texts are marked with ``lang`` so that
        a screen reader reads them in their own language (WCAG 3.1.2)."""
        if self.code not in item.untranslated:
            return None
        return item.source_language or self.center.default_language

    def plain(self, text: str, written_in: str | None = None) -> str:
        """A plain-text field: facts expanded, everything else shown as written.
        ``written_in``: the text's language when it is not this page's (an original shown
        untranslated): its facts are formatted in that language, like the words around them."""
        parts = []
        last = 0
        for placeholder in scan(text):
            parts.append(escape_plain(text[last : placeholder.start]))
            parts.append(escape_plain(self._placeholder(placeholder, None, written_in)))
            last = placeholder.end
        parts.append(escape_plain(text[last:]))
        return "".join(parts).strip()

    def markdown(self, text: str, here: str, written_in: str | None = None) -> str:
        """A Markdown field: placeholders become localized facts and relative links (facts in
        ``written_in``, as in :meth:`plain`)."""
        return trim_markdown(substitute(text, lambda p: self._placeholder(p, here, written_in)))

    def _placeholder(self, placeholder: Placeholder, here: str | None,
                     written_in: str | None = None) -> str:
        kind, ref = placeholder.kind, placeholder.ref
        assert kind, "load/checks.py rejects unknown placeholders"
        render: dict[str, Callable[[], str]] = {
            "fact": lambda: format_fact(self.center.facts[ref], written_in or self.code),
            "guide": lambda: self.guide_link(self.guides[ref], here or ""),
            "question": lambda: self.question_link(self.entries[ref], here or ""),
            "page": lambda: relative_with_anchor(ref, here or ""),
        }
        return render[kind]()


def heading_attributes(anchor: str, code: str | None) -> str:
    """attr_list's braces after a heading: `` {#anchor lang="ko"}``, or nothing."""
    inside = " ".join(part for part in (anchor and f"#{anchor}", code and f'lang="{code}"') if part)
    return f" {{{inside}}}" if inside else ""


def link_attributes(code: str | None) -> str:
    """attr_list's ``{: lang="ko" }`` after an inline link, or nothing."""
    return f'{{: lang="{code}" }}' if code else ""


def in_language(markdown: str, code: str | None) -> str:
    """``markdown`` marked as written in ``code`` (md_in_html: ``<div lang markdown>``), or as is."""
    if not code or not markdown:
        return markdown
    return f'<div lang="{code}" markdown="1">\n\n{markdown}\n\n</div>'
