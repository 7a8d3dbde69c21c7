"""Every kind of bad source: a located message, exit status 1, no traceback, docs/ untouched.

Each case edits the small fixture source of tests/goldens/basic (whose docs/ was generated
first) and names the exact ``file:line[:column]: field`` the writer must be sent to.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from project_tools import snapshot
from helpcenter.cli import main

BASIC = Path(__file__).parent / "goldens" / "basic" / "faq_source"
EN_BLOCK_OF_SECOND_ENTRY = """    en:
      question: 1. A question without guides
      answer: |
        - item one
        - item two

        See also {{question:plain-text}}.
"""
KO_BLOCK_OF_SECOND_ENTRY = """    ko:
      question: 1. 가이드 없는 질문
      answer: |
        - 목록 하나
        - 목록 둘

        {{question:plain-text}} 질문도 보세요.
"""

# (case id, file, text to replace, replacement, expected location and field, expected words)
CASES = [
    (
        "yaml-syntax",
        "faq.yaml",
        "question: 1. 가이드 없는 질문",
        "question: 1. 질문: 가이드",
        "faq_source/faq.yaml:15:22:",
        ["YAML syntax error", "must be quoted", "^"],
    ),
    (
        "tab",
        "faq.yaml",
        "    guides: []",
        "\tguides: []",
        "faq_source/faq.yaml:13:1:",
        ["YAML syntax error", "tab"],
    ),
    (
        "duplicated-key",
        "faq.yaml",
        "      answer: |\n        {{guide:second}}",
        "      question: again\n      answer: |\n        {{guide:second}}",
        "faq_source/faq.yaml:6:7: entries[0].ko.question:",
        ["duplicated key 'question'", "first at line 5"],
    ),
    (
        "unknown-key",
        "faq.yaml",
        "      answer: |\n        See {{guide:second}}",
        "      anwser: |\n        See {{guide:second}}",
        "faq_source/faq.yaml:10:7: entries[0].en.anwser:",
        ["unknown field", "did you mean 'answer'"],
    ),
    (
        "wrong-type",
        "faq.yaml",
        "    guides: []",
        "    guides: first",
        "faq_source/faq.yaml:13:13: entries[1].guides:",
        ["expected a list, got a text"],
    ),
    (
        "missing-field",
        "faq.yaml",
        "      question: 1. A question without guides\n",
        "",
        "faq_source/faq.yaml:21:5: entries[1].en.question:",
        ["missing required field 'question'"],
    ),
    (
        "empty-text",
        "faq.yaml",
        "      question: 1. A question without guides",
        "      question: '   '",
        "faq_source/faq.yaml:22:17: entries[1].en.question:",
        ["not empty"],
    ),
    (
        "duplicated-id",
        "faq.yaml",
        "  - id: no-guides",
        "  - id: plain-text",
        "faq_source/faq.yaml:12:9: entries[1].id:",
        ["duplicated id 'plain-text'", "line 2"],
    ),
    (
        "invalid-id",
        "faq.yaml",
        "  - id: no-guides",
        "  - id: No Guides",
        "faq_source/faq.yaml:12:9: entries[1].id:",
        ["lowercase ASCII", "'No Guides'"],
    ),
    (
        "unknown-guide",
        "faq.yaml",
        "[first, second]",
        "[first, secnd]",
        "faq_source/faq.yaml:3:21: entries[0].guides[1]:",
        ["unknown guide 'secnd'", "Did you mean 'second'"],
    ),
    (
        "unknown-fact",
        "faq.yaml",
        '"{{fact:cutoff}} 이후',
        '"{{fact:cutof}} 이후',
        "faq_source/faq.yaml:5:17: entries[0].ko.question:",
        ["unknown fact 'cutof'", "Did you mean 'cutoff'"],
    ),
    (
        "unknown-question",
        "faq.yaml",
        "{{question:plain-text}} 질문도",
        "{{question:plain-txt}} 질문도",
        "faq_source/faq.yaml:20: entries[1].ko.answer:",
        ["unknown question 'plain-txt'", "Did you mean 'plain-text'"],
    ),
    (
        "text-starting-with-brace",
        "faq.yaml",
        "question: 1. A question",
        "question: {{fact:x}} A",
        "faq_source/faq.yaml:22:",
        ["YAML syntax error", "put it in quotes"],
    ),
    (
        "link-in-plain-text",
        "faq.yaml",
        "question: 1. A question without guides",
        "question: '{{guide:first}} A'",
        "faq_source/faq.yaml:22:17: entries[1].en.question:",
        ["plain text", "{{fact:ID}}"],
    ),
    (
        "missing-source-text",
        "faq.yaml",
        KO_BLOCK_OF_SECOND_ENTRY,
        "",
        "faq_source/faq.yaml:12:5: entries[1].ko:",
        ["missing the ko text of 'no-guides'", "source_language"],
    ),
    (
        "unknown-source-language",
        "faq.yaml",
        "    guides: []",
        "    guides: []\n    source_language: fr",
        "faq_source/faq.yaml:14:22: entries[1].source_language:",
        ["'fr' is not a language of the site"],
    ),
    (
        "unknown-language",
        "faq.yaml",
        "    en:\n      question: 1.",
        "    em:\n      question: 1.",
        "faq_source/faq.yaml:21:5: entries[1].em:",
        ["not a language of the site", "Did you mean 'en'"],
    ),
    (
        "missing-guide-translation",
        "guides.yaml",
        "      title: 첫 번째 가이드",
        "      titel: 첫",
        "faq_source/guides.yaml:4:7: guides[0].ko.titel:",
        ["did you mean 'title'"],
    ),
    (
        "bad-default-language",
        "site.yaml",
        "default_language: ko",
        "default_language: kr",
        "faq_source/site.yaml:1:19: default_language:",
        ["'kr' is not one of the languages", "Did you mean 'ko'"],
    ),
    (
        "bad-fact-date",
        "site.yaml",
        "value: 2024-08-13",
        "value: 13.08.2024",
        "faq_source/site.yaml:42:12: facts.cutoff.value:",
        ["YYYY-MM-DD"],
    ),
]


@pytest.fixture
def fixture_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(BASIC, project / "faq_source")
    assert main(["--root", str(project)]) == 0
    return project


def run_bad(project: Path, capsys: pytest.CaptureFixture[str]) -> str:
    before = snapshot(project / "docs")
    assert main(["--root", str(project)]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert snapshot(project / "docs") == before, "docs/ must not change"
    assert "nothing was written" in err
    return err


@pytest.mark.parametrize("case, file, old, new, location, words", CASES, ids=[c[0] for c in CASES])
def test_bad_source_is_located_and_changes_nothing(
    fixture_project, capsys, case, file, old, new, location, words
):
    path = fixture_project / "faq_source" / file
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    err = run_bad(fixture_project, capsys)
    first = err.splitlines()[0]
    assert first.startswith(location), err
    for word in words:
        assert word in err, err


def test_not_utf8(fixture_project, capsys):
    path = fixture_project / "faq_source" / "faq.yaml"
    path.write_bytes(
        path.read_text("utf-8").replace("가이드 없는 질문", "é").encode("latin-1", "replace")
    )
    err = run_bad(fixture_project, capsys)
    assert err.startswith("faq_source/faq.yaml:15: the file is not UTF-8"), err


def test_empty_file(fixture_project, capsys):
    (fixture_project / "faq_source" / "guides.yaml").write_text("# nothing yet\n", "utf-8")
    err = run_bad(fixture_project, capsys)
    assert err.startswith("faq_source/guides.yaml:1: the file is empty"), err


def test_missing_file(fixture_project, capsys):
    (fixture_project / "faq_source" / "guides.yaml").unlink()
    err = run_bad(fixture_project, capsys)
    assert err.startswith("faq_source/guides.yaml: file is missing"), err


def test_all_problems_are_reported_at_once_sorted_by_file_and_line(fixture_project, capsys):
    faq = fixture_project / "faq_source" / "faq.yaml"
    faq.write_text(
        faq.read_text("utf-8")
        .replace("[first, second]", "[frist, second]")
        .replace("  - id: no-guides", "  - id: plain-text"),
        "utf-8",
    )
    site = fixture_project / "faq_source" / "site.yaml"
    site.write_text(site.read_text("utf-8").replace("{{guide:first}}", "{{guide:firts}}"), "utf-8")
    err = run_bad(fixture_project, capsys)
    lines = err.splitlines()
    assert lines[0].startswith("faq_source/faq.yaml:3:14: entries[0].guides[0]: unknown guide")
    assert lines[1].startswith("faq_source/faq.yaml:12:9: entries[1].id: duplicated id")
    assert lines[2].startswith("faq_source/site.yaml:10: languages.ko.home.intro: unknown guide")
    assert lines[3].startswith("faq_source/site.yaml:28: languages.en.home.intro: unknown guide")
    assert lines[4] == "4 problems in faq_source/; nothing was written."


def test_bad_command_line_use_exits_2(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--no-such-option"])
    assert stop.value.code == 2


def add_to_second_answer(project: Path, text: str) -> None:
    """Append Markdown ``text`` (lines from 26 of faq.yaml) to the English answer of entry 1."""
    path = project / "faq_source" / "faq.yaml"
    answer = "        - item one\n        - item two\n"
    indented = "".join(f"        {part}\n" if part else "\n" for part in text.split("\n"))
    source = path.read_text("utf-8")
    assert answer in source
    path.write_text(source.replace(answer, answer + indented, 1), "utf-8")


# (case id, Markdown inserted at line 26 of faq.yaml, line of the offence, expected words)
UNSAFE = [
    ("script", "<script>alert(1)</script>", 26, "raw HTML <script>"),
    ("iframe", '<iframe src="https://x.example"></iframe>', 26, "raw HTML <iframe>"),
    ("event-attribute", '<img src="a.png" onerror="alert(1)">', 26, "onerror="),
    ("attr-list-event", 'Text\n{: onclick="alert(1)" }', 27, "onclick="),
    ("javascript-link", "[click](javascript:alert(1))", 26, "'javascript:' address"),
    ("entity-javascript", "[click](&#106;avascript:alert(1))", 26, "'javascript:' address"),
    ("data-link", "[click](data:text/html;base64,PHNjcmlwdD4=)", 26, "'data:' address"),
    ("reference-link", "[click][r]\n\n[r]: javascript:alert(1)", 28, "'javascript:' address"),
    ("comment", "<!-- hidden -->", 26, "HTML comment"),
    ("style", "<style>body{display:none}</style>", 26, "raw HTML <style>"),
]


@pytest.mark.parametrize("text, line, words", [c[1:] for c in UNSAFE], ids=[c[0] for c in UNSAFE])
def test_unsafe_markup_in_markdown_is_refused_with_its_line(
    fixture_project, capsys, text, line, words
):
    add_to_second_answer(fixture_project, text)
    err = run_bad(fixture_project, capsys)
    assert err.startswith(f"faq_source/faq.yaml:{line}: entries[1].en.answer: "), err
    assert words in err and "the only raw HTML allowed is <br>" in err


# Links within the site go through placeholders: a relative address breaks when the question's
# page changes (category, page number) or when the site is served under a sub-path.
RELATIVE = [
    ("page-file", "[notice](notice.md)", 26, "'notice.md'"),
    ("site-root", "[notice](/notice/)", 26, "'/notice/'"),
    ("parent", "See [the guide](../guides/first.md).", 26, "'../guides/first.md'"),
    ("image", "![map](map.png)", 26, "'map.png'"),
    ("reference", "[notice][n]\n\n[n]: notice.md", 28, "'notice.md'"),
]


@pytest.mark.parametrize("text, line, words", [c[1:] for c in RELATIVE],
                         ids=[c[0] for c in RELATIVE])
def test_relative_links_are_refused_with_the_placeholders_to_use(
    fixture_project, capsys, text, line, words
):
    add_to_second_answer(fixture_project, text)
    err = run_bad(fixture_project, capsys)
    assert err.startswith(f"faq_source/faq.yaml:{line}: entries[1].en.answer: the relative link "
                          f"{words} would break when the page moves. "), err
    assert "{{page:PATH}}" in err and "{{guide:ID}}" in err


def test_page_placeholders_link_hand_written_pages_and_must_find_them(fixture_project, capsys):
    path = fixture_project / "faq_source" / "faq.yaml"
    source = path.read_text("utf-8")
    link = "        Call us: [contact]({{page:help/contact.md#phone}}).\n"
    path.write_text(source.replace("        - item two\n", "        - item two\n\n" + link, 1),
                    "utf-8")
    before = snapshot(fixture_project / "docs")
    err = run_bad(fixture_project, capsys)
    assert err.startswith("faq_source/faq.yaml:24: entries[1].en.answer: "
                          "'{{page:help/contact.md#phone}}' shown in en: no page "
                          "docs/en/help/contact.md. Create it"), err
    assert snapshot(fixture_project / "docs") == before

    contact = fixture_project / "docs" / "en" / "help" / "contact.md"
    contact.parent.mkdir(parents=True)
    contact.write_text("# Contact\n\n## Phone {#phone}\n", "utf-8")
    assert main(["--root", str(fixture_project)]) == 0, capsys.readouterr().err
    faq = (fixture_project / "docs" / "en" / "faq.md").read_text("utf-8")
    assert "Call us: [contact](help/contact.md#phone)." in faq


@pytest.mark.parametrize("ref", ["../outside.md", "notice", "/abs.md", "a b.md"])
def test_a_page_placeholder_needs_a_page_path_of_the_language_folder(fixture_project, capsys, ref):
    path = fixture_project / "faq_source" / "faq.yaml"
    source = path.read_text("utf-8")
    link = f"        [x]({{{{page:{ref}}}}})\n"
    path.write_text(source.replace("        - item two\n", "        - item two\n\n" + link, 1),
                    "utf-8")
    err = run_bad(fixture_project, capsys)
    assert "PATH must be a Markdown page of the language folder" in err or \
        "unknown placeholder" in err, err


@pytest.mark.parametrize("text", ["Press <kbd>Ctrl</kbd> + <kbd>C</kbd>.", "Line<br>break",
                                  "x < 3 and y > 2: fine", "[site](https://www.1688.com/)",
                                  "`<script>` in code is text", "&lt;script&gt; is text",
                                  "[top](#a-list)", "[write](mailto:help@example.com)"])
def test_allowed_markup_passes(fixture_project, capsys, text):
    path = fixture_project / "faq_source" / "faq.yaml"
    source = path.read_text("utf-8")
    path.write_text(source.replace("        - item two\n", f"        - item two\n\n        {text}\n",
                                   1), "utf-8")
    assert main(["--root", str(fixture_project)]) == 0, capsys.readouterr().err


def test_a_missing_translation_falls_back_and_only_strict_mode_fails(fixture_project, capsys):
    """No en text: the English page shows the Korean one with the "not translated" notice;
    status lists it as missing; --strict (build or status) fails with its file:line."""
    assert main(["mark-current", "--all", "--root", str(fixture_project)]) == 0
    assert main(["--root", str(fixture_project)]) == 0
    path = fixture_project / "faq_source" / "faq.yaml"
    path.write_text(path.read_text("utf-8").replace(EN_BLOCK_OF_SECOND_ENTRY, "", 1), "utf-8")
    capsys.readouterr()
    location = "faq_source/faq.yaml:12:5: entries[1].en: missing translation 'en' of 'no-guides'"

    before = snapshot(fixture_project / "docs")
    assert main(["--strict", "--root", str(fixture_project)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(location) and "nothing was written" in err, err
    assert snapshot(fixture_project / "docs") == before

    assert main(["status", "--root", str(fixture_project)]) == 0
    out = capsys.readouterr().out
    assert location in out and "1 missing" in out.splitlines()[-1], out
    assert main(["status", "--strict", "--root", str(fixture_project)]) == 1
    assert location in capsys.readouterr().out

    assert main(["--root", str(fixture_project)]) == 0
    faq = (fixture_project / "docs" / "en" / "faq.md").read_text("utf-8")
    fallback = faq.split("{#no-guides}", 1)[1]
    assert fallback.lstrip().startswith("> Not translated yet.")
    assert "- 목록 하나" in fallback
