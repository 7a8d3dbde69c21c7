"""The generator end to end on copies of the project: determinism, --check, what it may touch."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from html_pages import parse
from project_tools import ROOT, mkdocs_build, snapshot
from helpcenter.cli import main


def run(project: Path, *args: str) -> int:
    return main([*args, "--root", str(project)])


def test_committed_docs_are_up_to_date(capsys: pytest.CaptureFixture[str]):
    assert main(["--check", "--root", str(ROOT)]) == 0, capsys.readouterr().err


def test_two_runs_give_identical_bytes_and_the_second_writes_nothing(project: Path, capsys):
    for folder in ("ko", "en"):
        for path in (project / "docs" / folder).rglob("*.md"):
            path.unlink()
    assert run(project) == 0
    assert "12 created" in capsys.readouterr().out
    first = snapshot(project / "docs")
    mtimes = {p: p.stat().st_mtime_ns for p in (project / "docs").rglob("*.md")}
    assert run(project) == 0
    assert "0 created, 0 updated, 0 removed, 12 unchanged" in capsys.readouterr().out
    assert snapshot(project / "docs") == first
    assert {p: p.stat().st_mtime_ns for p in (project / "docs").rglob("*.md")} == mtimes
    assert first == snapshot(ROOT / "docs")


def test_check_lists_stale_files_and_writes_nothing(project: Path, capsys):
    faq = project / "faq_source" / "faq.yaml"
    faq.write_text(
        faq.read_text("utf-8").replace(
            "1688 계정의 연동이 해제되지 않으면", "1688 계정 연동을 해제하지 않으면"
        ),
        "utf-8",
    )
    before = snapshot(project / "docs")
    assert run(project, "--check") == 1
    err = capsys.readouterr().err
    assert "docs/ko/faq.md" in err and "docs/ko/index.md" in err
    # The English translation of that question is now outdated: its page gains the notice.
    assert "docs/en/faq.md" in err and "docs/en/index.md" not in err
    assert snapshot(project / "docs") == before


def test_hand_written_pages_are_kept(project: Path, capsys):
    notice = project / "docs" / "ko" / "notice.md"
    notice.write_text("# 공지\n\n손으로 쓴 페이지입니다.\n", "utf-8")
    assert run(project) == 0
    assert notice.read_text("utf-8") == "# 공지\n\n손으로 쓴 페이지입니다.\n"


def test_a_hand_written_file_in_the_way_is_never_overwritten(project: Path, capsys):
    faq = project / "docs" / "en" / "faq.md"
    faq.write_text("# My own FAQ\n", "utf-8")
    source = project / "faq_source" / "faq.yaml"
    source.write_text(
        source.read_text("utf-8").replace("What will happen", "What happens"), "utf-8"
    )
    before = snapshot(project / "docs")
    assert run(project) == 1
    assert "docs/en/faq.md: a file not made by the generator" in capsys.readouterr().err
    assert snapshot(project / "docs") == before


def test_a_hand_edited_generated_page_is_reported_not_overwritten(project: Path, capsys):
    faq = project / "docs" / "en" / "faq.md"
    faq.write_text(faq.read_text("utf-8").replace("Frequently", "Very frequently"), "utf-8")
    source = project / "faq_source" / "faq.yaml"
    source.write_text(
        source.read_text("utf-8").replace("What will happen", "What happens"), "utf-8"
    )
    before = snapshot(project / "docs")
    assert run(project) == 1
    assert "docs/en/faq.md: this generated page was edited by hand" in capsys.readouterr().err
    assert snapshot(project / "docs") == before
    assert run(project, "--force") == 0
    assert "Very frequently" not in faq.read_text("utf-8")


def test_removed_guide_removes_its_pages(project: Path, capsys):
    guides = project / "faq_source" / "guides.yaml"
    text = guides.read_text("utf-8")
    start = text.index("  - id: register-worldfirst")
    end = text.index("  - id: settle-alipay-business")
    text = text[:start] + text[end:]
    guides.write_text(text.replace("{{guide:register-worldfirst}}", "WorldFirst"), "utf-8")
    faq = project / "faq_source" / "faq.yaml"
    faq.write_text(
        faq.read_text("utf-8")
        .replace("[register-worldfirst, link-1688-in-worldfirst]", "[link-1688-in-worldfirst]")
        .replace("{{guide:register-worldfirst}}", "WorldFirst"),
        "utf-8",
    )
    assert run(project) == 0, capsys.readouterr().err
    assert "2 removed" in capsys.readouterr().out
    assert not (project / "docs" / "ko" / "guides" / "register-worldfirst.md").exists()
    assert not (project / "docs" / "en" / "guides" / "register-worldfirst.md").exists()


def test_a_carriage_return_in_a_text_does_not_look_like_a_hand_edit(project: Path, capsys):
    faq = project / "faq_source" / "faq.yaml"
    data = yaml.safe_load(faq.read_text("utf-8"))
    data["entries"][0]["en"]["answer"] = "A line\r with a carriage return.\n"
    faq.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    assert run(project) == 0, capsys.readouterr().err
    assert run(project) == 0, capsys.readouterr().err
    assert "0 created, 0 updated, 0 removed, 12 unchanged" in capsys.readouterr().out


def test_a_hand_written_page_listed_in_site_yaml_is_in_the_navigation(project: Path, tmp_path):
    (project / "docs" / "ko" / "notice.md").write_text("# 공지\n\n점검 안내입니다.\n", "utf-8")
    (project / "docs" / "en" / "notice.md").write_text("# Notice\n\nMaintenance.\n", "utf-8")
    site_yaml = project / "faq_source" / "site.yaml"
    site_yaml.write_text(site_yaml.read_text("utf-8") + "extra_pages:\n  - notice.md\n", "utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    for prefix, title in (("", "공지"), ("en/", "Notice")):
        faq = parse(tmp_path / "site" / prefix / "faq" / "index.html")
        nav = [(link.href, link.text) for link in faq.nav_links]
        assert ("../notice/", title) in nav
        assert nav.index(("../notice/", title)) > nav.index(("./", faq_title(prefix)))
    assert (project / "docs" / "ko" / "notice.md").read_text("utf-8").startswith("# 공지")


def faq_title(prefix: str) -> str:
    return "Frequently asked questions" if prefix else "자주 하는 질문"


def test_a_listed_hand_written_page_must_exist(project: Path, capsys):
    site_yaml = project / "faq_source" / "site.yaml"
    text = site_yaml.read_text("utf-8") + "extra_pages:\n  - notice.md\n  - faq.md\n"
    site_yaml.write_text(text, "utf-8")
    line = text.count("\n") - 1
    before = snapshot(project / "docs")
    assert run(project) == 1
    err = capsys.readouterr().err
    assert f"faq_source/site.yaml:{line}:5: extra_pages[0]: no page docs/ko/notice.md" in err
    assert f"faq_source/site.yaml:{line + 1}:5: extra_pages[1]: 'faq.md' is a generated" in err
    assert snapshot(project / "docs") == before
