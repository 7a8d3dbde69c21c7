"""Errors at scale: a 5,000-question source with 100 planted errors reports all 100 in one run.

The source is the bench's (scripts/bench.py): the real faq.yaml, then synthetic entries; every
50th synthetic entry is broken in one of eight ways. The time this takes is measured by
``make bench``, not asserted here.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from helpcenter.cli import main
from helpcenter.load import load
from support.project_tools import ROOT, snapshot

QUESTIONS = 5000
PLANTED = 100


def _load_bench():
    spec = importlib.util.spec_from_file_location("bench", ROOT / "scripts" / "bench.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _load_bench()


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[int, str]]:
    text, planted = bench.faq_with_errors(QUESTIONS, PLANTED)
    project = bench.make_project(tmp_path_factory.mktemp("scale") / "project", text)
    return project, planted


def test_the_planted_source_is_what_it_claims(broken):
    project, planted = broken
    text = (project / "faq_source" / "faq.yaml").read_text("utf-8")
    assert text.count("\n  - id: ") == QUESTIONS
    assert len(planted) == PLANTED
    assert len(set(planted.values())) == 8
    # A clean source of the same size passes (so every problem below comes from a plant).
    clean = bench.make_project(project.parent / "clean", bench.synthetic_faq(QUESTIONS))
    center = load(clean / "faq_source", clean)
    assert len(center.entries) == QUESTIONS


def test_all_100_planted_errors_are_reported_in_one_run(broken, capsys):
    project, planted = broken
    before = snapshot(project / "docs")
    assert main(["--root", str(project)]) == 1
    err = capsys.readouterr().err
    lines = err.rstrip("\n").split("\n")
    problems = [line for line in lines if re.match(r"faq_source/\S+:\d+", line)]
    named = {int(n) for line in problems for n in re.findall(r"entries\[(\d+)\]", line)}
    missed = {position: kind for position, kind in planted.items() if position not in named}
    assert missed == {}
    assert len(problems) == PLANTED
    assert f"{PLANTED} problems in faq_source/" in lines[-1]
    assert snapshot(project / "docs") == before
