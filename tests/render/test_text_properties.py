"""Property tests over arbitrary Unicode (Hangul, emoji, Markdown and HTML metacharacters), on the
source and its rendered pages (Python-Markdown configured as in mkdocs.yml, no site build):

- A plain-text field (question, title) shows in the page exactly as written: nothing injected
  (no heading id from ``{#x}``, no link, no emphasis), nothing lost.
- A Markdown field (answer, step) never crashes the generator, and no input yields markup
  the raw-HTML policy forbids in the page.
- Any text at all either builds or is refused with a located message (never a traceback).

The same properties on a site built by mkdocs: tests/e2e/test_site_properties.py.
"""

from __future__ import annotations

import unicodedata

import markdown
from hypothesis import given

from helpcenter import render
from helpcenter.errors import SourceError
from helpcenter.load import load
from support.text_strategies import (
    MANY_EXAMPLES,
    MD,
    any_texts,
    build_source,
    forbidden,
    heading,
    markdown_texts,
    normalized,
    plain_texts,
)


@MANY_EXAMPLES
@given(question=plain_texts)
def test_plain_text_shows_exactly_as_written(tmp_path, question):
    project = build_source(tmp_path / "p", question_en=question)
    pages = render.render_site(load(project / "faq_source", project))
    page = markdown.markdown(pages["en/faq.md"], **MD)
    found = heading(page, "no-guides")
    # as written, in NFC (load/source.py stores texts in NFC: U+F900 is U+8C48)
    assert normalized(found.text) == normalized(unicodedata.normalize("NFC", question))
    assert found.tags == []


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
