"""Shared fixtures: throw-away copies of the project, and the golden-file switch."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT_FILES = ("faq_source", "docs", "mkdocs.yml", "hooks")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite tests/goldens/*/expected from the current output",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


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


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A private copy of the real project, safe to break."""
    return copy_project(tmp_path / "project")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes (for 'nothing changed' assertions)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def mkdocs_build(project_dir: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build --strict`` on a project copy, as CI does."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project_dir,
        capture_output=True,
        text=True,
        env=_env(),
        check=False,
    )


def _env() -> dict[str, str]:
    import os

    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    return env


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project built once per test session; returns its site/ folder."""
    base = tmp_path_factory.mktemp("built")
    project_dir = copy_project(base / "project")
    site = base / "site"
    result = mkdocs_build(project_dir, site)
    assert result.returncode == 0, result.stderr
    return site
