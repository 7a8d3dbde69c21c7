"""Shared fixtures: throw-away copies of the project, and the golden-file switches.

Shared helpers live in tests/support/ and are imported as ``support.<module>`` (pytest's default
prepend import mode puts tests/ on sys.path through this file).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support.project_tools import copy_basic, copy_project, mkdocs_build, run_cli


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite tests/render/goldens/*/expected from the current output",
    )
    parser.addoption(
        "--update-cases",
        action="store_true",
        help="rewrite the expect: block of tests/load/error_cases/*.yaml from the current output",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture
def update_cases(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-cases"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A private copy of the real project, safe to break."""
    return copy_project(tmp_path / "project")


@pytest.fixture
def basic_project(tmp_path: Path) -> Path:
    """The small fixture source (tests/render/goldens/basic) with its docs/ generated."""
    from helpcenter.cli import main

    project = copy_basic(tmp_path / "project")
    assert main(["--root", str(project)]) == 0
    return project


@pytest.fixture
def marked_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The basic fixture with its translations marked current and its docs/ generated."""
    project = copy_basic(tmp_path / "project")
    assert run_cli(capsys, project, "mark-current", "--all")[0] == 0
    assert run_cli(capsys, project)[0] == 0
    return project


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project built once per test session; returns its site/ folder."""
    base = tmp_path_factory.mktemp("built")
    project_dir = copy_project(base / "project")
    site = base / "site"
    result = mkdocs_build(project_dir, site)
    assert result.returncode == 0, result.stderr
    return site
