"""Command line: ``scripts/build_faq.py [--check] [--force] [--strict]``, and the translators'
subcommands ``status``, ``mark-current`` and ``mark-outdated``; returns 0, 1 (bad source, stale or
refused output, translation problems under ``--strict``) or 2 (bad command-line use)."""

from __future__ import annotations

import argparse
import hashlib
import os
import pickle
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import buildcache, glossary, render, translation, validate, write
from .errors import HelpCenterError, SourceError
from .gcpause import collector_paused
from .model import HelpCenter


@dataclass(frozen=True)
class Result:
    center: HelpCenter
    plan: write.Plan
    translations: tuple[translation.Finding, ...] = ()
    """Missing and outdated translations (``status`` lists them)."""


def load(root: Path) -> tuple[HelpCenter, translation.Lock, list[translation.Finding]]:
    """The checked source, its translation lock and the missing or outdated translations."""
    center = validate.load(root / "faq_source", root)
    lock, problems = translation.read_lock(root / "faq_source", root)
    if problems:
        raise SourceError(problems)
    return center, lock, translation.status(center, lock)


_RENDERED: dict[Path, tuple[bytes, HelpCenter, list[translation.Finding], dict[str, str]]] = {}
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
    root: Path,
) -> tuple[HelpCenter, list[translation.Finding], dict[str, str]]:
    source_dir = root / "faq_source"
    key = root.resolve()
    digest = _source_digest(source_dir) if source_dir.is_dir() else b""
    cached = _RENDERED.get(key)
    if cached and digest and cached[0] == digest:
        return cached[1], cached[2], cached[3]
    _RENDERED.pop(key, None)
    saved_key = digest + buildcache.code_key().encode()
    with collector_paused():
        saved = _saved_render(root, saved_key) if digest else None
        if saved is None:
            center, _, findings = load(root)  # raises on a bad source: nothing is cached
            pages = render.render_site(center, translation.outdated_keys(findings))
            if digest:
                _save_render(root, saved_key, (center, findings, pages))
        else:
            center, findings, pages = saved
    _RENDERED[key] = (digest, center, findings, pages)
    return center, findings, pages


RENDER_CACHE = Path(".cache") / "rendered.pickle"
"""The last checked model and its pages, for the next process (relative to the project;
git-ignored): ``make check`` then ``make build`` in CI, or a second ``make build``, do not parse
and render an unchanged source again (~2 s at 5,000 questions). Only used for the same source
bytes and the same generator code; anything unreadable is ignored."""


def _saved_render(root: Path, key: bytes) -> tuple | None:
    try:
        with (root / RENDER_CACHE).open("rb") as handle:
            saved_key, value = pickle.load(handle)
    except Exception:  # noqa: BLE001 - missing, partial or from another version: recompute
        return None
    return value if saved_key == key else None


def _save_render(root: Path, key: bytes, value: tuple) -> None:
    target = root / RENDER_CACHE
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".rendered.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump((key, value), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except OSError:  # a cache that cannot be written only costs time
        if tmp:
            Path(tmp).unlink(missing_ok=True)


def generate(
    root: Path, *, check: bool = False, force: bool = False, strict: bool = False
) -> Result:
    """Validate ``root/faq_source``, render, and (unless ``check``) bring ``root/docs`` up to date.

    Raises :class:`HelpCenterError` before touching any file if the source is invalid or the
    output would overwrite something the generator does not own; with ``strict``, also if a
    translation is missing or outdated or disagrees with its original (parity). Within one
    process an unchanged faq_source/ is not checked and rendered again; docs/ is still compared
    file by file, so hand edits and deleted pages are found as before.
    """
    center, findings, pages = _load_and_render(root)
    if strict:
        problems = [f.problem() for f in findings]
        problems += [m.problem() for m in glossary.parity(center)]
        if problems:
            raise SourceError(problems)
    docs = root / "docs"
    problems = write.extra_page_problems(docs, center, pages)
    problems += write.page_link_problems(docs, center, pages)
    if problems:
        raise SourceError(problems)
    result = write.plan(docs, pages, force=force)
    if not check:
        write.apply(docs, pages, result)
    return Result(center, result, tuple(findings))


def translation_note(result: Result) -> str | None:
    """One line on missing and outdated translations, if any."""
    if not result.translations:
        return None
    outdated = sum(f.state == "outdated" for f in result.translations)
    missing = len(result.translations) - outdated
    return (f"translations: {outdated} outdated, {missing} missing "
            "(scripts/build_faq.py status lists them).")


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    parser = _parser(root or Path.cwd())
    args = parser.parse_args(argv)
    command = getattr(args, "command", None)
    try:
        if command == "status":
            return _status(args)
        if command in ("mark-current", "mark-outdated"):
            if bool(args.ids) == bool(args.all):
                parser.error(f"{command}: give the ids of questions or guides, or --all")
            return _mark(args, parser)
        result = generate(args.root, check=args.check, force=args.force, strict=args.strict)
    except HelpCenterError as err:
        print(err, file=sys.stderr)
        return 1
    if args.check:
        stale = result.plan.changes
        for problem in result.plan.conflicts:
            print(problem, file=sys.stderr)
        if stale or result.plan.conflicts:
            print(
                "docs/ is out of date with faq_source/; run scripts/build_faq.py:", file=sys.stderr
            )
            for rel in stale:
                print(f"  docs/{rel}", file=sys.stderr)
            return 1
        print(f"docs/ is up to date ({len(result.plan.unchanged)} generated files).")
        return 0
    print(f"build_faq: {result.plan.summary()}.")
    notes = [note] if (note := translation_note(result)) else []
    for note in notes:
        print(note)
    if not (args.force or args.strict):  # what the same run would print next time
        pages = len(result.plan.create + result.plan.update + result.plan.unchanged)
        same = f"build_faq: 0 created, 0 updated, 0 removed, {pages} unchanged."
        buildcache.remember(args.root, "\n".join([same, *notes]))
    return 0


def _parser(root: Path) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build_faq.py",
        description="Validate faq_source/ and write every language's pages into docs/.",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 and list the files if docs/ is out of date",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="overwrite generated pages even if they were edited by hand",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="also fail (exit 1) if a translation is missing, outdated or disagrees with its "
        "original",
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=root,
        help="project folder holding faq_source/ and docs/ (default: %(default)s)",
    )
    # Subcommands accept --root too; SUPPRESS keeps them from overwriting the value given before.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=Path, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    status = commands.add_parser(
        "status",
        parents=[common],
        help="list missing and outdated translations and parity mismatches, per language",
        description="List, per language, the missing and outdated translations and the parity "
        "mismatches with their file:line, then a one-line total. Exit 0 (1 with --strict if "
        "anything is listed, or if the source is invalid).",
    )
    status.add_argument("--format", choices=("text", "json"), default="text")
    status.add_argument(
        "--strict", action="store_true", help="exit 1 if anything is missing, outdated or differs"
    )
    for name, text in (
        ("mark-current", "record that translations were reviewed against the current original"),
        (
            "mark-outdated",
            "record that translations were made from another text than the "
            "current original (to reconcile)",
        ),
    ):
        sub = commands.add_parser(name, parents=[common], help=text, description=text + ".")
        sub.add_argument(
            "ids",
            nargs="*",
            metavar="ID",
            help="question or guide ids (question:ID or guide:ID if both exist)",
        )
        sub.add_argument("--all", action="store_true", help="every question and guide")
        sub.add_argument("--language", help="only this translation language (default: all)")
        if name == "mark-outdated":
            sub.add_argument("--note", default="", help="why: shown by status")
    return parser


def _status(args: argparse.Namespace) -> int:
    center, _, findings = load(args.root)
    mismatches = glossary.parity(center)
    report = translation.report_json if args.format == "json" else translation.report_text
    sys.stdout.write(report(center, findings, mismatches))
    if args.strict and (findings or mismatches):
        count = len(findings) + len(mismatches)
        print(
            f"status --strict: {count} translation problem{'s' if count != 1 else ''}.",
            file=sys.stderr,
        )
        return 1
    return 0


def _mark(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    center, lock, _ = load(args.root)
    codes = [lang.code for lang in center.languages]
    if args.language is not None and args.language not in codes:
        parser.error(
            f"--language: '{args.language}' is not a language of the site ({', '.join(codes)})"
        )
    if args.all:
        chosen = list(translation.items(center))
    else:
        chosen, errors = translation.select(center, args.ids)
        if errors:
            parser.error(" ".join(errors))
    if args.command == "mark-current":
        new, changed = translation.mark_current(center, lock, chosen, args.language)
    else:
        new, changed = translation.mark_outdated(center, lock, chosen, args.language, args.note)
    written = translation.write_lock(args.root / "faq_source", new)
    for line in changed:
        print(line)
    if written:
        print(
            f"faq_source/{translation.LOCK_FILE} updated; run scripts/build_faq.py (or make "
            "build) to update the pages."
        )
    else:
        print(f"faq_source/{translation.LOCK_FILE}: nothing to change.")
    return 0
