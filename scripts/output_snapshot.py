#!/usr/bin/env python3
"""Build the real project and the 1,000-question bench source, and keep or compare their output.

A refactoring must not change what the generator writes. This script builds, each in a fresh
copy of the project with an empty ``.cache/`` (so no earlier build is reused):

- ``real``: the project's own faq_source/;
- ``bench-1000``: the synthetic 1,000-question source of ``make bench``;

with a fixed ``SITE_URL`` and ``SOURCE_DATE_EPOCH``, and keeps ``docs/`` and ``site/`` of each.

    .venv/bin/python scripts/output_snapshot.py --keep /tmp/before     # before the change
    .venv/bin/python scripts/output_snapshot.py --compare /tmp/before  # after: exit 1 if differs
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from bench import make_project, real_faq, synthetic_faq  # noqa: E402

SITE_URL = "https://help.example.com/sub/"
EPOCH = "1700000000"
KEPT = ("docs", "site")


def build(out: Path) -> None:
    """Build both projects into ``out/<name>/{docs,site}``."""
    env = {**os.environ, "SITE_URL": SITE_URL, "SOURCE_DATE_EPOCH": EPOCH,
           "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = str(Path(sys.executable).with_name("mkdocs"))
    with tempfile.TemporaryDirectory() as tmp:
        for name, faq in (("real", real_faq()), ("bench-1000", synthetic_faq(1000))):
            project = make_project(Path(tmp) / name, faq)
            result = subprocess.run([mkdocs, "build", "--strict", "--quiet"], cwd=project,
                                    env=env, capture_output=True, text=True, check=False)
            if result.returncode != 0:
                raise SystemExit(f"{name}: mkdocs build failed:\n{result.stderr}")
            for kept in KEPT:
                shutil.copytree(project / kept, out / name / kept)


def differences(left: Path, right: Path) -> list[str]:
    """Relative paths present on one side only or with other bytes."""
    found: list[str] = []

    def walk(cmp: filecmp.dircmp, prefix: str) -> None:
        found.extend(prefix + n for n in cmp.left_only + cmp.right_only + cmp.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files,
                                               shallow=False)
        found.extend(prefix + n for n in mismatch + errors)
        for name, sub in sorted(cmp.subdirs.items()):
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return sorted(found)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--keep", type=Path, help="build and keep the output in this new folder")
    group.add_argument("--compare", type=Path, help="build and compare with a kept output")
    args = parser.parse_args()
    if args.keep:
        build(args.keep)
        print(f"kept in {args.keep}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        build(Path(tmp))
        files = sum(1 for p in Path(tmp).rglob("*") if p.is_file())
        changed = differences(args.compare, Path(tmp))
    for path in changed:
        print(f"differs: {path}")
    print(f"{files} files compared, {len(changed)} differ.")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
