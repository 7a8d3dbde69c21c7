"""Where every page lives: the pages of a language folder, which FAQ page shows which question,
the navigation order, and where a language is served. Pure.

Pages per language, relative to its folder ``docs/<lang>/``: ``index.md`` (home), the FAQ and
``guides/<guide id>.md``.

Without categories the questions fill ``faq.md``; with categories, ``faq/index.md`` lists them
and each has its page ``faq/<category>.md``. Either way a page holds at most
:data:`QUESTIONS_PER_PAGE` questions: a longer run continues on ``-2``, ``-3``... pages.
A question's anchor is always its id, whatever page it is on, so that a link survives a move
(the theme's ``moved-anchors.js`` sends an old ``page#id`` address to the page now showing it).
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import Problem
from .model import Category, Entry, HelpCenter, Image, Mark

QUESTIONS_PER_PAGE = 50
HOME_PAGE = "index.md"
FAQ_PAGE = "faq.md"
FAQ_INDEX = "faq/index.md"


@dataclass(frozen=True)
class FaqPage:
    """One generated FAQ page."""

    path: str
    """Inside a language folder: ``faq.md``, ``faq-2.md``, ``faq/<category>.md``..."""
    category: Category | None
    part: int
    """1 for the first page of a category (or of the uncategorised FAQ), then 2, 3..."""
    parts: int
    entries: tuple[Entry, ...]


IMAGES_DIR = "assets/images"
"""Where the pictures of faq_source/ are served from, for every language (site/ only: the MkDocs
hook adds them as files; docs/ never holds a copy)."""


def image_path(image: Image) -> str:
    """The picture's address from the site root: named by its content, so an edited picture gets
    a new address (no stale copy in a browser cache) and one picture used twice is served once."""
    return f"{IMAGES_DIR}/{image.digest[:16]}.{image.extension}"


def pictures(center: HelpCenter) -> dict[str, Image]:
    """Every picture the pages show, by :func:`image_path`, in a fixed order."""
    found: dict[str, Image] = {}
    for guide in center.guides:
        for text in guide.texts.values():
            found.update((image_path(i), i) for i in text.step_images if i is not None)
    for entry in center.entries:
        found.update((image_path(t.image), t.image) for t in entry.texts.values() if t.image)
    return dict(sorted(found.items()))


def guide_page(guide_id: str) -> str:
    return f"guides/{guide_id}.md"


def faq_pages(center: HelpCenter) -> list[FaqPage]:
    """The FAQ pages in navigation order (the category index excepted)."""
    if not center.categories:
        return _split(None, "faq", list(center.entries))
    pages: list[FaqPage] = []
    for category in center.categories:
        entries = [e for e in center.entries if e.category == category.id]
        pages += _split(category, f"faq/{category.id}", entries)
    return pages


def faq_home(center: HelpCenter) -> str:
    """The page the navigation and the home page call "the FAQ"."""
    return FAQ_INDEX if center.categories else FAQ_PAGE


def entry_pages(center: HelpCenter) -> dict[str, str]:
    """``{entry id: FAQ page path}``."""
    return {entry.id: page.path for page in faq_pages(center) for entry in page.entries}


def page_path(markdown_path: str) -> str:
    """URL of a generated page inside its language folder: ``guides/x.md`` -> ``guides/x/``."""
    if markdown_path == HOME_PAGE:
        return ""
    return markdown_path.removesuffix(".md").removesuffix("/index") + "/"


def language_root(center: HelpCenter, code: str) -> str:
    """Where a language lives, relative to the site root: ``""`` or ``"en/"``."""
    return "" if code == center.default_language else f"{code}/"


def _split(category: Category | None, stem: str, entries: list[Entry]) -> list[FaqPage]:
    chunks = [
        entries[i : i + QUESTIONS_PER_PAGE] for i in range(0, len(entries), QUESTIONS_PER_PAGE)
    ]
    chunks = chunks or [[]]
    return [
        FaqPage(
            path=f"{stem}.md" if part == 1 else f"{stem}-{part}.md",
            category=category,
            part=part,
            parts=len(chunks),
            entries=tuple(chunk),
        )
        for part, chunk in enumerate(chunks, start=1)
    ]


def navigation(center: HelpCenter) -> list[str | dict]:
    """MkDocs ``nav`` (paths inside a language folder): home, the guides in order, the FAQ, then
    the hand-written pages site.yaml lists."""
    extra = [path for path, _ in center.extra_pages]
    guides = [guide_page(g.id) for g in center.guides]
    pages = [page.path for page in faq_pages(center)]
    if center.categories:  # a section: the index, then a page per category (and part)
        faq: list[str | dict] = [
            {center.language(center.default_language).labels.faq_title: [FAQ_INDEX, *pages]}
        ]
    else:
        faq = list(pages)
    return [HOME_PAGE, *guides, *faq, *extra]


def page_paths(center: HelpCenter) -> list[str]:
    """Every page of a language (paths inside its folder), in navigation order."""
    paths: list[str] = []
    for item in navigation(center):
        paths += (
            [p for section in item.values() for p in section] if isinstance(item, dict) else [item]
        )
    return paths


def collision_problems(center: HelpCenter) -> list[Problem]:
    """Two pages at one path (category ``index`` and the FAQ index; page 2 of category ``a`` and
    category ``a-2``): one would overwrite the other. Located at the later one, naming both.
    Without categories the FAQ's pages cannot collide."""
    if not center.categories:
        return []
    index_of = {category.id: index for index, category in enumerate(center.categories)}
    owners = {FAQ_INDEX: (Mark(center.categories[0].mark.path), "the FAQ's index of categories")}
    problems = []
    for page in faq_pages(center):
        category = page.category
        assert category is not None  # with categories, every FAQ page has one
        what = f"category '{category.id}'"
        what = what if page.part == 1 else f"page {page.part} of {what}"
        if page.path in owners:
            other_mark, other = owners[page.path]
            problems.append(Problem(
                category.mark, f"categories[{index_of[category.id]}].id",
                f"{what} would be written to {page.path}, which is also {other} ({other_mark}). "
                "Rename the category (its id names its pages; a category of more than "
                f"{QUESTIONS_PER_PAGE} questions continues on <id>-2, <id>-3...)."))
        else:
            owners[page.path] = (category.mark, what)
    return problems
