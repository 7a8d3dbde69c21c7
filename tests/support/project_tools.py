"""Helpers shared by the tests: throw-away copies of the project, snapshots, strict builds.

(Kept out of conftest.py so that tests import them by an unambiguous module name.)
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROJECT_FILES = ("faq_source", "docs", "mkdocs.yml", "hooks")
GOLDENS = ROOT / "tests" / "render" / "goldens"
BASIC = GOLDENS / "basic" / "faq_source"
"""The small fixture source most load, output and translation tests edit (a render golden)."""


def copy_project(destination: Path) -> Path:
    """Copy the parts of the project a build reads (source, docs, config) into ``destination``."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, symlinks=False)
        else:
            shutil.copy2(source, destination / name)
    return destination


def copy_basic(destination: Path) -> Path:
    """A project folder holding only a copy of the basic fixture source (no docs/ yet)."""
    shutil.copytree(BASIC, destination / "faq_source")
    return destination


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in a text file by ``new`` (``old`` must be there)."""
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def run_cli(capsys, project: Path, *args: str) -> tuple[int, str, str]:
    """``helpcenter.cli.main`` in process on ``project``: (exit status, stdout, stderr)."""
    from helpcenter.cli import main

    code = main([*args, "--root", str(project)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes (for 'nothing changed' assertions)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def mkdocs_build(project_dir: Path, site_dir: Path, *options: str
                 ) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build --strict`` (and ``options``) on a project copy, as CI does."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *options,
         "--site-dir", str(site_dir)],
        cwd=project_dir,
        capture_output=True,
        text=True,
        env=_env(),
        check=False,
    )


def _env() -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    return env


# The real FAQ in two categories (tests of category pages and of moved questions).
CATEGORIES = """categories:
  - id: switching
    ko:
      title: 전환 준비
      description: 연동 해제와 WorldFirst 연동에 관한 질문입니다.
    en:
      title: Getting ready to switch
  - id: money
    ko:
      title: 잔액과 수수료
    en:
      title: Balance and fees
"""
MONEY = {"alipay-balance", "refund-destination", "fees-after-upgrade", "pay-with-alipay-balance"}


def categorise(project: Path) -> Path:
    faq = project / "faq_source" / "faq.yaml"
    text = faq.read_text("utf-8").replace("entries:\n", CATEGORIES + "entries:\n", 1)
    entries_at = text.index("entries:\n")
    head, body = text[:entries_at], text[entries_at:]
    body = re.sub(
        r"^  - id: (\S+)\n",
        lambda m: f"{m.group(0)}    category: {'money' if m.group(1) in MONEY else 'switching'}\n",
        body,
        flags=re.M,
    )
    faq.write_text(head + body, "utf-8")
    return project
