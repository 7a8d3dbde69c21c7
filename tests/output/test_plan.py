"""Plan and apply of docs/ on copies of the project: determinism, --check, what a run writes and
removes. (Hand-written pages: test_hand_written_pages.py.)"""

from __future__ import annotations

from pathlib import Path

import yaml

from helpcenter.cli import main
from support.project_tools import ROOT, snapshot


def run(project: Path, *args: str) -> int:
    return main([*args, "--root", str(project)])


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
