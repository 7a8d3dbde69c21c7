"""Issue 10, route by route, through the public interfaces only: ``scripts/build_faq.py --root``
and ``mkdocs build --strict`` on a project copy. Each test asserts the safe behaviour: a refusal
at a ``faq_source/<file>:<line>`` without a traceback, or a site the scanner finds clean."""

from __future__ import annotations

import json
import os
import pickle
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import html5lib
import pytest

from hostile import FIRST_GUIDE, SITE, Run, refusal_problems, run_generator, run_mkdocs
from support.project_tools import categorise, copy_project, snapshot
from support.site_scan import scan

HTML = "{http://www.w3.org/1999/xhtml}"
FIRST_QUESTION_KO = "1688 계정의 연동이 해제되지 않으면 어떻게 됩니까?"
SECOND_QUESTION_KO = "알리페이 비즈니스 계정에 잔액이 있으면 어떻게 해야 합니까?"
FIRST_ANSWER_KO = "        {{fact:cutoff_date}} 이후에도 알리페이 비즈니스에 로그인할 수 있지만"
FIRST_STEP_KO = "          WorldFirst 계정이 아직 없으시면 WorldFirst 등록 포털에서 계정을\n"
FIRST_STEP_KO_2 = "          등록하십시오. 이미 계정이 있으시면 이 단계를 건너뛰십시오.\n"


def edit(project: Path, name: str, old: str, new: str) -> int:
    """Replace the first ``old`` in ``faq_source/<name>``; returns the 1-based line it was on."""
    path = project / "faq_source" / name
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {name}"
    at = text.index(old)
    path.write_text(text[:at] + new + text[at + len(old):], "utf-8")
    return text.count("\n", 0, at) + 1


def refused_or_clean(project: Path, site: Path, file: str) -> None:
    """The generator or the build refuses at a line of ``file``, or the built site is clean."""
    run = run_generator(project)
    if run.returncode == 0:
        run = run_mkdocs(project, site)
    if run.returncode != 0:
        assert refusal_problems(run, file) == []
    else:
        assert [str(f) for f in scan(site)] == []


def assert_stopped_cleanly(run: Run, *names: str, seconds: float = 10) -> None:
    """Failed (exit != 0) quickly, without a traceback, naming every one of ``names``."""
    assert run.returncode != 0, run.output[-2000:]
    assert "Traceback" not in run.output, run.output[-3000:]
    for name in names:
        assert name in run.output, f"{name!r} not in:\n{run.output[-2000:]}"
    assert run.seconds < seconds, run.seconds


def parse(page: Path):
    return html5lib.parse(page.read_text("utf-8"), treebuilder="etree")


# --- class 1: markup that only becomes HTML in context -------------------------------------------

def test_guide_step_that_is_indented_html_becomes_no_live_markup_after_its_list_marker(tmp_path):
    """A step that alone is an indented code block is raw HTML once the generator adds '1. '."""
    project = copy_project(tmp_path / "project")
    edit(project, "guides.yaml", "        - >-\n" + FIRST_STEP_KO + FIRST_STEP_KO_2,
         '        - "    <img src=x onerror=alert(1)>"\n')
    refused_or_clean(project, tmp_path / "site", "guides.yaml")


def test_cdata_section_does_not_hide_a_live_script(tmp_path):
    """'<![CDATA[ x > <script>': one declaration to Python, a comment and a script to a browser."""
    project = copy_project(tmp_path / "project")
    edit(project, "faq.yaml", FIRST_ANSWER_KO,
         "        a <![CDATA[ x > <script>alert(1)</script> ]]> b\n" + FIRST_ANSWER_KO)
    refused_or_clean(project, tmp_path / "site", "faq.yaml")


@pytest.mark.parametrize("tag", ["p", "div"])
def test_unclosed_block_tag_does_not_turn_the_next_fields_code_span_into_html(tmp_path, tag):
    """A field ending in an open block tag must not swallow the next field's `<script>` code."""
    project = copy_project(tmp_path / "project")
    edit(project, "faq.yaml", "        상품 구매에 문제가 없도록",
         f"        <{tag}>\n\n        상품 구매에 문제가 없도록")
    edit(project, "faq.yaml", "        잔액은 명의가 같은",
         "        `<script>alert(1)</script>` 잔액은 명의가 같은")
    # the open tag at the very end of the field, too
    last = "        연동 해제 방법은 {{guide:unlink-alipay-business}} 가이드를 참고해 주시기 바랍니다.\n"
    edit(project, "faq.yaml", last, last + f"        <{tag}>\n")
    refused_or_clean(project, tmp_path / "site", "faq.yaml")


# --- class 2: plain-text values printed by the templates -----------------------------------------

def _title_and_description(page: Path) -> tuple[str, list[str]]:
    root = parse(page)
    titles = ["".join(t.itertext()) for t in root.iter(f"{HTML}title")]
    assert len(titles) == 1, titles
    return titles[0], [m.get("content") for m in root.iter(f"{HTML}meta")
                       if m.get("name") == "description"]


@pytest.mark.parametrize("code", ["ko", "en"])
def test_guide_title_and_summary_come_out_exactly_in_title_and_meta(hostile_site, code):
    """<title> is 'guide title - site name' and the description is the summary, as text."""
    assert hostile_site.run.returncode == 0, hostile_site.run.output[-3000:]
    prefix = "" if code == "ko" else "en/"
    page = hostile_site.site / f"{prefix}guides/register-worldfirst/index.html"
    title, descriptions = _title_and_description(page)
    assert title == f"{FIRST_GUIDE[code]['title']} - {SITE[code]['site_name']}"
    assert descriptions == [FIRST_GUIDE[code]["summary"]]


@pytest.mark.parametrize("code", ["ko", "en"])
def test_site_description_comes_out_exactly_in_the_home_pages_meta(hostile_site, code):
    """The home page's meta description is the site's description, quotes and all."""
    assert hostile_site.run.returncode == 0, hostile_site.run.output[-3000:]
    page = hostile_site.site / ("index.html" if code == "ko" else "en/index.html")
    title, descriptions = _title_and_description(page)
    assert descriptions == [SITE[code]["description"]]
    assert title.endswith(" - " + SITE[code]["site_name"])


@pytest.mark.parametrize("code", ["ko", "en"])
def test_not_found_texts_come_out_exactly_on_the_404_page(hostile_site, code):
    """The 404 page shows its title, text and the site name as text, in one <title>."""
    assert hostile_site.run.returncode == 0, hostile_site.run.output[-3000:]
    page = hostile_site.site / ("404.html" if code == "ko" else "en/404.html")
    root = parse(page)
    article = root.find(f".//{HTML}article")
    h1 = article.find(f".//{HTML}h1")
    assert "".join(h1.itertext()) == SITE[code]["not_found"]["title"]
    texts = [" ".join("".join(p.itertext()).split()) for p in article.iter(f"{HTML}p")]
    assert f"{SITE[code]['not_found']['text']} {SITE[code]['site_name']}" in texts, texts
    title, _ = _title_and_description(page)
    assert SITE[code]["site_name"] in title


def test_language_names_come_out_exactly_in_the_language_selector(hostile_site):
    """The selector's entries are the languages' names as text, with no extra attribute."""
    assert hostile_site.run.returncode == 0, hostile_site.run.output[-3000:]
    root = parse(hostile_site.site / "index.html")
    links = [a for a in root.iter(f"{HTML}a") if "md-select__link" in (a.get("class") or "")]
    names = {a.get("hreflang"): " ".join("".join(a.itertext()).split()) for a in links}
    assert names == {code: SITE[code]["name"] for code in ("ko", "en")}
    for a in links:
        assert set(a.attrib) <= {"href", "hreflang", "class", "lang"}, a.attrib


def test_page_titles_come_out_exactly_in_the_footer_links_labels(hostile_site):
    """The theme's previous/next footer links carry the next page's title in aria-label: as text."""
    assert hostile_site.run.returncode == 0, hostile_site.run.output[-3000:]
    root = parse(hostile_site.site / "en" / "index.html")
    nexts = [a for a in root.iter(f"{HTML}a") if "md-footer__link--next" in (a.get("class") or "")]
    assert len(nexts) == 1
    assert nexts[0].get("aria-label") == "Next: " + FIRST_GUIDE["en"]["title"], nexts[0].attrib
    assert set(nexts[0].attrib) == {"href", "class", "aria-label"}, sorted(nexts[0].attrib)


# --- class 3: caches that run code or poison the index -------------------------------------------

class _Payload:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def test_crafted_pickle_in_the_cache_is_never_loaded(tmp_path):
    """A pickle that writes a marker file, put in .cache/ under every cache's name, never runs."""
    project = copy_project(tmp_path / "project")
    assert run_generator(project).returncode == 0  # leaves the caches a real run leaves
    marker = project / "PWNED"
    crafted = pickle.dumps(_Payload(marker))
    cache = project / ".cache"
    cache.mkdir(exist_ok=True)
    names = {p.name for p in cache.iterdir() if p.is_file() and not p.name.endswith(".lock")}
    for name in names | {"rendered.pickle"}:
        (cache / name).write_bytes(crafted)
    runs = {
        "--check": run_generator(project, "--check"),
        "generate": run_generator(project),
        "mkdocs build": run_mkdocs(project, tmp_path / "site"),
    }
    assert not marker.exists(), "the crafted pickle ran"
    for what, run in runs.items():
        assert "Traceback" not in run.output, (what, run.output[-3000:])
        assert run.returncode == 0, (what, run.output[-3000:])


@pytest.fixture(scope="module")
def clean_search(tmp_path_factory) -> tuple[dict[str, bytes], object]:
    """The search indexes of a build without a cache, and the search cache it saved."""
    base = tmp_path_factory.mktemp("search-clean")
    project = copy_project(base / "project")
    run = run_mkdocs(project, base / "site")
    assert run.returncode == 0, run.output[-3000:]
    saved = project / ".cache" / "search-terms.json"
    data = json.loads(saved.read_text("utf-8")) if saved.is_file() else {"terms": {"ko": {}}}
    return snapshot(base / "site" / "search"), data


def _each_terms(data, value):
    out = json.loads(json.dumps(data))
    for language in out.get("terms", {}).values():
        for key in language:
            language[key] = value(language[key])
    return out


def _first_bad(data):
    out = json.loads(json.dumps(data))
    for language in out.get("terms", {}).values():
        for key in list(language)[:1]:
            language[key] = 7
    return out


POISONS = {
    "terms-are-ints": lambda d: _each_terms(d, lambda v: 5),
    "terms-are-nested-dicts": lambda d: _each_terms(d, lambda v: {"a": v}),
    "terms-hold-non-strings": lambda d: _each_terms(d, lambda v: [1, None, ["x"], {"y": 2}]),
    "language-is-a-list": lambda d: {**d, "terms": {k: list(v.items())
                                                    for k, v in d.get("terms", {}).items()}},
    "terms-is-a-list": lambda d: {**d, "terms": [d.get("terms")]},
    "file-is-a-list": lambda d: [d],
    "one-bad-value-among-good-ones": _first_bad,
}


@pytest.mark.parametrize("poison", list(POISONS.values()), ids=list(POISONS))
def test_search_cache_of_the_wrong_shape_is_ignored(tmp_path, clean_search, poison):
    """.cache/search-terms.json with wrong value types: the build succeeds, same index bytes."""
    indexes, saved = clean_search
    project = copy_project(tmp_path / "project")
    (project / ".cache").mkdir()
    (project / ".cache" / "search-terms.json").write_text(json.dumps(poison(saved)), "utf-8")
    run = run_mkdocs(project, tmp_path / "site")
    assert "Traceback" not in run.output, run.output[-3000:]
    assert run.returncode == 0, run.output[-3000:]
    assert snapshot(tmp_path / "site" / "search") == indexes


# --- class 4: pages that overwrite each other ----------------------------------------------------

def test_category_named_index_is_refused_with_its_line(tmp_path):
    """A category 'index' would replace the FAQ's own index page: refused, docs/ untouched."""
    project = categorise(copy_project(tmp_path / "project"))
    faq = project / "faq_source" / "faq.yaml"
    faq.write_text(faq.read_text("utf-8").replace("id: money", "id: index")
                   .replace("category: money", "category: index"), "utf-8")
    before = snapshot(project / "docs")
    run = run_generator(project)
    assert refusal_problems(run, "faq.yaml") == []
    assert run.returncode == 1
    assert "'index'" in run.output, run.output
    assert snapshot(project / "docs") == before


def test_long_category_next_to_its_own_page_two_is_refused_naming_both(tmp_path):
    """Category 'a' with 51 questions needs faq/a-2, category 'a-2''s page: refused, both named."""
    project = copy_project(tmp_path / "project")
    faq = project / "faq_source" / "faq.yaml"
    text = faq.read_text("utf-8")
    text = re.sub(r"^  - id: (\S+)\n", lambda m: f"{m.group(0)}    category: a-2\n", text,
                  flags=re.M)
    categories = ("categories:\n  - id: a\n    ko: {title: 가 분류}\n    en: {title: Group A}\n"
                  "  - id: a-2\n    ko: {title: 나 분류}\n    en: {title: Group B}\n")
    text = text.replace("entries:\n", categories + "entries:\n", 1)
    extra = "".join(
        f"\n  - id: extra-{n}\n    category: a\n    guides: []\n    ko:\n"
        f"      question: 추가 질문 {n}번은 무엇입니까?\n      answer: 추가 답변 {n}번입니다.\n"
        for n in range(51))
    faq.write_text(text.rstrip("\n") + "\n" + extra, "utf-8")
    before = snapshot(project / "docs")
    run = run_generator(project)
    assert refusal_problems(run, "faq.yaml") == []
    assert run.returncode == 1
    assert "'a'" in run.output and "'a-2'" in run.output, run.output
    assert snapshot(project / "docs") == before


# --- class 5: located messages instead of tracebacks ---------------------------------------------

def test_unquoted_date_as_a_question_is_the_text_as_written_or_refused(tmp_path):
    """'question: 2024-08-13' is shown as '2024-08-13' (README), or refused at its line."""
    project = copy_project(tmp_path / "project")
    line = edit(project, "faq.yaml", f"question: {FIRST_QUESTION_KO}", "question: 2024-08-13")
    run = run_generator(project)
    assert "Traceback" not in run.output, run.output[-3000:]
    if run.returncode != 0:
        assert f"faq_source/faq.yaml:{line}" in run.output, run.output
    else:
        page = (project / "docs" / "ko" / "faq.md").read_text("utf-8")
        assert "2024-08-13" in page and "2024-08-13 00:00" not in page


def test_number_as_a_question_is_refused_with_put_it_in_quotes(tmp_path):
    """'question: 1688' is a number to YAML: refused at its line, saying to quote it."""
    project = copy_project(tmp_path / "project")
    line = edit(project, "faq.yaml", f"question: {FIRST_QUESTION_KO}", "question: 1688")
    run = run_generator(project)
    assert_stopped_cleanly(run, f"faq_source/faq.yaml:{line}", "quotes")


def test_impossible_fact_date_is_refused_with_its_line(tmp_path):
    """A date fact of 2024-02-30 is a located error, not a traceback."""
    project = copy_project(tmp_path / "project")
    line = edit(project, "site.yaml", "value: 2024-08-13", "value: 2024-02-30")
    assert_stopped_cleanly(run_generator(project), f"faq_source/site.yaml:{line}")


def test_ten_thousand_levels_of_nesting_are_refused_quickly(tmp_path):
    """'guides: [[[[...]]]]' 10,000 deep: a located error in seconds, no RecursionError."""
    project = copy_project(tmp_path / "project")
    line = edit(project, "faq.yaml", "guides: [unlink-alipay-business]",
                "guides: " + "[" * 10_000 + "]" * 10_000)
    assert_stopped_cleanly(run_generator(project), f"faq_source/faq.yaml:{line}")


BOMB = "".join(
    [f"lol0: &a0 [{', '.join(['lol'] * 9)}]\n"]
    + [f"lol{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]\n" for n in range(1, 10)]
)


def test_yaml_alias_bomb_is_refused_in_under_five_seconds(tmp_path):
    """A billion-laughs file of a few hundred bytes: refused at its line in under 5 s."""
    assert len(BOMB) < 1000
    project = copy_project(tmp_path / "project")
    faq = project / "faq_source" / "faq.yaml"
    text = faq.read_text("utf-8")
    line = text[: text.index("entries:\n")].count("\n") + 1
    faq.write_text(text.replace("entries:\n", BOMB + "entries:\n", 1), "utf-8")
    run = run_generator(project, timeout=60)
    assert_stopped_cleanly(run, "faq_source/faq.yaml:", seconds=5)
    found = [int(n) for n in re.findall(r"faq_source/faq\.yaml:(\d+)", run.output)]
    assert any(line <= n < line + 10 for n in found), run.output


@pytest.mark.parametrize("value", ["garbage", "-5", "1e9", ""])
def test_bad_source_date_epoch_stops_mkdocs_with_a_message(tmp_path, value):
    """SOURCE_DATE_EPOCH that is not a non-negative integer: a message naming it, no traceback."""
    project = copy_project(tmp_path / "project")
    run = run_mkdocs(project, tmp_path / "site", env={"SOURCE_DATE_EPOCH": value})
    if value == "":  # unset in effect: tolerated or refused, never a traceback
        assert "Traceback" not in run.output, run.output[-3000:]
        return
    assert_stopped_cleanly(run, "SOURCE_DATE_EPOCH", seconds=60)


def _edit_an_answer(project: Path) -> None:
    edit(project, "faq.yaml", FIRST_ANSWER_KO, FIRST_ANSWER_KO.replace("이후에도", "이후로도"))


def test_directory_where_a_generated_page_goes_is_reported_and_docs_kept(tmp_path):
    """docs/ko/faq.md is a folder: a message naming it, no traceback, docs/ left as it was."""
    project = copy_project(tmp_path / "project")
    _edit_an_answer(project)
    page = project / "docs" / "ko" / "faq.md"
    page.unlink()
    page.mkdir()
    (page / "keep.txt").write_text("a writer's file\n", "utf-8")
    before = snapshot(project / "docs")
    assert_stopped_cleanly(run_generator(project), "docs/ko/faq.md")
    assert snapshot(project / "docs") == before


def test_language_folder_that_is_a_file_is_reported_and_docs_kept(tmp_path):
    """docs/ko is a file (a stand-in for a read-only folder): a message naming it, no traceback."""
    project = copy_project(tmp_path / "project")
    _edit_an_answer(project)
    folder = project / "docs" / "ko"
    for path in sorted(folder.rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    folder.rmdir()
    folder.write_text("not a folder\n", "utf-8")
    before = snapshot(project / "docs")
    assert_stopped_cleanly(run_generator(project), "docs/ko")
    assert snapshot(project / "docs") == before


# A read-only docs/ (tests run as root, for whom chmod changes nothing) is tested with a
# mocked PermissionError in tests/output/test_all_or_nothing.py.


# --- class 6: concurrent runs --------------------------------------------------------------------


def test_two_generator_runs_at_once_leave_docs_as_one_run_would(tmp_path):
    """Two runs started together: no traceback, docs/ equals a single run's, no *.tmp left."""
    reference = copy_project(tmp_path / "reference")
    _edit_an_answer(reference)
    assert run_generator(reference).returncode == 0
    expected = snapshot(reference / "docs")
    script = Path(__file__).resolve().parents[2] / "scripts" / "build_faq.py"
    for round_ in range(3):
        project = copy_project(tmp_path / f"project{round_}")
        _edit_an_answer(project)
        env = dict(os.environ)
        env.pop("SITE_URL", None)
        command = [sys.executable, str(script), "--root", str(project)]
        runs = [subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True) for _ in range(2)]
        try:
            outputs = [(*r.communicate(timeout=60), r.returncode) for r in runs]
        finally:
            for r in runs:
                r.kill()  # only if still running (a no-op once they have exited)
        outputs = [(code, out, err) for out, err, code in outputs]
        for code, out, err in outputs:
            assert "Traceback" not in out + err, out + err
            assert code == 0 or err.strip(), (code, out, err)  # a refusal says why
        assert any(code == 0 for code, _, _ in outputs), outputs
        assert snapshot(project / "docs") == expected
        assert list((project / "docs").rglob("*.tmp")) == []


# --- class 7: text that looks the same but is not ------------------------------------------------

def test_nfd_korean_question_is_refused_or_written_as_nfc(tmp_path):
    """A question typed in NFD (macOS) is refused at its line, or the page holds its NFC form."""
    project = copy_project(tmp_path / "project")
    nfd = unicodedata.normalize("NFD", FIRST_QUESTION_KO)
    assert nfd != FIRST_QUESTION_KO
    line = edit(project, "faq.yaml", f"question: {FIRST_QUESTION_KO}", f"question: {nfd}")
    run = run_generator(project)
    assert "Traceback" not in run.output, run.output[-3000:]
    if run.returncode != 0:
        assert f"faq_source/faq.yaml:{line}" in run.output, run.output
    else:
        pages = "".join(p.read_text("utf-8") for p in (project / "docs").rglob("*.md"))
        assert nfd not in pages
        assert FIRST_QUESTION_KO in pages


def test_same_question_in_nfd_and_nfc_is_a_duplicate(tmp_path):
    """Two entries asking the same question, one typed in NFD: a duplicate, at its line."""
    project = copy_project(tmp_path / "project")
    nfd = unicodedata.normalize("NFD", FIRST_QUESTION_KO)
    line = edit(project, "faq.yaml", f"question: {SECOND_QUESTION_KO}", f"question: {nfd}")
    run = run_generator(project)
    assert refusal_problems(run, "faq.yaml") == []
    assert f"faq_source/faq.yaml:{line}" in run.output, run.output


CONTROLS = {  # name: (YAML double-quoted escape, raw character)
    "U+202E": ("\\u202e", "\u202e"),
    "U+2066": ("\\u2066", "\u2066"),
    "NUL": ("\\0", "\0"),
    "ESC": ("\\e", "\x1b"),
    "DEL": ("\\x7f", "\x7f"),
    "C1-CSI": ("\\x9b", "\x9b"),
}
CONTROL_CASES = [(name, field, how) for name in CONTROLS for field in ("question", "answer")
                 for how in ("escaped", "raw")]


@pytest.mark.parametrize(("name", "field", "how"), CONTROL_CASES,
                         ids=["-".join(case) for case in CONTROL_CASES])
def test_control_character_in_a_question_or_answer_is_refused_at_its_line(tmp_path, name,
                                                                          field, how):
    """Bidi overrides and C0/C1 controls, escaped or raw in the file: refused at file:line."""
    project = copy_project(tmp_path / "project")
    escaped, raw = CONTROLS[name]
    value = f'"연동 해제{escaped}확인"' if how == "escaped" else f"연동 해제{raw}확인"
    faq = project / "faq_source" / "faq.yaml"
    text = faq.read_text("utf-8")
    # the first entry's Korean question, or its whole answer block
    pattern = r"^      question: .*\n" if field == "question" else r"^      answer: \|\n(?: {8}.*\n)+"
    old = re.compile(pattern, re.M).search(text)
    line = text.count("\n", 0, old.start()) + 1
    faq.write_text(text[:old.start()] + f"      {field}: {value}\n" + text[old.end():], "utf-8")
    run = run_generator(project)
    assert refusal_problems(run, "faq.yaml") == []
    assert f"faq_source/faq.yaml:{line}" in run.output, run.output


@pytest.mark.parametrize("url", ['https://example.com/"x/', "https://exa mple.com/",
                                 "example.com/", "javascript:alert(1)//"])
def test_bad_site_url_stops_mkdocs_with_a_message(tmp_path, url):
    """SITE_URL with a quote, a space, or no http(s) scheme: a clear message, no traceback."""
    project = copy_project(tmp_path / "project")
    run = run_mkdocs(project, tmp_path / "site", env={"SITE_URL": url})
    assert_stopped_cleanly(run, seconds=60)
    assert re.search("site_url|SITE_URL", run.output), run.output[-2000:]

