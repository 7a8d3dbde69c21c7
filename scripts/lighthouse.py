#!/usr/bin/env python3
"""Lighthouse (mobile, its default) scores of the home and FAQ pages in both languages.

Builds the site under a sub-path into a temporary folder, serves it on 127.0.0.1 and runs the
Lighthouse pinned in tools/lighthouse (``make lighthouse`` installs it with ``npm ci``) with
Debian's chromium (CHROME_PATH). Prints the median of ``--runs`` runs per page (and every run's
scores); ``--json`` prints JSON; ``--reports DIR`` keeps every run's report. Exit status 1 if a
score is below ``--min`` (default 95).

``--pictures`` measures a copy of the project with test pictures instead (tests/support/
pictures.py: the first guide with two pictures per language, one a Korean fallback, and an
answer with a picture): that guide's pages and the FAQ pages in both languages. The real source
has no pictures, so the default run cannot show what they cost.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))  # tests/support/static_server.py

from support.static_server import SiteServer, free_port  # noqa: E402

LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = {"ko home": "", "ko faq": "faq/", "en home": "en/", "en faq": "en/faq/"}
PICTURE_PAGES = {"ko guide": "guides/register-worldfirst/", "ko faq": "faq/",
                 "en guide": "en/guides/register-worldfirst/", "en faq": "en/faq/"}
"""Pages with pictures in the project copy ``--pictures`` measures."""


def pictured_project(folder: Path) -> Path:
    """A copy of the project in ``folder`` with the test pictures (``--pictures``)."""
    from support.pictures import add_real_pictures
    from support.project_tools import copy_project

    project = copy_project(folder / "project")
    add_real_pictures(project)
    return project


def run(url: str, output: Path) -> dict[str, int]:
    subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={output}",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
        check=True, env={**os.environ, "CHROME_PATH": CHROMIUM},
    )
    report = json.loads(output.read_text("utf-8"))
    scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    failing = [
        f"{audit['id']} ({audit['score']})"
        for audit in report["audits"].values()
        if audit.get("score") is not None and audit["score"] < 1
        and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
    ]
    return {**scores, "below_100": failing}


def report_path(folder: Path | None, tmp: str, page: str, number: int) -> Path:
    if folder is None:
        return Path(tmp) / "report.json"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{page.replace(' ', '-')}-{number + 1}.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--min", type=int, default=95)
    parser.add_argument("--runs", type=int, default=3,
                        help="runs per page; the median score is reported (Lighthouse varies)")
    parser.add_argument("--pictures", action="store_true",
                        help="measure a copy of the project with test pictures (guide and FAQ)")
    parser.add_argument("--reports", type=Path,
                        help="keep every run's JSON report in this folder (<page>-<run>.json)")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: run `make lighthouse`.", file=sys.stderr)
        return 1
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        project = pictured_project(Path(tmp)) if args.pictures else ROOT
        pages = PICTURE_PAGES if args.pictures else PAGES
        port = free_port()
        env = {**os.environ, "SITE_URL": f"http://127.0.0.1:{port}/help/",
               "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "--strict",
                        "--quiet", "-d", str(site)], cwd=project, env=env, check=True)
        with SiteServer(site, "/help/", ("en",), port=port) as server:
            for name, path in pages.items():
                runs = [run(server.url + path, report_path(args.reports, tmp, name, i))
                        for i in range(args.runs)]
                results[name] = {c: sorted(r[c] for r in runs)[len(runs) // 2]
                                 for c in CATEGORIES}
                results[name]["below_100"] = sorted({a for r in runs for a in r["below_100"]})
                results[name]["runs"] = {c: [r[c] for r in runs] for c in CATEGORIES}
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print("| page | " + " | ".join(CATEGORIES) + " |")
        print("|---|" + "---|" * len(CATEGORIES))
        for name, scores in results.items():
            print(f"| {name} | " + " | ".join(
                f"{scores[c]} ({'/'.join(map(str, scores['runs'][c]))})" for c in CATEGORIES)
                + " |")
        for name, scores in results.items():
            if scores["below_100"]:
                print(f"{name}: audits below 100: {', '.join(scores['below_100'])}")
    low = [n for n, s in results.items() if any(s[c] < args.min for c in CATEGORIES)]
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main())
