"""docs/ changes all or nothing: the journal's recovery, the build lock, file-system errors as
located messages, and a real kill test (scripts/kill_test.py, 3 kills)."""

from __future__ import annotations

import errno
import importlib.util
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from helpcenter.cli import main
from helpcenter.errors import OutputError
from helpcenter.marker import with_marker
from helpcenter.output import buildlock, fastpath, journal
from helpcenter.output.buildlock import BuildLockedError, locked_docs

KILL_TEST = Path(__file__).resolve().parents[2] / "scripts" / "kill_test.py"


def run(project: Path, *args: str) -> int:
    return main([*args, "--root", str(project)])


def files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (temporary ones and a staging folder included)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def edit_source(project: Path) -> None:
    """A change to both languages' FAQ pages."""
    faq = project / "faq_source" / "faq.yaml"
    faq.write_text(faq.read_text("utf-8").replace("What will happen", "What happens")
                   .replace("1688 계정의 연동이 해제되지 않으면", "1688 계정 연동을 해제하지 않으면"),
                   "utf-8")


def page(body: str) -> str:
    return with_marker(body, "faq_source/faq.yaml")


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """A docs/ with two generated pages and a hand-written one in the same folder."""
    docs = tmp_path / "docs"
    (docs / "ko").mkdir(parents=True)
    (docs / "ko" / "a.md").write_text(page("old a\n"), "utf-8")
    (docs / "ko" / "b.md").write_text(page("old b\n"), "utf-8")
    (docs / "ko" / "notice.md").write_text("# hand-written\n", "utf-8")
    return docs


def staged(docs: Path) -> Path:
    """Step 1 of a change (update a.md, create en/c.md, remove b.md), not committed."""
    writes = {"ko/a.md": page("new a\n"), "en/c.md": page("new c\n")}
    staging = journal._staging_folder(docs)
    journal._stage(docs, staging, writes, ["ko/b.md"])
    return staging


NEW = {"ko/a.md": page("new a\n"), "en/c.md": page("new c\n"), "ko/notice.md": "# hand-written\n"}


# --- recovery --------------------------------------------------------------------------------


def test_an_uncommitted_change_is_rolled_back(docs: Path):
    before = files(docs)
    staging = staged(docs)
    with locked_docs(docs):
        pass
    assert not staging.exists()
    assert files(docs) == before


@pytest.mark.parametrize("moved", [0, 1, 2])
def test_a_committed_change_is_rolled_forward_however_far_it_got(docs: Path, moved: int):
    staging = staged(docs)
    journal._commit(staging)
    renames = json.loads((staging / journal.COMMITTED).read_text())["renames"]
    for name, rel in renames[:moved]:  # the killed run had carried out some renames
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / name, docs / rel)
    with locked_docs(docs):
        assert {k: v.decode() for k, v in files(docs).items()} == NEW
    assert not staging.exists()


def test_a_journal_never_replaces_or_deletes_a_hand_written_file(docs: Path):
    staging = staged(docs)
    journal._commit(staging)
    (docs / "ko" / "a.md").write_text("# written by hand since\n", "utf-8")
    (docs / "ko" / "b.md").write_text("# this one too\n", "utf-8")
    journal.recover(docs)
    assert (docs / "ko" / "a.md").read_text("utf-8") == "# written by hand since\n"
    assert (docs / "ko" / "b.md").read_text("utf-8") == "# this one too\n"


@pytest.mark.parametrize("renames", [[["000000.page", "../../outside.md"]], "garbage"])
def test_a_damaged_or_hostile_journal_is_refused(docs: Path, renames):
    staging = staged(docs)
    journal._commit(staging)
    record = staging / journal.COMMITTED
    record.write_text(json.dumps({"renames": renames, "removes": []}))
    before = files(docs)
    with pytest.raises(OutputError, match=r"\.cache/docs-staging/journal\.json: .* damaged"):
        journal.recover(docs)
    assert files(docs) == before
    assert not (docs.parent.parent / "outside.md").exists()


def test_stale_temporary_files_are_removed_and_nothing_else(docs: Path):
    (docs / "ko" / ".faq.md.ab12_x9z.tmp").write_text("half a page")
    (docs / "ko" / journal.PROBE).write_text("")
    (docs / "ko" / ".notes.tmp").write_text("not ours")
    journal.recover(docs)
    assert sorted(files(docs)) == ["ko/.notes.tmp", "ko/a.md", "ko/b.md", "ko/notice.md"]


@pytest.mark.skipif(not Path("/dev/shm").is_dir(), reason="needs a second file system")
def test_staging_stays_on_the_file_system_of_docs(docs: Path, tmp_path: Path):
    elsewhere = Path(tempfile.mkdtemp(dir="/dev/shm"))
    try:
        if elsewhere.stat().st_dev == docs.stat().st_dev:
            pytest.skip("/dev/shm is on the same file system")
        (tmp_path / ".cache").symlink_to(elsewhere)
        staging = staged(docs)
        assert staging == docs / journal.FALLBACK_STAGING
        journal._commit(staging)
        journal._roll_forward(docs, staging)
        assert {k: v.decode() for k, v in files(docs).items()} == NEW
    finally:
        shutil.rmtree(elsewhere)


def test_the_fast_path_knows_the_staging_folders():
    docs = Path("docs")
    assert [docs.parent / f for f in fastpath.UNFINISHED] == journal.staging_candidates(docs)


# --- the lock --------------------------------------------------------------------------------


def test_a_second_run_waits_for_the_first(docs: Path):
    def hold() -> None:
        with locked_docs(docs):
            held.set()
            time.sleep(0.5)

    held = threading.Event()
    holder = threading.Thread(target=hold)
    holder.start()
    held.wait()
    start = time.monotonic()
    with locked_docs(docs, timeout=10):
        waited = time.monotonic() - start
    holder.join()
    assert 0.3 < waited < 5


def test_a_second_run_gives_up_with_a_message(project: Path, monkeypatch, capsys):
    monkeypatch.setattr(buildlock, "TIMEOUT", 0.3)
    edit_source(project)
    before = files(project / "docs")
    with locked_docs(project / "docs"):
        assert run(project) == 1
    err = capsys.readouterr().err
    assert f".cache/generate.lock: another build is writing docs/ (process {os.getpid()}" in err
    assert "Traceback" not in err
    assert files(project / "docs") == before
    with pytest.raises(BuildLockedError), locked_docs(project / "docs"):
        with locked_docs(project / "docs", timeout=0.1):
            pass


# --- file-system errors --------------------------------------------------------------------


def test_a_folder_where_a_page_belongs(project: Path, capsys):
    (project / "docs" / "ko" / "faq.md").unlink()
    (project / "docs" / "ko" / "faq.md").mkdir()
    before = files(project / "docs")
    assert run(project) == 1
    err = capsys.readouterr().err
    assert "docs/ko/faq.md: a folder is where the generator writes a page" in err
    assert files(project / "docs") == before


def test_a_file_where_a_folder_belongs(project: Path, capsys):
    guides = project / "docs" / "en" / "guides"
    for path in guides.iterdir():
        path.unlink()
    guides.rmdir()
    guides.write_text("in the way")
    assert run(project) == 1
    err = capsys.readouterr().err
    assert "docs/en/guides: a file is where the folder of docs/en/guides/" in err


def test_a_read_only_docs_folder(project: Path, monkeypatch, capsys):
    edit_source(project)
    before = files(project / "docs")
    real_open = os.open

    def refuse_in_docs(path, *args, **kwargs):
        if Path(path).is_relative_to(project / "docs") and len(args) and args[0] & os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse_in_docs)
    assert run(project) == 1
    err = capsys.readouterr().err
    assert "docs/en/.helpcenter-probe.tmp: Permission denied while preparing the new pages; " \
           "make it writable" in err
    assert "Nothing in docs/ was changed." in err
    monkeypatch.undo()
    assert files(project / "docs") == before
    assert not (project / journal.STAGING).exists()


def test_a_full_disk(project: Path, monkeypatch, capsys):
    edit_source(project)
    before = files(project / "docs")
    real_write = journal.write_synced

    def full_after_one(path: Path, data: bytes) -> None:
        if list(path.parent.iterdir()):
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real_write(path, data)

    monkeypatch.setattr(journal, "write_synced", full_after_one)
    assert run(project) == 1
    err = capsys.readouterr().err
    assert ".cache/docs-staging/000001.page: No space left on device" in err
    assert "the disk is full: free some space and run again. Nothing in docs/ was changed." in err
    assert files(project / "docs") == before
    assert not (project / journal.STAGING).exists()


def test_a_failure_while_rolling_forward_is_finished_by_the_next_run(project: Path, tmp_path,
                                                                     monkeypatch, capsys):
    edit_source(project)
    real_replace = os.replace
    calls = []

    def fail_second(src, dst):
        if Path(dst).is_relative_to(project / "docs"):
            calls.append(dst)
            if len(calls) == 2:
                raise PermissionError(errno.EACCES, "Permission denied", str(src), None, str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", fail_second)
    assert run(project) == 1
    err = capsys.readouterr().err
    assert ": Permission denied while updating docs/; make it writable" in err
    assert "the next run finishes it" in err and "Traceback" not in err
    monkeypatch.undo()
    assert run(project, "--check") == 0  # recovery first: --check sees the finished change
    assert not (project / journal.STAGING).exists()
    assert run(project) == 0
    assert "0 created, 0 updated, 0 removed" in capsys.readouterr().out


# --- a real kill test --------------------------------------------------------------------------


def test_three_kills_leave_docs_old_or_new(tmp_path: Path):
    spec = importlib.util.spec_from_file_location("kill_test", KILL_TEST)
    kill_test = importlib.util.module_from_spec(spec)
    sys.modules["kill_test"] = kill_test  # dataclasses look their module up
    spec.loader.exec_module(kill_test)
    outcomes = kill_test.kill_test(tmp_path, runs=3, questions=60, seed=3, rounds=1)
    assert all(o.ok for o in outcomes), kill_test.table(outcomes)
