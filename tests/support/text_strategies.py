"""Texts for the property tests (tests/render/test_text_properties.py and
tests/e2e/test_site_properties.py): hypothesis strategies over arbitrary Unicode (Hangul, emoji, Markdown and HTML metacharacters), the
basic fixture with one entry's English text replaced, and two independent HTML readers: the text of
a heading, and the markup that must never reach a page.
"""

from __future__ import annotations

import html
import re
import shutil
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import yaml
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from helpcenter.load.markup import MARKDOWN_EXTENSIONS
from support.project_tools import BASIC

TRICKY = "<>&|#{}[]()*_`\\!-+.:=\"' 가나다한글🙂😀{#x}[x](y)**a**<b>&amp;javascript:\u00a0\u3000"

# Characters a plain-text field may hold (the schema refuses control characters and line breaks).
printable = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"))
plain_texts = st.text(
    st.one_of(printable, st.sampled_from(list(TRICKY))), min_size=1, max_size=300
).filter(lambda t: t.strip() and "{{" not in t)
any_texts = st.text(
    st.one_of(st.characters(blacklist_categories=("Cs",)), st.sampled_from([*TRICKY, "\t"])),
    max_size=300,
)
markdown_texts = st.one_of(
    any_texts,
    st.lists(
        st.sampled_from(
            [
                "<script>x</script>",
                "[a](javascript:x)",
                "<img onerror=x>",
                "{: onclick=x }",
                "&#106;avascript:",
                "<iframe>",
                "\n",
                "[r]: ",
                "data:x",
                "<b>",
                "**",
                "`",
                "# ",
                "- ",
                "1. ",
                "{#",
                "}",
                "가",
                " ",
                "<",
                ">",
                "&",
                "|",
                "\n\n",
                "    ",
            ]
        ),
        max_size=20,
    ).map("".join),
)

MANY_EXAMPLES = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
"""For the properties checked on the source and its pages (no site build): fast examples."""

MD = dict(extensions=list(MARKDOWN_EXTENSIONS), extension_configs={"toc": {"permalink": True}})


def build_source(tmp: Path, question_en: str = "Q", answer_en: str = "A") -> Path:
    """The basic fixture source with entry 1's English question and answer replaced."""
    if not (tmp / "faq_source").exists():
        shutil.copytree(BASIC, tmp / "faq_source")
    path = tmp / "faq_source" / "faq.yaml"
    data = yaml.safe_load((BASIC / "faq.yaml").read_text("utf-8"))
    data["entries"][1]["en"] = {"question": question_en, "answer": answer_en}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return tmp


def normalized(text: str) -> str:
    """Whitespace collapsed, in NFC as the loader stores every text (U+2F913 becomes U+7039)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


class Heading(HTMLParser):
    """Text and inner tags of the <h2 id=wanted>, without the permalink anchor (``¶``)."""

    def __init__(self, wanted: str) -> None:
        super().__init__(convert_charrefs=True)
        self.wanted, self.inside, self.text = wanted, False, ""
        self.open: list[dict] = []  # attributes of the tags open inside the heading
        self.tags: list[str] = []  # tags found inside the heading, permalink excepted

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.inside:
            self.open.append(attrs)
            if attrs.get("class") != "headerlink":
                self.tags.append(tag)
        elif tag == "h2" and attrs.get("id") == self.wanted:
            self.inside = True

    def handle_endtag(self, tag):
        if self.inside and tag == "h2" and not self.open:
            self.inside = False
        elif self.inside and self.open:
            self.open.pop()

    def handle_data(self, data):
        if self.inside and not any(a.get("class") == "headerlink" for a in self.open):
            self.text += data


def heading(page_html: str, anchor: str) -> Heading:
    parser = Heading(anchor)
    parser.feed(page_html)
    return parser


class Forbidden(HTMLParser):
    """Independent of load/markup.py: what must never reach a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "iframe", "object", "embed", "style", "form", "base", "meta"}:
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(name)
            address = re.sub(r"[\x00-\x20]", "", html.unescape(value or "")).lower()
            if name in {"href", "src", "action", "formaction"} and address.startswith(
                ("javascript:", "data:", "vbscript:")
            ):
                self.found.append(f"{name}={address[:20]}")


def forbidden(page_html: str) -> list[str]:
    parser = Forbidden()
    parser.feed(page_html)
    return parser.found
