#!/usr/bin/env python3
"""Compare search engines on the browser tests' query set (tests/browser/search_queries.yaml).

Candidates, each run in headless Chromium on the same built site, per language:

- ``kiwi``: what the site ships: build-time Kiwi analysis + synonyms, our worker
  (src/helpcenter/site/search_index.py, src/helpcenter/theme/assets/javascripts/helpcenter-search.js);
- ``lunr``: Material's own lunr worker, given only this language's documents and
  ``lang: [<code>]`` (lunr-languages' stemmer for ko/en): "Material lunr configured per language";
- ``pagefind``: Pagefind (PyPI ``pagefind[bin]``) run over the built site; it keeps one index per
  ``<html lang>``; results flattened to their sub-results (heading anchors).

Prints recall@1 and recall@5 per language (and per kind of query), results from the other
language, hits for queries the site cannot answer, query times, index size per
language and the gzip bytes of the files (code and index) a reader's browser fetches to search.

Usage:
    .venv/bin/python scripts/search_eval.py [--json] [--verbose] [--engines kiwi,lunr,pagefind]

Needs Chromium at /usr/bin/chromium (``make browser``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))  # tests/support/static_server.py

from support.static_server import SiteServer, free_port  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
QUERIES = ROOT / "tests" / "browser" / "search_queries.yaml"
LANGUAGES = ("ko", "en")

_WORKER_QUERY = """async ([url, setup, queries]) => {
  const worker = new Worker(url)
  const next = () => new Promise(resolve => worker.addEventListener(
    "message", ev => resolve(ev.data), { once: true }))
  worker.postMessage({ type: 0, data: setup })
  await next()
  const out = []
  for (const q of queries) {
    const start = performance.now()
    worker.postMessage({ type: 2, data: q })
    const result = await next()
    out.push([result.data.items.flat().filter(i => i && typeof i.location === "string" && i.location.includes("#") && i.score > 0)
      .map(i => i.location), performance.now() - start])
  }
  worker.terminate()
  return out
}"""

_PAGEFIND_QUERY = """async ([url, queries]) => {
  const pagefind = await import(url)
  await pagefind.init()
  const out = []
  for (const q of queries) {
    const start = performance.now()
    const search = await pagefind.search(q)
    const locations = []
    for (const result of search.results.slice(0, 10)) {
      const data = await result.data()
      const subs = data.sub_results.filter(s => s.url.includes("#"))
      for (const sub of (subs.length ? subs : [data])) locations.push(sub.url)
    }
    out.push([locations, performance.now() - start])
  }
  return out
}"""


def build_site(target: Path, site_url: str) -> None:
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "--quiet",
                    "-d", str(target)], cwd=ROOT, env=env, check=True)


def run_pagefind(site: Path) -> None:
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site),
                    "--root-selector", "article", "--quiet"], check=True)


def is_hit(location: str, code: str, expect: str) -> bool:
    path = location.split("?")[0]
    return path.split("#")[-1] == expect and _language_of(path) == code


def _language_of(location: str) -> str:
    path = location.split("://")[-1]
    path = path[path.find("/help/") + len("/help/"):] if "/help/" in path else path.lstrip("/")
    return "en" if path.startswith("en/") else "ko"


# Ranked lists hold sections (locations with an anchor) only, for every engine: a page entry
# (Material shows it as the group's heading) is not an answer to a question.


def evaluate(page, base: str, site: Path, queries: dict, engines: Sequence[str],
             verbose: bool = False) -> dict:
    """Long: one measured run per engine and language, then the tallies of each run."""
    results: dict = {}
    stock_worker = next((site / "assets/javascripts/workers").glob("search.*.min.js")).name
    for code in LANGUAGES:
        items = queries[code]
        unanswerable = queries.get("none", {}).get(code, [])
        texts = [item["q"] for item in items] + unanswerable
        index = json.loads((site / "search" / f"{code}.json").read_text("utf-8"))
        page_url = base + ("" if code == "ko" else "en/") + "faq/"
        runs = {}

        def measure(run, page_url=page_url):
            """Run on a fresh page; return the results and the gzip bytes of every file the
            engine fetched (its code and its index), read from the built site."""
            context = page.context.browser.new_context()
            fresh = context.new_page()
            fresh.goto(page_url, wait_until="networkidle")
            urls: set[str] = set()
            context.on("request", lambda request: urls.add(request.url.split("?")[0]))
            out = run(fresh)
            fresh.wait_for_timeout(200)
            context.close()
            files = {site / u[len(base):] for u in urls if u.startswith(base)}
            return out, sum(_sizes(f.read_bytes())[1] for f in files if f.is_file())

        if "kiwi" in engines:
            runs["kiwi"] = measure(lambda p: p.evaluate(
                _WORKER_QUERY, [base + f"assets/javascripts/helpcenter-search.js?lang={code}", {},
                                texts]))
        if "lunr" in engines:
            lunr_setup = {
                "config": {"lang": [code], "separator": r"[\s\-]+",
                           "pipeline": ["stemmer", "stopWordFilter", "trimmer"],
                           "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0},
                                      "tags": {"boost": 1000000.0}}},
                "docs": index["docs"], "options": {"suggest": False},
            }
            lunr_docs = _sizes(json.dumps({"docs": index["docs"]}, ensure_ascii=False).encode())[1]
            lunr_run = measure(lambda p, s=lunr_setup: p.evaluate(
                _WORKER_QUERY, [base + f"assets/javascripts/workers/{stock_worker}", s, texts]))
            runs["lunr"] = (lunr_run[0], lunr_run[1] + lunr_docs)  # its docs would be a fetch too
        if "pagefind" in engines:
            runs["pagefind"] = measure(lambda p: p.evaluate(
                _PAGEFIND_QUERY, [base + "pagefind/pagefind.js", texts]))

        for name, (answers, fetched_bytes) in runs.items():
            ranked_lists = [ranked for ranked, _ in answers[:len(items)]]
            times = sorted(ms for _, ms in answers)
            hits1 = hits5 = other = 0
            misses = []
            kinds: dict = {}
            for item, ranked in zip(items, ranked_lists, strict=True):
                tally = kinds.setdefault(item.get("kind", "plain"), [0, 0, 0])
                tally[2] += 1
                other += sum(1 for loc in ranked if _language_of(loc) != code)
                if ranked and is_hit(ranked[0], code, item["expect"]):
                    hits1 += 1
                    tally[0] += 1
                elif verbose:
                    print(f"{name} {code} {item['q']!r} -> {item['expect']}: {ranked[:3]}",
                          file=sys.stderr)
                if any(is_hit(loc, code, item["expect"]) for loc in ranked[:5]):
                    hits5 += 1
                    tally[1] += 1
                else:
                    misses.append(item["q"])
            invented = {q: ranked[:3] for q, (ranked, _) in
                        zip(unanswerable, answers[len(items):], strict=True) if ranked}
            results.setdefault(name, {})[code] = {
                "queries": len(items), "recall@1": hits1 / len(items),
                "recall@5": hits5 / len(items), "other_language_results": other,
                "fetched_gzip_bytes": fetched_bytes, "misses": misses,
                "by_kind": {kind: f"{a}/{b}/{n}" for kind, (a, b, n) in kinds.items()},
                "unanswerable": len(unanswerable), "invented": invented,
                "first_query_ms": round(answers[0][1], 1),
                "median_ms": round(times[len(times) // 2], 1), "max_ms": round(times[-1], 1),
            }
    for code in LANGUAGES:
        index_file = site / "search" / f"{code}.json"
        docs = json.loads(index_file.read_text("utf-8"))["docs"]
        lunr_docs = json.dumps({"docs": docs}, ensure_ascii=False).encode()
        sizes = {"kiwi": lambda: _sizes(index_file.read_bytes()),
                 "lunr": lambda: _sizes(lunr_docs),
                 "pagefind": lambda: _pagefind_sizes(site / "pagefind", code)}
        for name in results:
            results[name][code]["index_bytes"] = sizes[name]()
    return results


def _sizes(data: bytes) -> tuple[int, int]:
    return len(data), len(gzip.compress(data, mtime=0))


def _pagefind_sizes(folder: Path, code: str) -> tuple[int, int]:
    """Bytes of the index files of one language (meta, word index chunks, fragments): Pagefind's
    files are already compressed, so both figures are the same."""
    entry = json.loads((folder / "pagefind-entry.json").read_text())
    language = entry["languages"][code]
    meta = folder / f"pagefind.{language['hash']}.pf_meta"
    total = meta.stat().st_size
    # Chunks and fragments are shared in one folder; count those of this language's pages.
    fragments = folder / "fragment"
    index = folder / "index"
    for sub in (fragments, index):
        for file in sub.iterdir():
            if file.name.startswith(code + "_"):
                total += file.stat().st_size
    return total, total


def page_weight(page, url: str) -> int:
    sizes: list[int] = []

    def on_response(response):
        try:
            sizes.append(len(response.body()))
        except Exception:  # redirects have no body
            pass

    page.on("response", on_response)
    page.goto(url, wait_until="networkidle")
    return sum(sizes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument("--verbose", action="store_true",
                        help="show the top 3 of every query whose first result is wrong")
    parser.add_argument("--engines", default="kiwi,lunr,pagefind",
                        help="comma-separated subset of kiwi,lunr,pagefind (default: all)")
    args = parser.parse_args(argv)
    engines = args.engines.split(",")
    from playwright.sync_api import sync_playwright

    queries = yaml.safe_load(QUERIES.read_text("utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        port = free_port()
        build_site(site, f"http://127.0.0.1:{port}/help/")
        if "pagefind" in engines:
            run_pagefind(site)
        with SiteServer(site, "/help/", ("en",), port=port) as server, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            results = evaluate(page, server.url, site, queries, engines, args.verbose)
            weights = {}
            for code, path in (("ko", ""), ("en", "en/")):
                for name, sub in (("home", ""), ("faq", "faq/")):
                    fresh = browser.new_page()
                    weights[f"{code} {name}"] = page_weight(fresh, server.url + path + sub)
                    fresh.close()
            browser.close()
        shutil.rmtree(site / "pagefind", ignore_errors=True)
    if args.json:
        print(json.dumps({"search": results, "page_weight": weights}, indent=2,
                         ensure_ascii=False))
        return 0
    print("| engine | lang | queries | recall@1 | recall@5 | other-language results | "
          "unanswerable with results | index bytes (raw / gzip) | gzip bytes fetched "
          "(code + index) | ms: first query (with index load) / median / max |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, per_lang in results.items():
        for code, r in per_lang.items():
            raw, gz = r["index_bytes"]
            print(f"| {name} | {code} | {r['queries']} | {r['recall@1']:.2f} | "
                  f"{r['recall@5']:.2f} | {r['other_language_results']} | "
                  f"{len(r['invented'])}/{r['unanswerable']} | {raw} / {gz} | "
                  f"{r['fetched_gzip_bytes']} | {r['first_query_ms']} / {r['median_ms']} / "
                  f"{r['max_ms']} |")
    print()
    print("Hits at 1 / at 5 / queries, by kind:")
    for name, per_lang in results.items():
        for code, r in per_lang.items():
            print(f"  {name} {code}: " + ", ".join(f"{k} {v}" for k, v in r["by_kind"].items()))
    print()
    for name, per_lang in results.items():
        for code, r in per_lang.items():
            if r["misses"]:
                print(f"{name} {code} not in top 5: {'; '.join(r['misses'])}")
            for query, found in r["invented"].items():
                print(f"{name} {code} found something for {query!r}: {found}")
    print()
    print("| page (shipped site, uncompressed bytes on load) | bytes |")
    print("|---|---|")
    for key, value in weights.items():
        print(f"| {key} | {value} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
