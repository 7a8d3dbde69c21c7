"""Translations in built sites (``mkdocs build --strict``): the English page shows the outdated
notice, linking to the Korean original, until marked current; a third language needs no code
change (a zh block in site.yaml: every page, the selector, the untranslated notice, status).
"""

from __future__ import annotations

import re

import copy
import shutil
from pathlib import Path

import yaml

from helpcenter.load import load
from support.html_pages import parse, resolve
from support.project_tools import BASIC, ROOT, copy_project, edit, mkdocs_build, run_cli

KO_ANSWER = "{{guide:second}} 가이드를 보세요. 날짜: {{fact:cutoff}}."
EN_NOTICE = "This translation may be out of date. Original:"


def test_built_english_page_shows_the_notice_until_marked_current(tmp_path, capsys):
    project = tmp_path / "project"
    shutil.copytree(BASIC, project / "faq_source")
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "hooks", project / "hooks")
    assert run_cli(capsys, project, "mark-current", "--all")[0] == 0
    assert run_cli(capsys, project)[0] == 0  # docs/ must exist before MkDocs starts
    edit(project / "faq_source" / "faq.yaml", KO_ANSWER, "바뀐 답입니다. " + KO_ANSWER)
    assert run_cli(capsys, project, "status", "--strict")[0] == 1

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

    assert run_cli(capsys, project, "mark-current", "plain-text")[0] == 0
    assert run_cli(capsys, project, "status", "--strict")[0] == 0
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
    # ... marked as Korean, so that a screen reader reads it in Korean, with Korean dates
    html = (site / "zh" / "faq" / "index.html").read_text("utf-8")
    for entry in center.entries:
        assert re.search(f'<h2 id="{entry.id}" lang="ko">', html), entry.id
    answers = re.findall(r'<div lang="ko">\s*<p>', html)
    assert len(answers) == len(center.entries)
    assert "2024년 8월 13일 이후에 알리페이" in html  # the fact in a Korean question
    guide_html = (site / "zh" / "guides" / center.guides[0].id / "index.html").read_text("utf-8")
    assert re.search(r'<h1 id="[^"]*" lang="ko">', guide_html)
    assert re.search(r'<div lang="ko">\s*<ol>', guide_html)  # the steps
    home = (site / "zh" / "index.html").read_text("utf-8")
    assert home.count('lang="ko">') >= len(center.guides)  # links to Korean guide pages

    # and status lists every item as missing in zh, with its place
    code, out, _ = run_cli(capsys, project, "status")
    assert code == 0
    zh_line = next(line for line in out.splitlines() if line.startswith("zh "))
    count = len(center.entries) + len(center.guides)
    assert zh_line == f"zh (简体中文): 0 outdated, {count} missing, 0 parity mismatches"
    assert "  faq_source/faq.yaml:" in out and "entries[0].zh: missing translation 'zh'" in out
    assert run_cli(capsys, project, "status", "--strict")[0] == 1
