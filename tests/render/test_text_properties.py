"""Property tests over arbitrary Unicode (Hangul, emoji, Markdown and HTML metacharacters).

- A plain-text field (question, title) shows in the page exactly as written: nothing injected
  (no heading id from ``{#x}``, no link, no emphasis), nothing lost.
- A Markdown field (answer, step) never crashes the generator, and no input yields markup
  the raw-HTML policy forbids in the page.
- Any text at all either builds or is refused with a located message (never a traceback).

The fast properties render with Python-Markdown configured as in mkdocs.yml; one property builds
the real site with mkdocs for a batch of generated texts.
"""

from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import markdown
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from project_tools import mkdocs_build
from helpcenter import render
from helpcenter.load import load
from helpcenter.errors import SourceError
from helpcenter.load.markup import MARKDOWN_EXTENSIONS, unsafe_markup
from helpcenter.load.source import INVISIBLE

ROOT = Path(__file__).resolve().parent.parent
BASIC = Path(__file__).parent / "goldens" / "basic" / "faq_source"
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
    return " ".join(text.split())


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


@MANY_EXAMPLES
@given(question=plain_texts)
def test_plain_text_shows_exactly_as_written(tmp_path, question):
    project = build_source(tmp_path / "p", question_en=question)
    pages = render.render_site(load(project / "faq_source", project))
    page = markdown.markdown(pages["en/faq.md"], **MD)
    found = heading(page, "no-guides")
    assert normalized(found.text) == normalized(question)
    assert found.tags == []


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


@MANY_EXAMPLES
@given(answer=markdown_texts)
def test_markdown_never_crashes_and_never_smuggles_forbidden_markup(tmp_path, answer):
    project = build_source(tmp_path / "p", answer_en=answer)
    try:
        center = load(project / "faq_source", project)
    except SourceError as err:
        assert all(p.mark.path == "faq_source/faq.yaml" and p.mark.line for p in err.problems)
        return
    page = markdown.markdown(render.render_site(center)["en/faq.md"], **MD)
    assert forbidden(page) == []


@MANY_EXAMPLES
@given(question=any_texts)
def test_any_question_builds_or_is_refused_with_a_location(tmp_path, question):
    project = build_source(tmp_path / "p", question_en=question)
    try:
        load(project / "faq_source", project)
    except SourceError as err:
        assert err.problems and all(p.mark.line for p in err.problems), err.report()


@settings(  # each example is a full mkdocs build: no shrinking (it would take many minutes)
    max_examples=3,
    deadline=None,
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    # distinct questions: two entries asking the same question are refused (load/checks.py)
    questions=st.lists(plain_texts, min_size=10, max_size=10,
                       unique_by=lambda text: " ".join(text.casefold().split())),
    answers=st.lists(markdown_texts, min_size=10, max_size=10),
)
def test_in_the_built_site(tmp_path, questions, answers):
    """The same properties on real pages built by mkdocs --strict (Material, i18n, toc)."""
    project = tmp_path / "p"
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(BASIC, project / "faq_source")
    shutil.copy(ROOT / "mkdocs.yml", project)
    shutil.copytree(ROOT / "hooks", project / "hooks")
    (project / "docs").mkdir()
    path = project / "faq_source" / "faq.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    template = data["entries"][1]
    # Answers the validator refuses are replaced: refusals are covered above, and here every
    # text must reach the built page.
    answers = [a if a.strip() and "{{" not in a and not unsafe_markup(a)
               and not INVISIBLE.search(a) else "A" for a in answers]
    for index, (question, answer) in enumerate(zip(questions, answers, strict=True)):
        entry = yaml.safe_load(yaml.safe_dump(template))
        entry["id"] = f"generated-{index}"
        entry["en"] = {"question": question, "answer": answer}
        entry["ko"]["question"] += f" ({index})"
        data["entries"].append(entry)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "en" / "faq" / "index.html").read_text("utf-8")
    article = page.split('<article class="md-content__inner md-typeset">', 1)[1]
    article = article.split("</article>", 1)[0]
    assert forbidden(article) == []
    for index, question in enumerate(questions):
        assert normalized(heading(article, f"generated-{index}").text) == normalized(question)


def test_the_policy_checks_with_the_markdown_extensions_of_mkdocs_yml():
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=Loader)
    names = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    assert sorted(names) == sorted(MARKDOWN_EXTENSIONS)
