"""Read built HTML pages with the standard library: ids, links, headings, <html lang>."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit


@dataclass
class Link:
    href: str
    text: str
    classes: str
    hreflang: str | None


@dataclass
class Page:
    path: Path
    lang: str | None = None
    ids: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)
    h2_ids: list[str] = field(default_factory=list)
    nav_links: list[Link] = field(default_factory=list)
    """Links inside the primary navigation (Material's ``md-nav--primary``)."""
    text: str = ""


class _Parser(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.link: Link | None = None
        self.nav_depth = 0  # >0 while inside the primary nav
        self.stack: list[str] = []
        self.chunks: list[str] = []

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attrs_list}
        if tag == "html":
            self.page.lang = attrs.get("lang")
        if "id" in attrs:
            self.page.ids.add(attrs["id"])
        if tag == "h2" and "id" in attrs:
            self.page.h2_ids.append(attrs["id"])
        if tag == "nav" and (self.nav_depth or "md-nav--primary" in attrs.get("class", "")):
            self.nav_depth += 1
        if tag == "a" and "href" in attrs:
            self.link = Link(attrs["href"], "", attrs.get("class", ""), attrs.get("hreflang"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self.nav_depth:
            self.nav_depth -= 1
        if tag == "a" and self.link is not None:
            self.link.text = " ".join(self.link.text.split())
            self.page.links.append(self.link)
            if self.nav_depth:
                self.page.nav_links.append(self.link)
            self.link = None

    def handle_data(self, data: str) -> None:
        if self.link is not None:
            self.link.text += data
        self.chunks.append(data)


def parse(path: Path) -> Page:
    page = Page(path)
    parser = _Parser(page)
    parser.feed(path.read_text("utf-8"))
    page.text = " ".join(" ".join(parser.chunks).split())
    return page


def resolve(site: Path, page_path: Path, href: str) -> tuple[Path, str] | None:
    """The file and fragment a relative link of a page points to; None for external links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
        return None
    base = "/" + page_path.relative_to(site).as_posix()
    target = urljoin(base, unquote(parts.path)) if parts.path else base
    file = site / target.lstrip("/")
    if target.endswith("/") or file.is_dir():
        file = file / "index.html"
    return file, unquote(parts.fragment)
