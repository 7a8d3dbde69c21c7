"""Shared fixtures: throw-away copies of the project, and the golden-file switch."""

from __future__ import annotations

from pathlib import Path

import pytest

from project_tools import copy_project, mkdocs_build


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite tests/goldens/*/expected from the current output",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A private copy of the real project, safe to break."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project built once per test session; returns its site/ folder."""
    base = tmp_path_factory.mktemp("built")
    project_dir = copy_project(base / "project")
    site = base / "site"
    result = mkdocs_build(project_dir, site)
    assert result.returncode == 0, result.stderr
    return site
