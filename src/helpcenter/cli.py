"""Command line: ``scripts/build_faq.py [--check] [--force]``; returns 0, 1 (bad source, stale or
refused output) or 2 (bad command-line use, from argparse)."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from . import render, validate, write
from .errors import HelpCenterError, SourceError
from .model import HelpCenter


@dataclass(frozen=True)
class Result:
    center: HelpCenter
    plan: write.Plan


def generate(root: Path, *, check: bool = False, force: bool = False) -> Result:
    """Validate ``root/faq_source``, render, and (unless ``check``) bring ``root/docs`` up to date.

    Raises :class:`HelpCenterError` before touching any file if the source is invalid or the
    output would overwrite something the generator does not own.
    """
    center = validate.load(root / "faq_source", root)
    pages = render.render_site(center)
    docs = root / "docs"
    problems = write.extra_page_problems(docs, center, pages)
    if problems:
        raise SourceError(problems)
    result = write.plan(docs, pages, force=force)
    if not check:
        write.apply(docs, pages, result)
    return Result(center, result)


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="build_faq.py",
        description="Validate faq_source/ and write the Korean and English pages into docs/.",
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
        "--root",
        type=Path,
        default=root or Path.cwd(),
        help="project folder holding faq_source/ and docs/ (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    try:
        result = generate(args.root, check=args.check, force=args.force)
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
    return 0
