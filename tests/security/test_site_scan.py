"""Issue 10's site scan: the real site and a hostile source's site, parsed as a browser would
(tests/support/site_scan.py), hold no script, handler or address but the theme's and ours."""

from __future__ import annotations

from pathlib import Path

import html5lib
import pytest

from hostile import SCRIPT, make_hostile, refusal_problems, run_generator, run_mkdocs
from support.project_tools import copy_project
from support.site_scan import scan, scan_page

HTML = "{http://www.w3.org/1999/xhtml}"


def texts(site: Path, tag: str) -> set[str]:
    """The text of every ``<tag>`` of every page of ``site`` (html5lib)."""
    found = set()
    for page in site.rglob("*.html"):
        root = html5lib.parse(page.read_text("utf-8"), treebuilder="etree")
        found |= {"".join(el.itertext()) for el in root.iter(f"{HTML}{tag}")}
    return found


# --- the scanner itself: it must see what a browser would run -----------------------------------

INJECTED = [
    ("<p><img src=x onerror=alert(1)></p>", "onerror"),
    ('<a href="&#106;avascript:alert(1)">x</a>', "scheme 'javascript'"),
    ('<a href=" java\tscript:alert(1)">x</a>', "scheme 'javascript'"),
    ('<a href="data:text/html,x">x</a>', "scheme 'data'"),
    ("<svg><script>alert(1)</script></svg>", "inline <script>"),
    ("<svg><foreignObject></foreignObject></svg>", "<foreignObject>"),
    ('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', "'javascript'"),
    ("a <![CDATA[ x > <script>alert(1)</script> ]]> b", "inline <script>"),
    ('<iframe srcdoc="<script>alert(1)</script>"></iframe>', "<iframe>"),
    ('<button formaction="javascript:alert(1)">x</button>', "formaction"),
    ('<form action="https://evil.example/"></form>', "<form"),
    ("<style>p{}</style>", "<style> outside <head>"),
    ('<meta http-equiv="Refresh" content="0;url=https://evil.example/">', "refresh"),
    ('<base href="https://evil.example/">', "<base>"),
    ('<script src="https://evil.example/x.js"></script>', "<script src="),
    ('<a title="Choose "Cross-border Pay" & sign in.">x</a>', "unexpected attribute"),
    ('<img src="https://evil.example/track.png" alt="x">', "a picture from outside the site"),
    ('<img src="//evil.example/track.png" alt="x">', "a picture from outside the site"),
    ('<img src="javascript:alert(1)" alt="x">', "scheme 'javascript'"),
]


@pytest.mark.parametrize(("snippet", "expected"), INJECTED, ids=[s for s, _ in INJECTED])
def test_the_scanner_finds_a_live_script_injected_into_a_real_page(built_site, snippet, expected):
    """The scan is not vacuous: each construct put into a real page is reported."""
    page = (built_site / "faq" / "index.html").read_text("utf-8")
    anchor = '<article class="md-content__inner md-typeset">'
    assert anchor in page
    findings = scan_page(page.replace(anchor, anchor + snippet, 1), "faq/index.html")
    assert any(expected in f.what for f in findings), findings


def test_the_scanner_finds_a_title_that_was_ended_early(built_site):
    """A site name printed raw into <title> shows up as markup in the title."""
    page = (built_site / "index.html").read_text("utf-8")
    findings = scan_page(page.replace("<title>", "<title>" + SCRIPT, 1), "index.html")
    assert any("<title>" in f.what for f in findings), findings


# --- the real site -------------------------------------------------------------------------------

def test_the_real_site_has_no_findings(built_site):
    """The real project's site holds only the theme's and our scripts, no handler, no bad URL."""
    assert [str(f) for f in scan(built_site)] == []


# --- a hostile source: plain texts accepted and escaped, allowed Markdown shown as written ------

def test_hostile_plain_text_is_accepted(hostile_site):
    """Plain texts are shown exactly as written: hostile ones build like any other."""
    assert "Traceback" not in hostile_site.run.output
    assert hostile_site.run.returncode == 0, hostile_site.run.output[-3000:]


def test_hostile_site_has_no_findings(hostile_site):
    """No value of the hostile source becomes a script, a handler or an attribute."""
    assert hostile_site.run.returncode == 0, hostile_site.run.output[-3000:]
    assert [str(f) for f in scan(hostile_site.site)] == []


def test_hostile_title_holds_the_text_literally(hostile_site):
    """The <title> of the Korean home page contains '</title><script>' as text."""
    assert hostile_site.run.returncode == 0, hostile_site.run.output[-3000:]
    titles = texts(hostile_site.site, "title")
    assert any(SCRIPT in title for title in titles), titles


@pytest.mark.parametrize(("tag", "text"), [
    ("code", "</title><script>alert(1)</script>"),
    ("kbd", "Ctrl"),
    ("p", "<script>alert(1)</script> &amp; <b> are shown as text."),
    ("strong", '"Cross-border Pay"'),
])
def test_allowed_markdown_of_the_hostile_source_is_shown_as_written(hostile_site, tag, text):
    """Code spans, <kbd>, entities and quotes in Markdown fields come out as their text."""
    assert hostile_site.run.returncode == 0, hostile_site.run.output[-3000:]
    assert text in texts(hostile_site.site, tag)


def test_a_link_address_with_quotes_and_ampersands_stays_one_attribute(hostile_site):
    """A Markdown link whose address and title hold quotes and '&' keeps them in one attribute."""
    assert hostile_site.run.returncode == 0, hostile_site.run.output[-3000:]
    links = []
    for page in hostile_site.site.rglob("*.html"):
        root = html5lib.parse(page.read_text("utf-8"), treebuilder="etree")
        links += [a.attrib for a in root.iter(f"{HTML}a") if "example.com/?" in a.get("href", "")]
    assert links
    for attrib in links:
        assert attrib["href"] == "https://example.com/?a=1&b=%222%22"
        assert attrib["title"] == 'say "hi" & more'


# --- a hostile source: every Markdown field holding an attack ------------------------------------

ATTACKS = {
    "script": "<script>alert(1)</script>",
    "uppercase-script": "<SCRIPT>alert(1)</SCRIPT>",
    "img-onerror": "Look: <img src=x onerror=alert(1)>",
    "javascript-link": "[x](javascript:alert(1))",
    "entity-javascript-link": "[x](&#106;avascript:alert(1))",
    "tab-javascript-html-link": '<a href="java&#x09;script:alert(1)">x</a>',
    "data-image": "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "reference-link": "[x][evil]\n\n[evil]: javascript:alert(1)",
    "autolink": "<javascript:alert(1)>",
    "attr-list-paragraph": 'Click here\n{: onclick="alert(1)" }',
    "attr-list-link": "[x](https://example.com){: onclick=alert(1) }",
    "svg-onload": "<svg onload=alert(1)>",
    "math-xlink": '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "style": "<style>body{display:none}</style>",
    "base": '<base href="https://evil.example/">',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    "form": '<form action="https://evil.example/"><button>Go</button></form>',
    "cdata": "a <![CDATA[ x > <script>alert(1)</script> ]]> b",
    "comment-then-script": "<!-- x --><script>alert(1)</script>",
    "unclosed-div-then-code": "<div>\n\n`<script>alert(1)</script>`",
    "indented-html": "    <img src=x onerror=alert(1)>",
    "kbd-with-handler": '<kbd onmouseover="alert(1)">K</kbd>',
    "br-with-handler": "<br onload=alert(1)>",
    "noscript-breakout": '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
}


@pytest.mark.parametrize("payload", list(ATTACKS.values()), ids=list(ATTACKS))
def test_hostile_markdown_is_refused_with_its_line_or_built_clean(tmp_path, payload):
    """An attack in every Markdown field: refused at a faq_source line, or a clean site."""
    project = make_hostile(copy_project(tmp_path / "project"), markdown=payload)
    run = run_generator(project)
    if run.returncode == 0:
        run = run_mkdocs(project, tmp_path / "site")
    if run.returncode != 0:
        assert refusal_problems(run) == []
    else:
        assert [str(f) for f in scan(tmp_path / "site")] == []


# --- a hand-written page (docs/<language>/, listed in extra_pages): no per-field check applies ---

def _with_notice(tmp_path: Path, heading: str, body: str) -> Path:
    project = copy_project(tmp_path / "project")
    site_yaml = project / "faq_source" / "site.yaml"
    site_yaml.write_text(site_yaml.read_text("utf-8") + "extra_pages: [notice.md]\n", "utf-8")
    for code in ("ko", "en"):
        (project / "docs" / code / "notice.md").write_text(f"# {heading}\n\n{body}\n", "utf-8")
    return project


def test_hand_written_page_with_live_html_is_refused_naming_it_or_built_clean(tmp_path):
    """The output sanitizer: a hand-written page's <script> fails the build naming the page."""
    project = _with_notice(tmp_path, "Notice", "<script>alert(1)</script>\n\n"
                           "<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))")
    run = run_mkdocs(project, tmp_path / "site")
    assert "Traceback" not in run.output, run.output[-3000:]
    if run.returncode != 0:
        assert "docs/ko/notice.md" in run.output, run.output[-3000:]
    else:
        assert [str(f) for f in scan(tmp_path / "site")] == []


def test_hand_written_page_title_with_quotes_stays_in_its_attribute(tmp_path):
    """A page heading with quotes (shown by the theme in other pages' footer links) stays text."""
    project = _with_notice(tmp_path, 'Notice "x" onmouseover="alert(1)"', "Plain text only.")
    run = run_mkdocs(project, tmp_path / "site")
    assert run.returncode == 0, run.output[-3000:]
    assert [str(f) for f in scan(tmp_path / "site")] == []
