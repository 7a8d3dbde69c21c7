#!/usr/bin/env python3
"""Validate faq_source/ and write docs/ko/ and docs/en/. Run with --help for options."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))  # works without installing the package

from helpcenter.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(root=ROOT))
