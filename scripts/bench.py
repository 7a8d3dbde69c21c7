#!/usr/bin/env python3
"""``make bench``: time the pipeline on synthetic sources of 100, 1,000 and 5,000 questions.

For each size the script builds a throw-away copy of the project in a temporary folder, with the
real ``site.yaml`` and ``guides.yaml`` and a generated ``faq.yaml`` (both languages; nothing is
committed), and measures, as medians of ``--runs`` runs:

- generator first run (empty ``docs/``), run with nothing changed and one-entry edit: time inside
  the process (what the MkDocs hook pays) plus files actually written (checked on disk, not taken
  from the generator's own report); the command line's wall time for the no-change run;
- the full pipeline, as ``make build`` runs it: ``scripts/build_faq.py`` then
  ``mkdocs build --strict`` (whose hook runs the generator again);
- stock MkDocs + Material + mkdocs-static-i18n building the same Markdown, without the hook (same
  config, navigation and languages written out statically);
- size of ``site/``, the search payload per language and the peak memory (max RSS) of the build;
- errors at scale: the largest size with 100 planted errors, the number reported and the time of
  the validation.

Prints a table and writes the figures to ``.bench/bench-<UTC time>.json`` (git-ignored).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SIZES = (100, 1000, 5000)
PLANTED_ERRORS = 100
PROJECT_FILES = ("faq_source", "mkdocs.yml", "hooks", "overrides")
GUIDE_IDS = ("register-worldfirst", "settle-alipay-business", "unlink-alipay-business",
             "link-1688-in-worldfirst")

# --- synthetic source ----------------------------------------------------------------------------

_KO_TOPICS = ("환불", "결제", "계정 연동", "잔액 인출", "수수료", "주문 취소", "본인 인증", "한도")
_EN_TOPICS = ("refunds", "payments", "account linking", "withdrawals", "fees", "order cancellation",
              "identity checks", "limits")


def entry_yaml(index: int) -> str:
    """One FAQ entry in both languages, as YAML text (2-space list indent, like faq.yaml)."""
    topic = index % len(_KO_TOPICS)
    guides = [GUIDE_IDS[index % 4]] + ([GUIDE_IDS[(index + 1) % 4]] if index % 3 == 0 else [])
    guide = guides[0]
    return (
        f"  - id: q{index:05d}\n"
        f"    guides: [{', '.join(guides)}]\n"
        f"    ko:\n"
        f"      question: \"{_KO_TOPICS[topic]} 문의 {index}번: 주문 {index}의 처리는 어떻게 "
        f"되나요?\"\n"
        f"      answer: |\n"
        f"        {{{{fact:cutoff_date}}}} 이후 주문 {index}의 {_KO_TOPICS[topic]} 처리는 "
        f"WorldFirst 계정에서 진행됩니다.\n"
        f"        자세한 절차는 {{{{guide:{guide}}}}} 가이드를 참고해 주십시오. 참조 번호 "
        f"{index * 7919 % 100003}.\n"
        f"    en:\n"
        f"      question: \"Question {index} about {_EN_TOPICS[topic]}: what happens to order "
        f"{index}?\"\n"
        f"      answer: |\n"
        f"        After {{{{fact:cutoff_date}}}}, {_EN_TOPICS[topic]} for order {index} are handled "
        f"in your WorldFirst account.\n"
        f"        See {{{{guide:{guide}}}}} for the steps. Reference number "
        f"{index * 7919 % 100003}.\n"
    )


def real_faq() -> str:
    """The project's own faq.yaml (the guides link to some of its questions), ending in a newline."""
    return (ROOT / "faq_source" / "faq.yaml").read_text("utf-8").rstrip("\n") + "\n\n"


def real_count() -> int:
    return real_faq().count("\n  - id: ")


def synthetic_faq(count: int, *, edited: int | None = None) -> str:
    """``faq.yaml`` with ``count`` entries: the real ones, then synthetic ones up to ``count``;
    ``edited`` changes the English answer of that synthetic entry."""
    parts = [real_faq()]
    for index in range(real_count() + 1, count + 1):
        text = entry_yaml(index)
        if index == edited:  # only the English answer changes
            head, en = text.split("    en:\n")
            number = f"{index * 7919 % 100003}."
            text = head + "    en:\n" + en.replace(f"{number}\n", f"{number} (edited)\n")
        parts.append(text)
    return "".join(parts)


# Each planted error is a small textual change to one entry; every kind must be reported.
# (kind, function(entry text, index) -> broken entry text)
_PLANTS = (
    ("unknown guide", lambda t, i: t.replace("guides: [", "guides: [no-such-guide, ", 1)),
    ("misspelled field", lambda t, i: t.replace("      answer: |", "      anwser: |", 1)),
    # A missing translation is not an error (the page falls back to the original; `status`
    # lists it); a missing source-language (ko) text is.
    (
        "missing source text",
        lambda t, i: t.split("    ko:\n")[0] + "    en:\n" + t.split("    en:\n")[1],
    ),
    ("unknown fact", lambda t, i: t.replace("{{fact:cutoff_date}}", "{{fact:cutof_date}}", 1)),
    ("duplicate id", lambda t, i: t.replace(f"id: q{i:05d}", f"id: q{i - 1:05d}", 1)),
    ("not a text", lambda t, i: t.replace("      question: ", "      question:\n        - ", 1)),
    ("empty question", lambda t, i: re.sub(r"(      question: ).*\n", r'\1""\n', t, count=1)),
    ("unknown placeholder", lambda t, i: t.replace("{{guide:", "{{gide:", 1)),
)


def faq_with_errors(count: int, errors: int) -> tuple[str, dict[int, str]]:
    """``faq.yaml`` with ``errors`` planted problems spread over ``count`` entries, one per
    broken entry, of the kinds in :data:`_PLANTS` in turn.

    Returns the text and ``{position of the broken entry in entries (from 0): kind}``.
    """
    first = real_count() + 1
    step = (count - first + 1) // errors
    if step < 2:
        raise ValueError(f"{count} questions are too few for {errors} planted errors")
    planted: dict[int, str] = {}
    parts = [real_faq()]
    targets = {first + step * k + step // 2: k for k in range(errors)}
    for index in range(real_count() + 1, count + 1):
        text = entry_yaml(index)
        if index in targets:
            kind, plant = _PLANTS[targets[index] % len(_PLANTS)]
            text = plant(text, index)
            planted[index - 1] = kind
        parts.append(text)
    return "".join(parts), planted


def make_project(destination: Path, faq_text: str) -> Path:
    """A copy of the project (config, hook, real site.yaml and guides.yaml) with ``faq_text``."""
    destination.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name)
        elif source.is_file():
            shutil.copy2(source, destination / name)
    (destination / "faq_source" / "faq.yaml").write_text(faq_text, "utf-8")
    (destination / "docs").mkdir()
    for extra in sorted((ROOT / "docs").iterdir()):  # hand-written pages, if any
        if extra.name not in ("ko", "en"):
            copy = shutil.copytree if extra.is_dir() else shutil.copy2
            copy(extra, destination / "docs" / extra.name)
    for language in ("ko", "en"):  # hand-written pages inside the language folders too
        for path in sorted((ROOT / "docs" / language).rglob("*")):
            if path.is_file() and not path.read_bytes().startswith(b"<!-- generated-by:"):
                target = destination / "docs" / path.relative_to(ROOT / "docs")
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)
    return destination


def write_stock_config(project: Path, *, reconfigure_search: bool = True) -> Path:
    """``mkdocs-stock.yml``: the project's config without the hook, with the navigation and the
    languages the hook would set written out, so that MkDocs builds the same Markdown as is.

    ``reconfigure_search``: mkdocs-static-i18n's own default (True: it merges and de-duplicates
    the theme's one search index of all languages, as a stock site does); False is this
    project's setting, which only makes sense with per-language indexes like ours."""
    sys.path.insert(0, str(ROOT / "src"))
    from helpcenter.load import load
    from helpcenter.paths import navigation

    center = load(project / "faq_source", project)
    config = yaml.load((project / "mkdocs.yml").read_text("utf-8"), Loader=_KeepTagsLoader)
    config.pop("hooks", None)
    config["nav"] = navigation(center)
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            plugin["i18n"]["languages"] = [
                {"locale": lang.code, "name": lang.name,
                 "default": lang.code == center.default_language, "build": True,
                 "site_name": lang.site_name, "site_description": lang.description}
                for lang in center.languages
            ]
            plugin["i18n"]["reconfigure_search"] = reconfigure_search
    path = project / "mkdocs-stock.yml"
    path.write_text(yaml.dump(config, Dumper=_KeepTagsDumper, allow_unicode=True,
                              sort_keys=False), "utf-8")
    return path


class _Tagged:
    def __init__(self, tag: str, node: yaml.Node) -> None:
        self.tag, self.node = tag, node


class _KeepTagsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml keeping ``!ENV`` and ``!!python/name:`` values as they are written."""


class _KeepTagsDumper(yaml.SafeDumper):
    pass


_KeepTagsLoader.add_multi_constructor("!", lambda loader, suffix, node: _Tagged("!" + suffix, node))
_KeepTagsLoader.add_multi_constructor(
    "tag:yaml.org,2002:python/", lambda loader, suffix, node: _Tagged(node.tag, node))
_KeepTagsDumper.add_representer(_Tagged, lambda dumper, value: _retag(value))


def _retag(value: _Tagged) -> yaml.Node:
    node = value.node
    node.tag = value.tag
    return node


# --- measuring -----------------------------------------------------------------------------------


def run_timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, str]:
    """Run ``command``; return (wall seconds, stdout). Stops the bench if it fails."""
    start = time.perf_counter()
    process = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                             check=False)
    elapsed = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}\n{process.stderr}")
    return elapsed, process.stdout


def run_with_peak(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, str]:
    """Like :func:`run_timed`, with the peak RSS (MiB) of that child from ``wait4``."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}\n{err.read()}")
        return elapsed, usage.ru_maxrss / 1024, out.read()


def docs_state(docs: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(docs).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in docs.rglob("*.md")}


def written(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> list[str]:
    """Files created, replaced, modified or removed between two :func:`docs_state` snapshots."""
    return sorted(rel for rel in before.keys() | after.keys() if before.get(rel) != after.get(rel))


def worker_generate(root: Path) -> dict[str, Any]:
    """Runs in a fresh interpreter: import first, then time one ``generate()`` call."""
    sys.path.insert(0, str(ROOT / "src"))
    from helpcenter.pipeline import generate

    before = docs_state(root / "docs")
    start = time.perf_counter()
    generate(root)
    seconds = time.perf_counter() - start
    after = docs_state(root / "docs")
    # A second call in the same process: what the hook pays on every later `mkdocs serve`
    # rebuild and for the second language of a build (caches warm, nothing to write).
    start = time.perf_counter()
    generate(root)
    warm = time.perf_counter() - start
    return {"seconds": seconds, "written": written(before, after), "warm_seconds": warm,
            "warm_written": written(after, docs_state(root / "docs"))}


def worker_validate(root: Path) -> dict[str, Any]:
    """Runs in a fresh interpreter: time loading and validating a (broken) source."""
    sys.path.insert(0, str(ROOT / "src"))
    from helpcenter.errors import SourceError
    from helpcenter.load import load

    start = time.perf_counter()
    try:
        load(root / "faq_source", root)
        problems: list[str] = []
    except SourceError as err:
        problems = [str(p) for p in err.problems]
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "problems": problems}


def worker_mkdocs(mkdocs_args: list[str]) -> None:
    """Runs ``mkdocs <args>`` in this process, timing the generator calls the hook makes; writes
    ``{"seconds": ..., "calls": ...}`` to the file named by BENCH_TIMING_FILE."""
    sys.path.insert(0, str(ROOT / "src"))
    from mkdocs.__main__ import cli

    from helpcenter import mkdocs_hook

    spent = {"seconds": 0.0, "calls": 0}
    original = mkdocs_hook.generate

    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent["seconds"] += time.perf_counter() - start
            spent["calls"] += 1

    mkdocs_hook.generate = timed
    try:
        cli.main(args=mkdocs_args, prog_name="mkdocs", standalone_mode=False)
    finally:
        Path(os.environ["BENCH_TIMING_FILE"]).write_text(json.dumps(spent), "utf-8")


def in_worker(mode: str, root: Path, env: dict[str, str]) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), f"--worker-{mode}", str(root)]
    return json.loads(run_timed(command, ROOT, env)[1])


def median(values: list[float]) -> float:
    return statistics.median(values)


def search_payload(site: Path, languages: tuple[str, ...] = ("ko", "en")) -> dict[str, int]:
    """Bytes of search index per language. Every JSON file whose path mentions "search" counts:
    a file under ``<lang>/`` or named ``<lang>.json`` is that language's; a shared index (the
    theme's ``search/search_index.json``) is split by the location of its entries."""
    default, *others = languages
    sizes = dict.fromkeys(languages, 0)
    for path in sorted(site.rglob("*.json")):
        rel = path.relative_to(site).as_posix()
        if "search" not in rel:
            continue
        first = rel.split("/")[0]
        language = first if first in others else path.stem if path.stem in languages else None
        if language:
            sizes[language] += path.stat().st_size
            continue
        data = json.loads(path.read_text("utf-8"))
        docs = data.get("docs") if isinstance(data, dict) else None
        if not isinstance(docs, list):
            sizes[default] += path.stat().st_size
            continue
        per_language: dict[str, list[Any]] = {code: [] for code in languages}
        for doc in docs:
            prefix = str(doc.get("location", "")).split("/")[0]
            per_language[prefix if prefix in others else default].append(doc)
        for code, entries in per_language.items():
            if entries:
                sizes[code] += len(json.dumps(entries, ensure_ascii=False).encode("utf-8"))
    return sizes


def tree_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def bench_size(count: int, runs: int, work: Path, env: dict[str, str], log) -> dict[str, Any]:
    base = work / f"n{count}"
    project = make_project(base / "project", synthetic_faq(count))
    docs = project / "docs"
    edited_entry = count // 2 + 1
    python = sys.executable
    cli = [python, str(ROOT / "scripts" / "build_faq.py"), "--root", str(project)]
    build = [python, "-m", "mkdocs", "build", "--strict", "--quiet"]
    figures: dict[str, list[float]] = {}

    def add(name: str, value: float) -> None:
        figures.setdefault(name, []).append(value)

    written_files: dict[str, list[str]] = {}
    for run in range(runs):
        log(f"  n={count} run {run + 1}/{runs}: generator")
        for language in ("ko", "en"):
            shutil.rmtree(docs / language, ignore_errors=True)
        shutil.rmtree(project / ".cache", ignore_errors=True)  # a first run has no cache either
        result = in_worker("generate", project, env)
        add("gen_first_s", result["seconds"])
        add("gen_first_files", len(result["written"]))

        result = in_worker("generate", project, env)
        add("nochange_s", result["seconds"])
        add("nochange_files", len(result["written"]))
        add("nochange_warm_s", result["warm_seconds"])
        add("nochange_warm_files", len(result["warm_written"]))
        written_files["nochange"] = result["written"]
        run_timed(cli, ROOT, env)  # a command run records its result (.cache/build_faq.json)
        add("nochange_cli_s", run_timed(cli, ROOT, env)[0])  # the next one with nothing changed

        faq = project / "faq_source" / "faq.yaml"
        faq.write_text(synthetic_faq(count, edited=edited_entry), "utf-8")
        result = in_worker("generate", project, env)
        add("edit_s", result["seconds"])
        add("edit_files", len(result["written"]))
        written_files["edit"] = result["written"]
        faq.write_text(synthetic_faq(count), "utf-8")
        in_worker("generate", project, env)  # back to the unedited pages

        log(f"  n={count} run {run + 1}/{runs}: full build")
        site = base / "site"
        timing = base / "hook-timing.json"
        mkdocs_build = [python, str(Path(__file__).resolve()), "--worker-mkdocs", "build",
                        "--strict", "--quiet", "-d", str(site)]
        # Cold: nothing remembered in .cache/ (a fresh clone, CI without a cache); warm: the next
        # build, which reuses the search analyses and the checked, rendered source.
        shutil.rmtree(project / ".cache", ignore_errors=True)
        for state in ("cold", "warm"):
            shutil.rmtree(site, ignore_errors=True)
            seconds, peak, _ = run_with_peak(mkdocs_build, project,
                                             dict(env, BENCH_TIMING_FILE=str(timing)))
            hook = json.loads(timing.read_text("utf-8"))
            add(f"full_{state}_s", seconds)
            add(f"gen_in_full_{state}_s", hook["seconds"])
            add(f"peak_{state}_mib", peak)
        add("gen_calls_in_full", hook["calls"])

        log(f"  n={count} run {run + 1}/{runs}: stock mkdocs build")
        stock_site = base / "site-stock"
        for name, dedupe in (("stock", True), ("stock_nodedupe", False)):
            stock_config = write_stock_config(project, reconfigure_search=dedupe)
            shutil.rmtree(stock_site, ignore_errors=True)
            seconds, peak, _ = run_with_peak(
                [*build, "-f", str(stock_config), "-d", str(stock_site)], project, env)
            add(f"{name}_s", seconds)
            add(f"{name}_peak_mib", peak)

    same_site = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()) == \
        sorted(p.relative_to(stock_site).as_posix() for p in stock_site.rglob("*") if p.is_file())
    row: dict[str, Any] = {"questions": count, "runs": runs}
    row.update({name: median(values) for name, values in figures.items()})
    row["raw"] = figures
    row["nochange_written"] = written_files["nochange"]
    row["edit_entry"] = f"q{edited_entry:05d} (English answer)"
    row["edit_written"] = written_files["edit"]
    row["ratio_cold_vs_stock"] = row["full_cold_s"] / row["stock_s"]
    row["ratio_warm_vs_stock"] = row["full_warm_s"] / row["stock_s"]
    row["site_bytes"] = tree_bytes(site)
    row["search_bytes"] = search_payload(site)
    row["pages"] = sum(1 for _ in docs.rglob("*.md"))
    row["stock_same_files"] = same_site
    shutil.rmtree(base)
    return row


def _open_browser():
    """(Playwright, a headless Chromium) as the browser tests start it (Debian's chromium, never
    one downloaded by Playwright), or None without them (``make bench`` needs only the site's
    requirements; the test venv has Playwright)."""
    chromium = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not chromium.exists():
        return None
    playwright = sync_playwright().start()
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"]
    return playwright, playwright.chromium.launch(executable_path=str(chromium), args=args)


def bench_serve(count: int, runs: int, work: Path, env: dict[str, str]) -> dict[str, Any]:
    """``mkdocs serve``: seconds from saving a one-entry edit in faq_source/ to "Reloading
    browsers" (file-watcher delay, hook and full rebuild included), median of ``runs`` edits;
    with a browser, also to the edited page shown (the reloaded page's DOMContentLoaded, read
    from the page's own clock, with the edit in its text)."""
    import queue
    import socket
    import threading

    sys.path.insert(0, str(ROOT / "src"))
    from helpcenter import paths
    from helpcenter.load import load

    project = make_project(work / "serve" / "project", synthetic_faq(count))
    center = load(project / "faq_source", project)
    entry_pages = paths.entry_pages(center)
    run_timed([sys.executable, str(ROOT / "scripts" / "build_faq.py"), "--root", str(project)],
              ROOT, env)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                               cwd=project, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[tuple[float, str]] = queue.Queue()
    threading.Thread(target=lambda: [lines.put((time.perf_counter(), line))
                                     for line in process.stderr], daemon=True).start()

    def wait_for(text: str, timeout: float) -> float:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            try:
                when, line = lines.get(timeout=1)
            except queue.Empty:
                continue
            if text in line:
                return when
        raise SystemExit(f"mkdocs serve: no '{text}' within {timeout:.0f} s")

    def reloads_after_first() -> int:
        """Further reloads of one edit: each build that starts within 2 s of the last one's
        end (the watcher polls every 0.5 s), waited for to its reload."""
        more = 0
        while True:
            try:
                wait_for("Detected file changes", 2)
            except SystemExit:
                return more
            wait_for("Reloading browsers", 600)
            more += 1

    seconds, reloads, shown = [], [], []
    opened = None
    try:
        wait_for("Serving on", 600)
        opened = _open_browser()
        page = opened[1].new_page() if opened else None
        faq = project / "faq_source" / "faq.yaml"
        for run in range(runs):
            time.sleep(1.5)  # let the watcher settle after the previous build
            edited = count // 2 + 1 + run
            if page:  # the page of the entry about to be edited, live-reload script running
                address = paths.language_root(center, "en") + paths.page_path(
                    entry_pages[f"q{edited:05d}"])
                page.goto(f"http://127.0.0.1:{port}/{address}")
                page.wait_for_timeout(300)
            saved_at = time.time()
            start = time.perf_counter()
            faq.write_text(synthetic_faq(count, edited=edited), "utf-8")
            seconds.append(wait_for("Reloading browsers", 600) - start)
            if page:
                marker = f"{edited * 7919 % 100003}. (edited)"
                page.wait_for_function(f"document.body && document.body.innerText.includes("
                                       f"{json.dumps(marker)})", timeout=60_000)
                loaded_ms = page.evaluate("performance.timing.domContentLoadedEventEnd")
                shown.append(loaded_ms / 1000 - saved_at)
            reloads.append(1 + reloads_after_first())
    finally:
        if opened:
            opened[1].close()
            opened[0].stop()
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(work / "serve")
    return {"questions": count, "rebuild_s": median(seconds), "raw_rebuild_s": seconds,
            "shown_s": median(shown) if shown else None, "raw_shown_s": shown,
            "reloads_per_edit": reloads}


def bench_errors(count: int, errors: int, runs: int, work: Path, env: dict[str, str]
                 ) -> dict[str, Any]:
    """The source with planted errors: what one run reports, and how long validation takes."""
    text, planted = faq_with_errors(count, errors)
    project = make_project(work / "errors" / "project", text)
    seconds, reported = [], []
    for _ in range(runs):
        result = in_worker("validate", project, env)
        seconds.append(result["seconds"])
        reported = result["problems"]
    start = time.perf_counter()
    cli = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_faq.py"), "--root",
                          str(project)], capture_output=True, text=True, env=env, check=False)
    cli_seconds = time.perf_counter() - start
    docs_written = sorted(p.relative_to(project).as_posix() for p in (project / "docs").rglob("*.md"))
    shutil.rmtree(work / "errors")
    found = {int(m) for problem in reported for m in re.findall(r"entries\[(\d+)\]", problem)}
    kinds: dict[str, list[int]] = {}
    for position, kind in planted.items():
        counts = kinds.setdefault(kind, [0, 0])
        counts[0] += 1
        counts[1] += position in found
    return {"questions": count, "planted": len(planted), "reported": len(reported),
            "planted_entries_reported": len(found & planted.keys()),
            "per_kind_planted_reported": kinds,
            "validate_s": median(seconds), "raw_validate_s": seconds,
            "cli_s": cli_seconds, "cli_exit": cli.returncode, "docs_written": docs_written,
            "longest_message_chars": max((len(p) for p in reported), default=0)}


# --- report --------------------------------------------------------------------------------------

COLUMNS = (
    ("questions", "n", "{:d}"),
    ("gen_first_s", "gen 1st s", "{:.3f}"),
    ("nochange_s", "no-chg s", "{:.3f}"),
    ("nochange_files", "files", "{:.0f}"),
    ("nochange_warm_s", "warm s", "{:.3f}"),
    ("nochange_cli_s", "no-chg CLI s", "{:.2f}"),
    ("edit_s", "edit s", "{:.3f}"),
    ("edit_files", "files", "{:.0f}"),
    ("full_cold_s", "build cold s", "{:.2f}"),
    ("full_warm_s", "warm s", "{:.2f}"),
    ("gen_in_full_warm_s", "of it gen s", "{:.2f}"),
    ("stock_s", "stock s", "{:.2f}"),
    ("ratio_cold_vs_stock", "ratio cold", "{:.2f}"),
    ("ratio_warm_vs_stock", "warm", "{:.2f}"),
    ("stock_nodedupe_s", "stock no-dedupe s", "{:.2f}"),
    ("site_mib", "site MiB", "{:.1f}"),
    ("search_ko_kib", "search ko KiB", "{:.0f}"),
    ("search_en_kib", "search en KiB", "{:.0f}"),
    ("peak_cold_mib", "peak MiB", "{:.0f}"),
)


def table(rows: list[dict[str, Any]]) -> str:
    cells = [[title for _, title, _ in COLUMNS]]
    for row in rows:
        view = dict(row, site_mib=row["site_bytes"] / 2**20,
                    search_ko_kib=row["search_bytes"].get("ko", 0) / 1024,
                    search_en_kib=row["search_bytes"].get("en", 0) / 1024)
        cells.append([fmt.format(view[key]) for key, _, fmt in COLUMNS])
    widths = [max(len(line[i]) for line in cells) for i in range(len(COLUMNS))]
    lines = ["  ".join(cell.rjust(width) for cell, width in zip(line, widths)) for line in cells]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def _describe_tree() -> str:
    """The commit measured: HEAD of the checkout (``+ changes`` if the tree differs from it), or
    the commit a ``git archive`` snapshot was made from (BENCH_COMMIT)."""
    if os.environ.get("BENCH_COMMIT"):
        return f"snapshot of {os.environ['BENCH_COMMIT'][:10]}"
    try:
        head = subprocess.run(["git", "rev-parse", "--short=10", "HEAD"], cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               check=True, capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "no git checkout"
    return f"{head} + changes" if dirty else head


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")],
                        default=list(SIZES), help="comma-separated question counts")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median reported)")
    parser.add_argument("--serve-size", type=int, default=1000,
                        help="questions for the mkdocs serve rebuild timing (0: skip)")
    parser.add_argument("--out", type=Path, default=ROOT / ".bench", help="folder for the JSON")
    parser.add_argument("--worker-generate", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--worker-validate", type=Path, help=argparse.SUPPRESS)
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--worker-mkdocs"]:
        worker_mkdocs(argv[1:])
        return 0
    args = parser.parse_args(argv)
    if args.worker_generate:
        print(json.dumps(worker_generate(args.worker_generate)))
        return 0
    if args.worker_validate:
        print(json.dumps(worker_validate(args.worker_validate)))
        return 0

    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    # The package's bytecode, as `make build` compiles it (.venv/.compiled) and as a regular
    # install would: otherwise every measured process would compile ~9,000 lines first.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True,
                   stdout=subprocess.DEVNULL)
    # Every process of the bench (the command, the hook inside mkdocs, the workers) imports the
    # package next to this script, not whatever the virtual environment's editable install points
    # to: run a snapshot (git archive HEAD | tar -x -C /tmp/x; python /tmp/x/scripts/bench.py) to
    # measure one commit while the working tree changes.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    env.pop("SITE_URL", None)
    env.setdefault("SOURCE_DATE_EPOCH", "1723507200")

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    load_before = os.getloadavg()
    rows = []
    with tempfile.TemporaryDirectory(prefix="helpcenter-bench-") as tmp:
        work = Path(tmp)
        for count in args.sizes:
            rows.append(bench_size(count, args.runs, work, env, log))
        serve = None
        if args.serve_size:
            log(f"  mkdocs serve: one-entry edits at {args.serve_size} questions")
            # At least 5 edits: one edit's time varies by ~0.2 s with what else the machine does.
            serve = bench_serve(args.serve_size, max(args.runs, 5), work, env)
        log(f"  errors: {max(max(args.sizes), 1000)} questions, {PLANTED_ERRORS} planted errors")
        errors = bench_errors(max(max(args.sizes), 1000), PLANTED_ERRORS, args.runs, work, env)

    load_after = os.getloadavg()
    print(f"make bench ({_describe_tree()}): medians of {args.runs} runs; "
          f"{platform.python_implementation()} "
          f"{platform.python_version()}, {os.cpu_count()} CPUs, load average "
          f"{load_before[0]:.1f} before, {load_after[0]:.1f} after")
    print(table(rows))
    print()
    print("gen = scripts/build_faq.py's generate() inside a fresh process (imports excluded), files"
          " = docs/\nfiles actually written; warm = a second no-change generate() in the same process"
          " (the hook\nduring mkdocs serve); no-chg CLI = the whole command after a previous"
          " command run,\ninterpreter start included; build = make build (mkdocs build --strict,"
          " whose hook generates),\ncold with nothing in .cache/ (remembered search analyses,"
          " checked and rendered source),\nwarm with them; of it gen = time in the generator;"
          " stock = the same Markdown built by MkDocs +\nMaterial + mkdocs-static-i18n with their"
          " default search (one index, i18n de-duplicates it)\nand no hook; ratio = build / stock;"
          " stock no-dedupe = stock with reconfigure_search: false.")
    for row in rows:
        print(f"n={row['questions']}: edit of {row['edit_entry']} wrote "
              f"{', '.join(row['edit_written']) or 'nothing'}")
    if serve:
        shown = (f"{serve['shown_s']:.2f} s" if serve["shown_s"] is not None
                 else "not measured (no Playwright or chromium)")
        print(f"mkdocs serve at {serve['questions']} questions: one-entry edit saved -> "
              f"'Reloading browsers' in {serve['rebuild_s']:.2f} s, -> edited page shown in "
              f"Chromium in {shown} (medians); reloads per edit: {serve['reloads_per_edit']}")
    print(f"errors: {errors['questions']} questions, {errors['planted']} planted, "
          f"{errors['reported']} reported in one run ({errors['planted_entries_reported']} of the "
          f"broken entries named); validation {errors['validate_s']:.2f} s (median), whole "
          f"command {errors['cli_s']:.2f} s, exit {errors['cli_exit']}, "
          f"{len(errors['docs_written'])} docs/ files written")
    missed = {kind: f"{done}/{total}" for kind, (total, done)
              in errors["per_kind_planted_reported"].items() if done < total}
    if missed:
        print(f"        not reported (reported/planted): {missed}")

    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    args.out.mkdir(parents=True, exist_ok=True)
    report = {"when": stamp, "tree": _describe_tree(), "python": platform.python_version(),
              "cpus": os.cpu_count(),
              "load_average": [load_before, load_after],
              "runs": args.runs, "sizes": rows, "serve": serve, "errors": errors}
    path = args.out / f"bench-{stamp}.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"figures: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
