"""The no-change fast path of scripts/build_faq.py (output/fastpath.py): same report, nothing
loaded, never stale. (The rendered-source cache of the pipeline: tests/e2e/test_pipeline_cache.py.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from support.project_tools import ROOT, edit, snapshot

SCRIPT = ROOT / "scripts" / "build_faq.py"


def run(project: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *extra, str(SCRIPT), "--root", str(project)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_an_unchanged_project_is_answered_without_loading_the_generator(project: Path):
    first = run(project)
    assert first.returncode == 0, first.stderr
    before = snapshot(project / "docs")
    second = run(project, "-X", "importtime")
    assert second.returncode == 0
    assert second.stdout.startswith("build_faq: 0 created, 0 updated, 0 removed, 12 unchanged.")
    assert "jsonschema" not in second.stderr and "helpcenter.load" not in second.stderr
    assert snapshot(project / "docs") == before


def test_a_source_edit_is_never_answered_from_the_cache(project: Path):
    assert run(project).returncode == 0
    edit(project / "faq_source" / "faq.yaml", "What will happen", "What happens")
    result = run(project)
    assert "3 updated" in result.stdout, result.stdout + result.stderr  # FAQ, home, guide
    assert "What happens" in (project / "docs" / "en" / "faq.md").read_text("utf-8")


def test_a_deleted_or_hand_edited_page_is_never_answered_from_the_cache(project: Path):
    assert run(project).returncode == 0
    (project / "docs" / "ko" / "faq.md").unlink()
    result = run(project)
    assert "1 created" in result.stdout, result.stdout + result.stderr
    page = project / "docs" / "en" / "faq.md"
    page.write_text(page.read_text("utf-8").replace("Frequently", "Very frequently"), "utf-8")
    edit(project / "faq_source" / "faq.yaml", "What will happen", "What happens")
    result = run(project)
    assert result.returncode == 1
    assert "docs/en/faq.md: this generated page was edited by hand" in result.stderr
