#!/usr/bin/env python3
"""Validate faq_source/ and write docs/ko/ and docs/en/. Run with --help for options."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))  # works without installing the package

from helpcenter.output.fastpath import cached_report  # noqa: E402

if __name__ == "__main__":
    # Nothing changed since the last run: say so without loading the generator (fast path).
    args = sys.argv[1:]
    plain = not args or (len(args) == 2 and args[0] == "--root")  # a plain generator run
    if plain and (report := cached_report(Path(args[1]) if args else ROOT)) is not None:
        print(report)
        sys.exit(0)
    from helpcenter.cli import main

    sys.exit(main(root=ROOT))
