"""Builds shared by the security tests (each mkdocs build takes a few seconds)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from hostile import Run, make_hostile, run_mkdocs
from support.project_tools import copy_project


@dataclass
class Built:
    project: Path
    site: Path
    run: Run


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The project with hostile plain texts and awkward but allowed Markdown, built once."""
    base = tmp_path_factory.mktemp("hostile")
    project = make_hostile(copy_project(base / "project"))
    return Built(project, base / "site", run_mkdocs(project, base / "site"))
