"""Command line: ``scripts/build_faq.py [--check] [--force] [--strict]``, and the translators'
subcommands ``status``, ``mark-current``, ``mark-outdated``, ``export`` and ``import`` (gettext
PO); returns 0, 1 (bad source, stale or refused output, translation problems under
``--strict``, a refused import) or 2 (bad command-line use)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import HelpCenterError
from .output import fastpath
from .pipeline import generate, load, translation_note
from .translation import freshness, lock, parity, po, po_import, report

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
        if command == "export":
            return _export(args, parser)
        if command == "import":
            return _import(args)
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
        fastpath.remember(args.root, "\n".join([same, *notes]))
    return 0


def _parser(root: Path) -> argparse.ArgumentParser:
    """Long: one declaration of every option and subcommand, read top to bottom."""
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
    export = commands.add_parser(
        "export", parents=[common], help="write gettext PO files for translators",
        description="Write faq.LANG.po, guides.LANG.po and site.LANG.po into --out.")
    export.add_argument("--language", required=True, help="the translation language")
    export.add_argument("--only", choices=po.ONLY, default="all",
                        help="outdated or missing translations only (default: all)")
    export.add_argument("--out", type=Path, required=True, help="folder for the PO files")
    imported = commands.add_parser(
        "import", parents=[common], help="write translations from PO files into faq_source/",
        description="Check the PO files, then edit only the translated values in faq_source/ "
        "and mark the fully translated items current.")
    imported.add_argument("files", nargs="+", type=Path, metavar="FILE.po")
    return parser


def _status(args: argparse.Namespace) -> int:
    center, _, findings = load(args.root)
    mismatches = parity.parity(center)
    text = report.report_json if args.format == "json" else report.report_text
    sys.stdout.write(text(center, findings, mismatches))
    if args.strict and (findings or mismatches):
        count = len(findings) + len(mismatches)
        print(
            f"status --strict: {count} translation problem{'s' if count != 1 else ''}.",
            file=sys.stderr,
        )
        return 1
    return 0


def _mark(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    center, current, _ = load(args.root)
    codes = [lang.code for lang in center.languages]
    if args.language is not None and args.language not in codes:
        parser.error(
            f"--language: '{args.language}' is not a language of the site ({', '.join(codes)})"
        )
    if args.all:
        chosen = list(freshness.items(center))
    else:
        chosen, errors = freshness.select(center, args.ids)
        if errors:
            parser.error(" ".join(errors))
    if args.command == "mark-current":
        new, changed = freshness.mark_current(center, current, chosen, args.language)
    else:
        new, changed = freshness.mark_outdated(center, current, chosen, args.language, args.note)
    written = lock.write_lock(args.root / "faq_source", new)
    for line in changed:
        print(line)
    if written:
        print(
            f"faq_source/{lock.LOCK_FILE} updated; run scripts/build_faq.py (or make "
            "build) to update the pages."
        )
    else:
        print(f"faq_source/{lock.LOCK_FILE}: nothing to change.")
    return 0


def _export(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    center, _, _ = load(args.root)
    codes = [lang.code for lang in center.languages]
    if args.language not in codes:
        parser.error(f"--language: '{args.language}' is not a language of the site "
                     f"({', '.join(codes)})")
    for line in po.export(args.root, args.language, args.only, args.out):
        print(line)
    return 0


def _import(args: argparse.Namespace) -> int:
    for line in po_import.import_files(args.root, args.files):
        print(line)
    return 0
