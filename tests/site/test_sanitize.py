"""The output invariant (site/sanitize.py): what the sanitizer keeps, what it removes, and that a
page it had to change fails the build with the page and the writer's field, even when the
per-field checks are out of the way."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from helpcenter.load import markup
from helpcenter.site.sanitize import sanitize

KEPT = [
    '<h2 id="q">Q<a class="headerlink" href="#q" title="Permanent link">¶</a></h2>',
    '<p><a href="https://example.com/a?b=1&amp;c=2" title="t">l</a> <kbd>K</kbd><br>x<sup>2</sup>'
    '<sub>i</sub></p>',
    '<table>\n<thead>\n<tr>\n<th style="text-align:left">a</th>\n</tr>\n</thead>\n</table>',
    '<pre><code class="language-py">&lt;b&gt;\n</code></pre>',
    '<p><img alt="i" src="https://example.com/x.png" width="3"></p>',
    '<blockquote>\n<p>n <a href="../../en/faq/#x" hreflang="en" lang="en">English</a></p>\n'
    '</blockquote>',
    '<ol start="3">\n<li><a href="mailto:a@b.c">m</a> <a href="tel:+821012345678">t</a></li>\n</ol>',
]
REMOVED = [
    ("<p>a<script>alert(1)</script></p>", "<script>"),
    ('<p><img src="x" onerror="alert(1)"></p>', "<img onerror>"),
    ('<p><a href="javascript:alert(1)">x</a></p>', "<a href='javascript:alert(1)'>"),
    ('<p><a href="&#106;avascript:alert(1)">x</a></p>', "<a href='javascript:alert(1)'>"),
    ('<p><a href="data:text/html,x">x</a></p>', "<a href='data:text/html,x'>"),
    ("<style>p{}</style>", "<style>"),
    ('<iframe src="https://e.com"></iframe>', "<iframe>"),
    ('<base href="https://evil.example/">', "<base>"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example">', "<meta>"),
    ("<form><input></form>", "<form>"),
    ("<!-- x --><![CDATA[ y ]]>", "<!-- comment -->"),
    ('<svg><script>alert(1)</script></svg>', "<svg>"),
    ('<p style="position:fixed">x</p>', "<p style>"),
]


@pytest.mark.parametrize("html", KEPT)
def test_what_the_pages_are_made_of_passes_unchanged_in_meaning(html):
    clean, removed = sanitize(html)
    assert removed == []
    assert clean.replace("&amp;", "&") == html.replace("&amp;", "&")


@pytest.mark.parametrize(("html", "reported"), REMOVED)
def test_anything_else_is_removed_and_reported(html, reported):
    clean, removed = sanitize(html)
    assert reported in removed
    for live in ("<script", "onerror", "javascript:", "data:", "<style", "<iframe", "<base",
                 "<meta", "<form", "<svg", "position"):
        assert live not in clean.lower()


def test_a_page_the_sanitizer_changed_fails_the_build_naming_page_and_field(
    project: Path, monkeypatch, caplog
):
    """The per-field check switched off: the sanitizer is the guarantee, and says where."""
    monkeypatch.setattr(markup, "unsafe_markup", lambda text, in_list=False: [])
    faq = project / "faq_source" / "faq.yaml"
    text = faq.read_text("utf-8")
    first_answer = text.index("      answer: |\n") + len("      answer: |\n")
    faq.write_text(text[:first_answer] + "        <img src=x onerror=alert(1)>\n\n"
                   + text[first_answer:], "utf-8")
    config = load_config(config_file=str(project / "mkdocs.yml"),
                         site_dir=str(project / "site"))
    with pytest.raises(Abort):
        build(config)
    message = caplog.text
    assert "<img onerror> was removed from the page ko/faq.md" in message
    assert "faq_source/faq.yaml:8: entries[0].ko.answer:" in message
    assert not (project / "site" / "faq" / "index.html").exists()


@pytest.mark.parametrize("html", [*KEPT] + [html for html, _ in REMOVED] + [
    "<p>a<br />b &para; <hr /></p>", '<p title="a>b">x</p>', "<p>a < b</p>", "<p>x<!-- a > b -->"])
def test_the_quick_check_for_a_page_with_nothing_removed_agrees_with_the_full_count(html):
    """sanitize() skips counting what changed when the markup is the same after cleaning."""
    from helpcenter.site import sanitize as module

    clean, removed = sanitize(html)
    assert removed == sorted(module._tokens(html) - module._tokens(clean))
