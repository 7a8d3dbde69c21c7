"""The pipeline: load -> render -> check against docs/ -> plan -> apply, and its caches. The command
line (cli.py) and the MkDocs hook (mkdocs_hook.py) are two thin adapters over :func:`generate`.
"""

from __future__ import annotations

import hashlib
import json
import typing
from dataclasses import dataclass
from pathlib import Path

from . import codec, paths
from .atomic import write_cache
from .errors import SourceError
from .gcpause import collector_paused
from .load import load as load_source
from .model import HelpCenter
from .output import checks as output_checks
from .output import fastpath
from .output.buildlock import locked_docs
from .output.plan import Plan, apply, plan
from .render import render_site
from .translation import freshness, lock, parity

@dataclass(frozen=True)
class Result:
    center: HelpCenter
    plan: Plan
    translations: tuple[freshness.Finding, ...] = ()
    """Missing and outdated translations (``status`` lists them)."""


def load(root: Path) -> tuple[HelpCenter, lock.Lock, list[freshness.Finding]]:
    """The checked source, its translation lock and the missing or outdated translations."""
    center = load_source(root / "faq_source", root)
    if collisions := paths.collision_problems(center):
        raise SourceError(collisions)
    found, problems = lock.read_lock(root / "faq_source", root)
    if problems:
        raise SourceError(problems)
    return center, found, freshness.status(center, found)


_RENDERED: dict[Path, tuple[bytes, HelpCenter, list[freshness.Finding], dict[str, str]]] = {}
"""Per project folder: digest of faq_source/ -> the model, findings and pages it gave. A process
checks and renders the same source once: the MkDocs hook runs once per language in a build and
again on every ``mkdocs serve`` rebuild, most of them for edits outside faq_source/."""


def _source_digest(source_dir: Path) -> bytes:
    """SHA-256 over the name and bytes of every file in ``source_dir`` (a few MB: ~10 ms)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in source_dir.rglob("*") if p.is_file()):
        data = path.read_bytes()
        digest.update(b"%s\0%d\0" % (path.relative_to(source_dir).as_posix().encode(), len(data)))
        digest.update(data)
    return digest.digest()


def _load_and_render(
    root: Path, defer_save: bool = False,
) -> tuple[HelpCenter, list[freshness.Finding], dict[str, str]]:
    source_dir = root / "faq_source"
    key = root.resolve()
    digest = _source_digest(source_dir) if source_dir.is_dir() else b""
    cached = _RENDERED.get(key)
    if cached and digest and cached[0] == digest:
        return cached[1], cached[2], cached[3]
    _RENDERED.pop(key, None)
    saved_key = digest + fastpath.code_key().encode()
    with collector_paused():
        saved = _saved_render(root, saved_key) if digest else None
        if saved is None:
            center, _, findings = load(root)  # raises on a bad source: nothing is cached
            pages = render_site(center, freshness.outdated_keys(findings))
            if digest and defer_save:
                _UNSAVED[key] = (root, saved_key, (center, findings, pages))
            elif digest:
                _save_render(root, saved_key, (center, findings, pages))
        else:
            center, findings, pages = saved
    _RENDERED[key] = (digest, center, findings, pages)
    return center, findings, pages


_UNSAVED: dict[Path, tuple[Path, bytes, tuple]] = {}
"""Per project folder: a render whose saving :func:`generate` was asked to defer."""


def save_deferred() -> None:
    """Save the renders :func:`generate` deferred (``defer_save``): the MkDocs hook saves at the
    end of the build, while the search analyser finishes, instead of before MkDocs starts."""
    while _UNSAVED:
        _, (root, key, value) = _UNSAVED.popitem()
        with collector_paused():
            _save_render(root, key, value)


RENDER_CACHE = Path(".cache") / "rendered.json"
"""The last checked model and its pages, for the next process (relative to the project;
git-ignored): ``make check`` then ``make build`` in CI, or a second ``make build``, do not parse
and render an unchanged source again (~2 s at 5,000 questions). The first line is the key (the
source bytes' and the generator code's digest), checked before anything else is read; the
second is JSON decoded against the model's own annotations (codec.py): nothing in it can run
code, and anything unreadable, foreign or misshapen is ignored."""


class _Saved(typing.NamedTuple):
    center: HelpCenter
    findings: list[freshness.Finding]
    pages: dict[str, str]


def _saved_render(root: Path, key: bytes) -> _Saved | None:
    try:
        with (root / RENDER_CACHE).open("rb") as handle:
            if handle.readline().rstrip(b"\n") != key.hex().encode():
                return None
            data = json.loads(handle.read())
        return _Saved(codec.decode(data["center"], HelpCenter),
                      list(codec.decode(data["findings"], tuple[freshness.Finding, ...])),
                      codec.decode(data["pages"], dict[str, str]))
    except (OSError, ValueError, KeyError, TypeError, RecursionError):  # DecodeError: ValueError
        return None


def _save_render(root: Path, key: bytes, value: tuple) -> None:
    center, findings, pages = value
    data = {"center": codec.encode(center), "findings": codec.encode(findings), "pages": pages}
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    write_cache(root / RENDER_CACHE, key.hex() + "\n" + payload)


def generate(
    root: Path, *, check: bool = False, force: bool = False, strict: bool = False,
    defer_save: bool = False,
) -> Result:
    """Validate ``root/faq_source``, render, and (unless ``check``) bring ``root/docs`` up to date.

    Raises :class:`HelpCenterError` before touching any file if the source is invalid or the
    output would overwrite something the generator does not own; with ``strict``, also if a
    translation is missing or outdated or disagrees with its original (parity). Within one
    process an unchanged faq_source/ is not checked and rendered again; docs/ is still compared
    file by file, so hand edits and deleted pages are found as before. ``defer_save``: the
    checked, rendered source is saved for the next process by :func:`save_deferred`, not now.
    """
    center, findings, pages = _load_and_render(root, defer_save)
    if strict:
        problems = [f.problem() for f in findings]
        problems += [m.problem() for m in parity.parity(center)]
        if problems:
            raise SourceError(problems)
    docs = root / "docs"
    with locked_docs(docs):  # waits for another run; finishes or undoes one that was killed
        problems = output_checks.extra_page_problems(docs, center, pages)
        problems += output_checks.page_link_problems(docs, center, pages)
        if problems:
            raise SourceError(problems)
        result = plan(docs, pages, force=force)
        if not check:
            # Noted before writing: a file watcher may ask while the files are being written.
            _WRITTEN.setdefault(docs.resolve(), {}).update(
                {**{rel: pages[rel] for rel in result.create + result.update},
                 **dict.fromkeys(result.remove)})
            apply(docs, pages, result)
    return Result(center, result, tuple(findings))


_WRITTEN: dict[Path, dict[str, str | None]] = {}
"""Per docs/ folder: what :func:`generate` last wrote at each path there (None: removed). Kept
across calls: a build generates once per language, and a watcher may look only after the second
call, which wrote nothing."""


def written_by_generator(docs: Path, path: Path) -> bool:
    """True if the change at ``path`` (under ``docs``) is :func:`generate`'s own: the page as it
    last wrote it, a page it removed still absent, or its staging folder. ``mkdocs serve``
    ignores those (the hook generates inside a build: they would start another one)."""
    try:
        rel = path.resolve().relative_to(docs.resolve()).as_posix()
    except (ValueError, OSError):
        return False
    if rel.split("/")[0] in journal_staging_names():
        return True
    written = _WRITTEN.get(docs.resolve(), {})
    if rel not in written:
        return False
    expected = written[rel]
    try:
        return expected is not None and path.read_bytes() == expected.encode("utf-8")
    except FileNotFoundError:
        return expected is None
    except OSError:
        return False


def journal_staging_names() -> tuple[str, ...]:
    """Folders inside docs/ that only the generator's writes use."""
    return tuple(folder.name for folder in fastpath.UNFINISHED if folder.parts[0] == "docs")


def translation_note(result: Result) -> str | None:
    """One line on missing and outdated translations, if any."""
    if not result.translations:
        return None
    outdated = sum(f.state == "outdated" for f in result.translations)
    missing = len(result.translations) - outdated
    return (f"translations: {outdated} outdated, {missing} missing "
            "(scripts/build_faq.py status lists them).")
