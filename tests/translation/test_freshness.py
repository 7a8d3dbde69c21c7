"""The translation workflow: freshness (status, notices, strict mode, mark-current), the glossary
lint, the parity check, facts with locale formatting, and a third language with no code change.

Most cases edit the small fixture source of tests/goldens/basic; the end-to-end ones build it
(or a copy of the real project) with ``mkdocs build --strict``.
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest
import yaml

from helpcenter import render
from helpcenter.load import load
from helpcenter.cli import main
from helpcenter.translation.lock import LOCK_FILE
from html_pages import parse, resolve
from project_tools import ROOT, copy_project, mkdocs_build, snapshot

BASIC = Path(__file__).parent / "goldens" / "basic" / "faq_source"
KO_ANSWER = "{{guide:second}} 가이드를 보세요. 날짜: {{fact:cutoff}}."
EN_NOTICE = "This translation may be out of date. Original:"


def run(capsys: pytest.CaptureFixture[str], project: Path, *args: str) -> tuple[int, str, str]:
    code = main([*args, "--root", str(project)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def status_json(capsys: pytest.CaptureFixture[str], project: Path) -> dict:
    code, out, _ = run(capsys, project, "status", "--format", "json")
    assert code == 0
    return json.loads(out)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture
def fixture_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The basic fixture with its translations marked current and its docs/ generated."""
    project = tmp_path / "project"
    shutil.copytree(BASIC, project / "faq_source")
    assert run(capsys, project, "mark-current", "--all")[0] == 0
    assert run(capsys, project)[0] == 0
    return project


# --- freshness -----------------------------------------------------------------------------------


def test_a_fresh_source_without_lock_counts_every_translation_as_outdated(tmp_path, capsys):
    project = tmp_path / "project"
    shutil.copytree(BASIC, project / "faq_source")
    data = status_json(capsys, project)
    outdated = data["languages"]["en"]["outdated"]
    assert [(item["kind"], item["id"]) for item in outdated] == [
        ("entry", "plain-text"),
        ("entry", "no-guides"),
        ("guide", "first"),
        ("guide", "second"),
    ]
    assert "never marked current" in outdated[0]["message"]
    assert data["total"] == {"missing": 0, "outdated": 4, "parity": 0}


def test_changing_the_korean_text_outdates_the_english_until_marked_current(
    fixture_project, capsys
):
    project = fixture_project
    code, out, _ = run(capsys, project, "status", "--strict")
    assert code == 0 and "every translation is current" in out

    edit(
        project / "faq_source" / "faq.yaml",
        KO_ANSWER,
        "두 번째 가이드를 먼저 보세요.\n        " + KO_ANSWER,
    )
    code, out, err = run(capsys, project, "status")
    assert code == 0
    assert out.splitlines()[0] == "en (English): 1 outdated, 0 missing, 0 parity mismatches"
    assert (
        "  faq_source/faq.yaml:10:7: entries[0].en: outdated translation of question "
        "'plain-text': the ko text has changed since it was marked current." in out
    )
    assert out.splitlines()[-1].startswith("Total: 1 outdated, 0 missing, 0 parity mismatches.")
    code, out, err = run(capsys, project, "status", "--strict")
    assert code == 1 and "status --strict: 1 translation problem" in err
    code, _, err = run(capsys, project, "--strict")
    assert code == 1 and err.startswith("faq_source/faq.yaml:10:7: entries[0].en: outdated")

    # The English page says so, and links to the Korean original of the same question.
    assert run(capsys, project)[0] == 0
    en_faq = (project / "docs" / "en" / "faq.md").read_text("utf-8")
    notice = f'> {EN_NOTICE} <a href="../../faq/#plain-text" hreflang="ko" lang="ko">한국어</a>'
    assert notice in en_faq.split("{#no-guides}")[0]
    assert en_faq.count(EN_NOTICE) == 1
    assert EN_NOTICE not in (project / "docs" / "ko" / "faq.md").read_text("utf-8")

    code, out, _ = run(capsys, project, "mark-current", "plain-text")
    assert code == 0 and "en: question 'plain-text' marked current" in out
    code, out, _ = run(capsys, project, "status", "--strict")
    assert code == 0 and "every translation is current" in out
    assert run(capsys, project, "--strict")[0] == 0
    assert EN_NOTICE not in (project / "docs" / "en" / "faq.md").read_text("utf-8")


def test_rewrapping_a_korean_text_does_not_outdate_its_translation(fixture_project, capsys):
    edit(
        fixture_project / "faq_source" / "faq.yaml",
        "가이드를 보세요. 날짜:",
        "가이드를 보세요.\n        날짜:",
    )
    assert status_json(capsys, fixture_project)["total"]["outdated"] == 0


def test_a_guide_and_its_notice(fixture_project, capsys):
    edit(fixture_project / "faq_source" / "guides.yaml", "- 로그인합니다.", "- 먼저 로그인합니다.")
    data = status_json(capsys, fixture_project)
    [item] = data["languages"]["en"]["outdated"]
    assert (item["kind"], item["id"], item["file"], item["line"]) == (
        "guide",
        "first",
        "faq_source/guides.yaml",
        13,
    )
    assert run(capsys, fixture_project)[0] == 0
    page = (fixture_project / "docs" / "en" / "guides" / "first.md").read_text("utf-8")
    assert f'> {EN_NOTICE} <a href="../../../guides/first/" hreflang="ko"' in page


def test_mark_outdated_records_a_translation_made_from_another_text(fixture_project, capsys):
    code, out, _ = run(
        capsys,
        fixture_project,
        "mark-outdated",
        "no-guides",
        "--language",
        "en",
        "--note",
        "the en answer adds a sentence",
    )
    assert code == 0 and "en: question 'no-guides' marked outdated" in out
    lock = json.loads((fixture_project / "faq_source" / LOCK_FILE).read_text("utf-8"))
    assert lock["entries"]["no-guides"]["en"] == {
        "from": "ko",
        "hash": None,
        "note": "the en answer adds a sentence",
    }
    [item] = status_json(capsys, fixture_project)["languages"]["en"]["outdated"]
    assert (
        "made from another ko text than the current one (the en answer adds a sentence)"
        in (item["message"])
    )


def test_the_lock_is_deterministic_and_an_unchanged_run_writes_nothing(fixture_project, capsys):
    lock = fixture_project / "faq_source" / LOCK_FILE
    text = lock.read_text("utf-8")
    assert text.endswith("}\n") and list(json.loads(text)) == ["about", "entries", "guides"]
    before = snapshot(fixture_project)
    code, out, _ = run(capsys, fixture_project, "mark-current", "--all")
    assert code == 0 and "nothing to change" in out
    assert run(capsys, fixture_project)[0] == 0
    assert run(capsys, fixture_project, "status")[0] == 0
    assert snapshot(fixture_project) == before


def test_a_source_language_per_item(fixture_project, capsys):
    """An entry written in English: its Korean text is the translation."""
    edit(
        fixture_project / "faq_source" / "faq.yaml",
        "    guides: []",
        "    guides: []\n    source_language: en",
    )
    [item] = status_json(capsys, fixture_project)["languages"]["ko"]["outdated"]
    assert (item["id"], item["source_language"]) == ("no-guides", "en")
    assert "never marked current" in item["message"]
    assert run(capsys, fixture_project, "mark-current", "no-guides")[0] == 0
    assert status_json(capsys, fixture_project)["total"]["outdated"] == 0


@pytest.mark.parametrize(
    "args, words",
    [
        (["mark-current"], "give the ids of questions or guides, or --all"),
        (["mark-current", "first", "--all"], "give the ids of questions or guides, or --all"),
        (["mark-current", "frist"], "'frist' is not the id of a question or a guide"),
        (["mark-current", "--all", "--language", "fr"], "'fr' is not a language of the site"),
        (["status", "--format", "xml"], "invalid choice"),
    ],
)
def test_bad_command_line_use_exits_2(fixture_project, capsys, args, words):
    with pytest.raises(SystemExit) as stop:
        main([*args, "--root", str(fixture_project)])
    assert stop.value.code == 2
    assert words in capsys.readouterr().err


def test_a_broken_lock_is_a_located_error(fixture_project, capsys):
    (fixture_project / "faq_source" / LOCK_FILE).write_text('{"entries": {\n  "x": [}\n', "utf-8")
    code, _, err = run(capsys, fixture_project, "status")
    assert code == 1
    assert err.startswith(f"faq_source/{LOCK_FILE}:2:9: not valid JSON"), err


# --- glossary ----------------------------------------------------------------------------------

GLOSSARY = """\
# yaml-language-server: $schema=schema/glossary.schema.json
terms:
  - id: unlink
    ko:
      use: 연동 해제
      avoid: [바인딩 해제, 바인딩]
    en:
      use: unlink
      avoid: [unbind]
  - id: settings
    name: true
    ko:
      use: 설정
    en:
      use: Settings
"""


def test_the_glossary_lint_reports_each_avoided_variant_with_the_preferred_term(
    fixture_project, capsys
):
    (fixture_project / "faq_source" / "glossary.yaml").write_text(GLOSSARY, "utf-8")
    assert run(capsys, fixture_project)[0] == 0, "the fixture uses no avoided variant"
    faq = fixture_project / "faq_source" / "faq.yaml"
    edit(faq, "        - 목록 둘\n", "        - 목록 둘: 바인딩을 해제하고 다시 바인딩하세요\n")
    edit(faq, "        - item two\n", "        - item two: Unbind it\n")
    before = snapshot(fixture_project / "docs")
    code, _, err = run(capsys, fixture_project)
    assert code == 1 and snapshot(fixture_project / "docs") == before
    assert err.splitlines() == [
        "faq_source/faq.yaml:18: entries[1].ko.answer: '바인딩' is a variant to avoid in ko: "
        "write '연동 해제' (glossary term 'unlink', faq_source/glossary.yaml:3).",
        "faq_source/faq.yaml:18: entries[1].ko.answer: '바인딩' is a variant to avoid in ko: "
        "write '연동 해제' (glossary term 'unlink', faq_source/glossary.yaml:3).",
        "faq_source/faq.yaml:25: entries[1].en.answer: 'Unbind' is a variant to avoid in en: "
        "write 'unlink' (glossary term 'unlink', faq_source/glossary.yaml:3).",
        "3 problems in faq_source/; nothing was written.",
    ]


def test_a_bad_glossary_is_located(fixture_project, capsys):
    (fixture_project / "faq_source" / "glossary.yaml").write_text(
        GLOSSARY.replace("      use: unlink", "      uses: unlink"), "utf-8"
    )
    code, _, err = run(capsys, fixture_project)
    assert code == 1
    assert err.startswith("faq_source/glossary.yaml:8:7: terms[0].en.uses: unknown field"), err


def test_the_real_source_passes_the_glossary_lint():
    center = load(ROOT / "faq_source", ROOT)  # raises on any avoided variant
    assert {t.id for t in center.glossary} >= {"worldfirst", "alipay-business", "unlink"}


# --- parity ------------------------------------------------------------------------------------


def test_parity_mismatches_are_reported_with_both_places(fixture_project, capsys):
    (fixture_project / "faq_source" / "glossary.yaml").write_text(GLOSSARY, "utf-8")
    faq = fixture_project / "faq_source" / "faq.yaml"
    edit(
        faq,
        "See {{guide:second}}. Date: {{fact:cutoff}}.",
        "See {{guide:first}}, step 3, and [the site](https://example.com/).",
    )
    guides = fixture_project / "faq_source" / "guides.yaml"
    edit(guides, "        - Confirm.\n", "        - Confirm.\n        - Done.\n")
    edit(guides, "Open **Settings**.", "Open the options.")
    assert run(capsys, fixture_project, "mark-current", "--all")[0] == 0
    code, out, _ = run(capsys, fixture_project, "status")
    assert code == 0
    lines = [line.strip() for line in out.splitlines()]
    where = "faq_source/faq.yaml:11: entries[0].en.answer: parity:"
    original = "the ko text (faq_source/faq.yaml:7)"
    for expected in (
        f"{where} fact 'cutoff' missing here: {original} has it.",
        f"{where} link to the guide 'second' missing here: {original} has it.",
        f"{where} link to the guide 'first' not in the original: {original} does not.",
        f"{where} link to 'https://example.com/' not in the original: {original} does not.",
        f"{where} number '3' not in the original: {original} does not.",
        "faq_source/guides.yaml:29:7: guides[1].en.steps: parity: 2 steps here, 1 in the ko "
        "text (faq_source/guides.yaml:23:7).",
        "faq_source/guides.yaml:19: guides[0].en.steps[1]: parity: name 'Settings / 설정' "
        "missing here: the ko text (faq_source/guides.yaml:10) has it.",
    ):
        assert expected in lines, out
    assert lines[-1].startswith("Total: 0 outdated, 0 missing, 7 parity mismatches.")
    assert run(capsys, fixture_project, "status", "--strict")[0] == 1
    assert run(capsys, fixture_project, "--strict")[0] == 1


# --- facts -------------------------------------------------------------------------------------


def test_amounts_and_percentages_are_rendered_per_locale(fixture_project, capsys):
    site = fixture_project / "faq_source" / "site.yaml"
    site.write_text(
        site.read_text("utf-8")
        + "  fee:\n    type: amount\n    value: 1000\n    currency: CNY\n"
        + "  rate:\n    type: percent\n    value: 1.5\n",
        "utf-8",
    )
    faq = fixture_project / "faq_source" / "faq.yaml"
    edit(faq, KO_ANSWER, KO_ANSWER + " 수수료 {{fact:fee}}, {{fact:rate}}.")
    edit(faq, "Date: {{fact:cutoff}}.", "Date: {{fact:cutoff}}. Fee {{fact:fee}}, {{fact:rate}}.")
    pages = render.render_site(load(fixture_project / "faq_source", fixture_project))
    assert "수수료 CN¥1,000.00, 1.5%." in pages["ko/faq.md"]
    assert "Fee CN¥1,000.00, 1.5%." in pages["en/faq.md"]


@pytest.mark.parametrize(
    "fact, location, words",
    [
        (
            "  fee:\n    type: amount\n    value: 1000\n",
            "facts.fee.currency:",
            "missing required field 'currency'",
        ),
        (
            "  fee:\n    type: amount\n    value: 1,000 won\n    currency: KRW\n",
            "facts.fee.value:",
            "expected a number, got a text",
        ),
        ("  rate:\n    type: percent\n    value: 1.5%\n", "facts.rate.value:", "expected a number"),
        (
            "  rate:\n    type: percent\n    value: 2\n    currency: KRW\n",
            "facts.rate.currency:",
            "only for an amount",
        ),
    ],
)
def test_bad_amounts_and_percentages_are_located(fixture_project, capsys, fact, location, words):
    site = fixture_project / "faq_source" / "site.yaml"
    site.write_text(site.read_text("utf-8") + fact, "utf-8")
    code, _, err = run(capsys, fixture_project)
    assert code == 1
    assert err.startswith("faq_source/site.yaml:") and location in err and words in err, err


# --- the real source ---------------------------------------------------------------------------


def test_the_real_source_records_the_seed_differences_as_outdated_translations(capsys):
    """Questions 3 and 4 of the seed say different things in Korean and English: the lock
    records their English as made from another Korean text. (When a translator reconciles
    them and runs mark-current, update this test.)"""
    data = json.loads(
        (main(["status", "--format", "json", "--root", str(ROOT)]), capsys.readouterr().out)[1]
    )
    english = data["languages"]["en"]
    assert english["missing"] == []
    assert {item["id"] for item in english["outdated"]} == {"refund-destination", "link-worldfirst"}
    faq = (ROOT / "faq_source" / "faq.yaml").read_text("utf-8")
    assert faq.count("# Translation note:") == 2, "the writers' comments stay"


# --- end to end: the built site ----------------------------------------------------------------


def test_built_english_page_shows_the_notice_until_marked_current(tmp_path, capsys):
    project = tmp_path / "project"
    shutil.copytree(BASIC, project / "faq_source")
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "hooks", project / "hooks")
    assert run(capsys, project, "mark-current", "--all")[0] == 0
    assert run(capsys, project)[0] == 0  # docs/ must exist before MkDocs starts
    edit(project / "faq_source" / "faq.yaml", KO_ANSWER, "바뀐 답입니다. " + KO_ANSWER)
    assert run(capsys, project, "status", "--strict")[0] == 1

    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = tmp_path / "site" / "en" / "faq" / "index.html"
    html = page.read_text("utf-8")
    assert EN_NOTICE in html.split('id="no-guides"')[0]
    [link] = [
        link
        for link in parse(page).links
        if link.hreflang == "ko" and link.text == "한국어" and "md-select__link" not in link.classes
    ]
    file, fragment = resolve(tmp_path / "site", page, link.href)
    assert file == tmp_path / "site" / "faq" / "index.html" and fragment == "plain-text"
    assert "plain-text" in parse(file).ids

    assert run(capsys, project, "mark-current", "plain-text")[0] == 0
    assert run(capsys, project, "status", "--strict")[0] == 0
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert EN_NOTICE not in page.read_text("utf-8")


ZH_LABELS = {
    "faq_title": "常见问题",
    "faq_intro": "关于跨境宝迁移的常见问题。",
    "guides_heading": "分步指南",
    "faq_link": "查看全部常见问题",
    "related_guides": "相关指南",
    "referring_questions": "与本指南相关的问题",
    "steps_heading": "步骤",
    "outdated_notice": "此译文可能已过时。阅读原文：",
    "untranslated_notice": "此内容尚未翻译成中文，以下显示原文。",
}


def add_chinese(project: Path) -> None:
    """A third language, in the source alone: a zh block in site.yaml (labels included)."""
    site = project / "faq_source" / "site.yaml"
    data = yaml.safe_load(site.read_text("utf-8"))
    zh = copy.deepcopy(data["languages"]["en"])  # any label added later keeps its English text
    zh.pop("search", None)
    zh.pop("not_found", None)
    zh.update(
        name="简体中文",
        site_name="跨境宝迁移指南",
        description="跨境宝改由 WorldFirst 运营后，如何继续支付 1688 订单。",
        home={
            "title": "跨境宝已迁移至 WorldFirst",
            "intro": "自{{fact:cutoff_date}}起，跨境宝由 WorldFirst 运营。\n",
        },
    )
    zh["labels"].update(ZH_LABELS)
    data["languages"]["zh"] = zh
    site.write_text(
        "# yaml-language-server: $schema=schema/site.schema.json\n"
        + yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
        "utf-8",
    )


def test_a_third_language_needs_no_code_change(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    add_chinese(project)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"

    center = load(project / "faq_source", project)
    pages = ["", "faq", *(f"guides/{g.id}" for g in center.guides)]
    for rel in pages:
        page = parse(site / "zh" / rel / "index.html")
        assert page.lang == "zh", rel
        # the selector leads to the same page in every language, and back
        selector = {link.hreflang: link for link in page.links if "md-select__link" in link.classes}
        assert set(selector) == {"ko", "en", "zh"}
        for code, prefix in (("ko", ""), ("en", "en/"), ("zh", "zh/")):
            file, _ = resolve(site, page.path, selector[code].href)
            assert file == site / prefix / rel / "index.html", (rel, code)
        other = parse(site / "en" / rel / "index.html")
        back = next(
            link
            for link in other.links
            if "md-select__link" in link.classes and link.hreflang == "zh"
        )
        assert resolve(site, other.path, back.href)[0] == page.path

    # untranslated: the Korean text, under the Chinese notice
    faq = parse(site / "zh" / "faq" / "index.html")
    assert faq.h2_ids == [e.id for e in center.entries]
    assert faq.text.count(ZH_LABELS["untranslated_notice"]) == len(center.entries)
    assert center.entries[0].texts["ko"].question in faq.text
    guide = parse(site / "zh" / "guides" / center.guides[0].id / "index.html")
    assert ZH_LABELS["untranslated_notice"] in guide.text and "步骤" in guide.text

    # and status lists every item as missing in zh, with its place
    code, out, _ = run(capsys, project, "status")
    assert code == 0
    zh_line = next(line for line in out.splitlines() if line.startswith("zh "))
    count = len(center.entries) + len(center.guides)
    assert zh_line == f"zh (简体中文): 0 outdated, {count} missing, 0 parity mismatches"
    assert "  faq_source/faq.yaml:" in out and "entries[0].zh: missing translation 'zh'" in out
    assert run(capsys, project, "status", "--strict")[0] == 1


def test_the_glossary_lint_runs_alongside_other_problems(fixture_project, capsys):
    (fixture_project / "faq_source" / "glossary.yaml").write_text(GLOSSARY, "utf-8")
    faq = fixture_project / "faq_source" / "faq.yaml"
    edit(faq, "        - item two\n", "        - item two: unbind it\n")
    edit(faq, "[first, second]", "[first, secnd]")
    code, _, err = run(capsys, fixture_project)
    assert code == 1
    assert "faq_source/faq.yaml:3:21: entries[0].guides[1]: unknown guide 'secnd'" in err
    assert "faq_source/faq.yaml:25: entries[1].en.answer: 'unbind' is a variant to avoid" in err


def test_the_notice_links_to_the_same_category_page_in_the_original(fixture_project, capsys):
    faq = fixture_project / "faq_source" / "faq.yaml"
    text = faq.read_text("utf-8").replace(
        "entries:\n",
        "categories:\n  - id: basics\n    ko: {title: 기본}\n    en: {title: Basics}\nentries:\n",
        1,
    )
    faq.write_text(
        text.replace("    guides: [", "    category: basics\n    guides: [", 1).replace(
            "    guides: []", "    category: basics\n    guides: []", 1
        ),
        "utf-8",
    )
    center = load(fixture_project / "faq_source", fixture_project)
    pages = render.render_site(center, {("entry", "no-guides", "en")})
    [path] = [p for p in pages if p.startswith("en/faq/") and "{#no-guides}" in pages[p]]
    assert path == "en/faq/basics.md"
    assert '<a href="../../../faq/basics/#no-guides" hreflang="ko"' in pages[path]
