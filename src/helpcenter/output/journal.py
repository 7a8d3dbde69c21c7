"""All-or-nothing changes to docs/: a journal that the next run finishes or undoes.

:func:`change` carries out one run's writes and removals in four steps:

1. **stage**: each new page goes to ``<project>/.cache/docs-staging/<n>.page`` (or, if ``.cache``
   is on another file system than docs/, to ``docs/.helpcenter-staging/``, which MkDocs ignores as
   a dot-folder), then ``journal.pending`` lists the renames and removals; all are fsynced, and
   every folder that will change is checked to be writable. docs/ is untouched so far.
2. **commit**: ``journal.pending`` is renamed to ``journal.json``: one atomic step.
3. **roll forward**: each staged file is renamed over its page, removed pages are deleted.
4. **finish**: ``journal.json`` is deleted, then the staging folder.

A kill before step 2 leaves docs/ wholly old; :func:`recover` (run by every run before it reads
docs/) deletes the staging folder. A kill after it leaves a committed journal, which
:func:`recover` carries out again (each step can be repeated), so docs/ becomes wholly new.
:func:`recover` also deletes the ``.<page>.md.XXXXXXXX.tmp`` files that older versions of the
generator could leave in docs/. Hand-written files (without the generated marker) are never
renamed over or deleted, even by a journal.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
from pathlib import Path, PurePosixPath

from ..errors import OutputError
from ..marker import MARKER

STAGING = Path(".cache") / "docs-staging"
"""Relative to the project folder (docs/'s parent), git-ignored with .cache/."""
FALLBACK_STAGING = ".helpcenter-staging"
"""Inside docs/, if .cache/ is on another file system (os.replace cannot cross one)."""
PENDING, COMMITTED = "journal.pending", "journal.json"
PROBE = ".helpcenter-probe.tmp"
STALE_TMP = re.compile(r"\..+\.md\.[a-z0-9_]{8}\.tmp|" + re.escape(PROBE))
"""Temporary files a kill can leave in docs/: atomic.write_atomic's (tempfile.mkstemp names,
from older versions) and the writability probe's."""
_STAGED = re.compile(r"[0-9]{6}\.page")

_FIXES = {
    errno.EACCES: "make it writable for this user (chmod u+w, or chown) and run again",
    errno.EPERM: "make it writable for this user (chmod u+w, or chown) and run again",
    errno.EROFS: "the file system is read-only: build in a writable copy of the project",
    errno.ENOSPC: "the disk is full: free some space and run again",
    errno.EDQUOT: "the disk quota is used up: free some space and run again",
    errno.EISDIR: "a folder is where a page belongs: move or rename the folder",
    errno.ENOTDIR: "a file is where a folder belongs: move or rename the file",
    errno.EEXIST: "a file is where a folder belongs: move or rename the file",
}
_UNCHANGED = "Nothing in docs/ was changed."


def staging_candidates(docs: Path) -> list[Path]:
    """Where a staging folder of ``docs`` can be: the usual place, then the fallback."""
    return [docs.parent / STAGING, docs / FALLBACK_STAGING]


def change(docs: Path, writes: dict[str, str], removes: list[str]) -> None:
    """Write ``writes`` (``{path in docs/: text}``) and delete ``removes``, all or nothing."""
    if not writes and not removes:
        return
    staging = None
    try:
        docs.mkdir(parents=True, exist_ok=True)
        staging = _staging_folder(docs)
        _stage(docs, staging, writes, removes)
        _commit(staging)
    except OSError as err:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        raise located(err, docs, "preparing the new pages", _UNCHANGED) from None
    _roll_forward(docs, staging)


def recover(docs: Path) -> None:
    """Finish a committed change a killed run left, or undo an uncommitted one; delete stale
    temporary files. Called under the build lock before docs/ is read."""
    for staging in staging_candidates(docs):
        if (staging / COMMITTED).is_file():
            _roll_forward(docs, staging)
        elif staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    for path in stale_temporary_files(docs):
        try:
            path.unlink()
        except OSError:  # a read-only docs/: harmless, and reported if this run writes
            pass


def stale_temporary_files(docs: Path) -> list[Path]:
    """``.<page>.md.XXXXXXXX.tmp`` files in docs/ (outside the staging folder)."""
    found = []
    for folder, subfolders, files in os.walk(docs):
        subfolders[:] = [s for s in subfolders if s != FALLBACK_STAGING]
        found += [Path(folder, name) for name in files if STALE_TMP.fullmatch(name)]
    return sorted(found)


def located(
    err: OSError, docs: Path, doing: str, state: str, path: Path | None = None
) -> OutputError:
    """An :class:`OutputError` naming the path (``path`` if the error names none), what failed
    and how to fix it."""
    name = err.filename2 or err.filename  # os.replace(staged, page): the page
    where = Path(name) if name else path or docs
    try:
        where = where.resolve().relative_to(docs.parent.resolve())
    except ValueError:
        pass
    fix = _FIXES.get(err.errno or 0, "fix the cause and run again")
    reason = err.strerror or (err.args[0] if err.args else type(err).__name__)
    return OutputError(f"{where}: {reason} while {doing}; {fix}. {state}")


def _stage(docs: Path, staging: Path, writes: dict[str, str], removes: list[str]) -> None:
    """Step 1: the new pages and ``journal.pending`` in the empty ``staging``, all fsynced."""
    renames = []
    for number, (rel, text) in enumerate(sorted(writes.items())):
        name = f"{number:06d}.page"
        write_synced(staging / name, text.encode("utf-8"))
        renames.append([name, rel])
    _check_targets(docs, list(writes) + removes)
    data = {"renames": renames, "removes": sorted(removes)}
    write_synced(staging / PENDING, json.dumps(data, ensure_ascii=False).encode("utf-8"))


def _staging_folder(docs: Path) -> Path:
    """A new, empty staging folder on docs/'s file system."""
    staging = docs.parent / STAGING
    shutil.rmtree(staging, ignore_errors=True)  # recover() ran under the same lock: left-overs
    staging.mkdir(parents=True)
    if staging.stat().st_dev == docs.stat().st_dev:
        return staging
    staging.rmdir()
    staging = docs / FALLBACK_STAGING
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    return staging


def write_synced(path: Path, data: bytes) -> None:
    """Create ``path`` with ``data`` and flush it to the disk."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except OSError as err:  # os.write's errors (ENOSPC) name no file
        raise OSError(err.errno, err.strerror or str(err), err.filename or str(path)) from None
    finally:
        os.close(fd)


def _check_targets(docs: Path, rels: list[str]) -> None:
    """Raise the OSError the roll-forward would meet, before anything is committed: a folder in
    a page's place, a file in a folder's place, a folder that cannot be written."""
    folders = set()
    for rel in rels:
        target = docs / rel
        if target.is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
        folder = target.parent
        while not folder.exists():
            folder = folder.parent
        if not folder.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(folder))
        folders.add(folder)
    for folder in sorted(folders):  # the real test: create and delete a file there
        probe = folder / PROBE
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644))
        os.unlink(probe)


def _commit(staging: Path) -> None:
    """Step 2: one atomic rename makes the change happen, whatever comes next."""
    os.replace(staging / PENDING, staging / COMMITTED)
    _sync_folder(staging)


def _roll_forward(docs: Path, staging: Path) -> None:
    """Steps 3 and 4; each can be repeated after a kill (a staged file that is gone was moved)."""
    renames, removes = _read_journal(docs, staging)
    touched: set[Path] = set()
    target = docs
    try:
        for name, rel in renames:
            source, target = staging / name, docs / rel
            if source.exists() and _ours_or_absent(target):
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(source, target)
                touched.add(target.parent)
        for rel in removes:
            target = docs / rel
            if target.is_file() and _ours_or_absent(target):
                target.unlink()
                touched.add(target.parent)
                _remove_empty_parents(target.parent, docs)
        for folder in touched:
            if folder.is_dir():
                _sync_folder(folder)
        (staging / COMMITTED).unlink()
    except OSError as err:
        raise located(err, docs, "updating docs/", (
            f"docs/ is part-way through the update; {_shown(staging, docs)}/ keeps the change "
            "and the next run finishes it once the cause is fixed."), target) from None
    shutil.rmtree(staging, ignore_errors=True)


def _read_journal(docs: Path, staging: Path) -> tuple[list[list[str]], list[str]]:
    """The committed journal, refused unless every path stays inside docs/."""
    try:
        data = json.loads((staging / COMMITTED).read_bytes())
        renames, removes = data["renames"], data["removes"]
        if all(_STAGED.fullmatch(n) and _safe(r) for n, r in renames) and all(
            _safe(r) for r in removes
        ):
            return renames, removes
    except (OSError, ValueError, KeyError, TypeError):
        pass
    raise OutputError(
        f"{_shown(staging, docs)}/{COMMITTED}: the record of an interrupted update of docs/ is "
        f"damaged. Delete {_shown(staging, docs)}/, check docs/ with git status, then run again."
    )


def _safe(rel: object) -> bool:
    """A relative ``.md`` path inside docs/ (no ``..``, not absolute)."""
    if not isinstance(rel, str) or not rel.endswith(".md"):
        return False
    path = PurePosixPath(rel)
    return not path.is_absolute() and ".." not in path.parts and "\\" not in rel


def _ours_or_absent(path: Path) -> bool:
    """True if ``path`` is missing or a generated file: never replace a hand-written one."""
    marker = MARKER.encode("utf-8")
    try:
        with path.open("rb") as handle:
            return handle.read(len(marker)) == marker
    except FileNotFoundError:
        return True


def _remove_empty_parents(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _sync_folder(folder: Path) -> None:
    """fsync a folder, so that the renames in it survive a power cut."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _shown(path: Path, docs: Path) -> str:
    try:
        return path.relative_to(docs.parent).as_posix()
    except ValueError:
        return str(path)
