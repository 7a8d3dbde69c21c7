"""The checked and rendered source, remembered for the next process (pipeline.RENDER_CACHE): an
unchanged source is not loaded again; an edit, other code or a damaged file is."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.project_tools import snapshot


def _fresh_process_generate(project: Path, monkeypatch, *, loads: list[Path]) -> None:
    """``pipeline.generate`` as a new process runs it (no in-memory memo), counting full loads."""
    from helpcenter import pipeline

    monkeypatch.setattr(pipeline, "_RENDERED", {})
    original = getattr(pipeline.load, "real", pipeline.load)

    def counted(root: Path):
        loads.append(root)
        return original(root)

    counted.real = original
    monkeypatch.setattr(pipeline, "load", counted)
    pipeline.generate(project)


def test_an_unchanged_source_is_not_checked_and_rendered_again_by_the_next_process(
    project: Path, monkeypatch
):
    from helpcenter.pipeline import RENDER_CACHE

    loads: list[Path] = []
    _fresh_process_generate(project, monkeypatch, loads=loads)
    assert (project / RENDER_CACHE).is_file() and len(loads) == 1
    before = snapshot(project / "docs")
    _fresh_process_generate(project, monkeypatch, loads=loads)
    assert len(loads) == 1  # answered from the saved model and pages
    assert snapshot(project / "docs") == before

    faq = project / "faq_source" / "faq.yaml"  # an edit: checked and rendered again
    faq.write_text(faq.read_text("utf-8").replace("What will happen", "What happens"), "utf-8")
    _fresh_process_generate(project, monkeypatch, loads=loads)
    assert len(loads) == 2
    assert "What happens" in (project / "docs" / "en" / "faq.md").read_text("utf-8")


def test_a_saved_render_of_other_code_or_a_damaged_one_is_not_used(project: Path, monkeypatch):
    from helpcenter.output import fastpath
    from helpcenter.pipeline import RENDER_CACHE

    loads: list[Path] = []
    _fresh_process_generate(project, monkeypatch, loads=loads)
    monkeypatch.setattr(fastpath, "code_key", lambda: "another version of the generator")
    _fresh_process_generate(project, monkeypatch, loads=loads)
    assert len(loads) == 2
    for damaged in (b"", b"not a pickle", (project / RENDER_CACHE).read_bytes()[:100]):
        (project / RENDER_CACHE).write_bytes(damaged)
        _fresh_process_generate(project, monkeypatch, loads=loads)
    assert len(loads) == 5


def test_a_bad_source_is_reported_even_after_a_good_one_was_saved(project: Path, monkeypatch):
    from helpcenter.errors import SourceError

    loads: list[Path] = []
    _fresh_process_generate(project, monkeypatch, loads=loads)
    faq = project / "faq_source" / "faq.yaml"
    faq.write_text(faq.read_text("utf-8").replace("answer: |", "anwser: |", 1), "utf-8")
    with pytest.raises(SourceError, match="unknown field 'anwser'"):
        _fresh_process_generate(project, monkeypatch, loads=loads)


def test_mkdocs_serve_tells_the_generators_own_writes_from_other_changes(project: Path):
    """pipeline.written_by_generator: what the hook's on_serve watcher skips."""
    from helpcenter.pipeline import generate, written_by_generator

    docs = project / "docs"
    page = next(docs.glob("ko/*.md"))
    page.unlink()
    generate(project)  # writes the page again
    assert written_by_generator(docs, page)
    generate(project)  # a build's second call (the next language) writes nothing
    assert written_by_generator(docs, page)  # a watcher looking only now: still the generator's
    page.write_text(page.read_text("utf-8") + "edited\n", "utf-8")
    assert not written_by_generator(docs, page)  # a change made since: rebuild
    assert not written_by_generator(docs, docs / "notice.md")
    assert not written_by_generator(docs, project / "faq_source" / "faq.yaml")
