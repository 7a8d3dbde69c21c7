#!/usr/bin/env python3
"""Kill test: SIGKILL the generator at random moments while it writes docs/.

In a throw-away copy of the project (a synthetic FAQ, so that a run changes many pages: every
FAQ page is updated, two per language are removed, a folder of four guide pages is created, and
hand-written pages sit next to generated ones), each run:

1. puts docs/ back in the old state (with a stale ``.faq.md.XXXXXXXX.tmp`` of an older version);
2. starts ``scripts/build_faq.py --root COPY`` and waits for its write phase to begin: the
   staging folder appearing (anchor ``staging``) or the journal being committed (``commit``),
   then kills it with SIGKILL after a random delay within that phase's measured length;
3. reads docs/ as the kill left it (``raw``), then as the next run sees it, after the recovery
   that every run does first under the build lock (``recovered``): it must be wholly old or
   wholly new, byte for byte (``raw`` may be MIXED only while a committed journal says how to
   finish it: the recovery must then make it new);
4. runs the generator again: docs/ must be new, with no staging folder, journal or temporary file.

Prints a table and exits 1 if any run fails.

    .venv/bin/python scripts/kill_test.py [--runs 20] [--questions 400] [--seed N] [--keep]
"""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "scripts")]

from bench import make_project, synthetic_faq  # noqa: E402
from helpcenter.output import journal  # noqa: E402
from helpcenter.output.buildlock import locked_docs  # noqa: E402

HAND_WRITTEN = {"ko/notice.md": "# 공지\n\n손으로 쓴 페이지입니다.\n",
                "en/guides/notes.md": "# Notes\n\nA hand-written page next to generated ones.\n"}
STALE = "ko/.faq.md.k1ll3d00.tmp"


@dataclass
class Setup:
    project: Path
    old_docs: Path
    """A copy of docs/ in the old state, restored before each run."""
    old: dict[str, bytes]
    new: dict[str, bytes]


@dataclass
class Outcome:
    anchor: str
    delay: float
    tries: int
    landed: str
    raw: str
    committed: bool
    recovered: str
    final: str
    strays: list[str]

    @property
    def ok(self) -> bool:
        raw_ok = self.raw in ("old", "new") or (self.committed and self.recovered == "new")
        return raw_ok and self.recovered in ("old", "new") and self.final == "new" and not (
            self.strays)


def generator(project: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(ROOT / "scripts" / "build_faq.py"), "--root",
                             str(project)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def run_generator(project: Path) -> None:
    process = generator(project)
    _, err = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"generator failed in {project}:\n{err.decode()}")


def docs_state(docs: Path) -> dict[str, bytes]:
    """Every file of docs/ with its bytes, except temporary files and a staging folder."""
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*"))
            if p.is_file() and not journal.STALE_TMP.fullmatch(p.name)
            and journal.FALLBACK_STAGING not in p.parts}


def strays(project: Path) -> list[str]:
    """Staging folders, journals and temporary files left behind."""
    docs = project / "docs"
    found = [f"{s.relative_to(project)}/" for s in journal.staging_candidates(docs) if s.exists()]
    return found + [p.relative_to(project).as_posix() for p in journal.stale_temporary_files(docs)]


def edited(faq: str) -> str:
    """Every question and answer changed, in both languages."""
    for old, new in (("문의", "질문"), ("참조 번호", "참고 번호"), ("Question ", "Query "),
                     ("Reference number", "Ref. number")):
        faq = faq.replace(old, new)
    return faq


def prepare(work: Path, questions: int) -> Setup:
    """The project copy in the old state, a copy of that state, and the new state, computed by
    a clean run in a second copy."""
    project = make_project(work / "project", synthetic_faq(questions + 100))
    for rel, text in HAND_WRITTEN.items():
        (project / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / "docs" / rel).write_text(text, "utf-8")
    run_generator(project)
    shutil.rmtree(project / "docs" / "ko" / "guides")  # the new run creates the folder again
    (project / "docs" / STALE).write_text("half a page", "utf-8")
    old_docs = work / "old-docs"
    shutil.copytree(project / "docs", old_docs)
    (project / "faq_source" / "faq.yaml").write_text(edited(synthetic_faq(questions)), "utf-8")
    clean = work / "clean"
    shutil.copytree(project, clean)
    run_generator(clean)
    shutil.copy2(clean / ".cache" / "rendered.json", project / ".cache")  # no second render
    setup = Setup(project, old_docs, docs_state(old_docs), docs_state(clean / "docs"))
    assert setup.old != setup.new and not strays(clean)
    return setup


def restore(setup: Setup) -> None:
    shutil.rmtree(setup.project / "docs")
    shutil.copytree(setup.old_docs, setup.project / "docs")
    for stale in journal.staging_candidates(setup.project / "docs"):
        shutil.rmtree(stale, ignore_errors=True)
    (setup.project / ".cache" / "build_faq.json").unlink(missing_ok=True)


def anchors(project: Path) -> dict[str, Path]:
    staging = project / journal.STAGING
    return {"staging": staging, "commit": staging / journal.COMMITTED}


def watch(project: Path, anchor: Path, delay: float | None) -> tuple[float | None, float, bool]:
    """Start the generator; when ``anchor`` appears, kill it after ``delay`` seconds (None:
    let it finish). Returns when the anchor appeared, when the staging folder went or the
    process ended or was killed (seconds from start), and whether it was killed."""
    staging = anchors(project)["staging"]
    start = time.perf_counter()
    process = generator(project)
    seen, killed = None, False
    while process.poll() is None:
        now = time.perf_counter() - start
        if seen is None and anchor.exists():
            seen = now
        if seen is not None and delay is not None and now >= seen + delay:
            process.send_signal(signal.SIGKILL)
            killed = True
            break
        if seen is not None and delay is None and not staging.exists():
            break
    gone = time.perf_counter() - start
    process.wait()
    return seen, gone, killed


def calibrate(setup: Setup, rounds: int = 3) -> dict[str, float]:
    """How long each anchor's phase lasts (median of ``rounds`` runs that are not killed)."""
    spans: dict[str, list[float]] = {name: [] for name in anchors(setup.project)}
    for _ in range(rounds):
        for name, anchor in anchors(setup.project).items():
            restore(setup)
            seen, gone, _ = watch(setup.project, anchor, None)
            if seen is not None:
                spans[name].append(gone - seen)
    return {name: statistics.median(v) if v else 0.001 for name, v in spans.items()}


def classify(state: dict[str, bytes], setup: Setup) -> str:
    return "old" if state == setup.old else "new" if state == setup.new else "MIXED"


def one_run(setup: Setup, anchor_name: str, delay: float, tries: int) -> Outcome:
    """Kill, look at docs/, recover as the next run does, run again, look again."""
    project, docs = setup.project, setup.project / "docs"
    restore(setup)
    _, _, killed = watch(project, anchors(project)[anchor_name], delay)
    committed = anchors(project)["commit"].exists()
    raw = classify(docs_state(docs), setup)
    staging = anchors(project)["staging"].exists()
    landed = ("roll-forward" if committed else "clean-up" if staging and raw == "new"
              else "staging" if staging else "after writing" if killed else "not killed")
    with locked_docs(docs):  # what every run does before it reads docs/
        recovered = classify(docs_state(docs), setup)
    run_generator(project)
    final = classify(docs_state(docs), setup)
    return Outcome(anchor_name, delay, tries, landed, raw, committed, recovered, final,
                   strays(project))


def kill_test(work: Path, runs: int, questions: int, seed: int, rounds: int = 3,
              log=lambda text: None) -> list[Outcome]:
    """``runs`` kills, alternately timed from each anchor; a kill that lands after the write
    phase is checked too, then tried again with another delay (up to 5 tries)."""
    setup = prepare(work, questions)
    spans = calibrate(setup, rounds)
    log("write phase: " + ", ".join(f"from {k} {v * 1000:.1f} ms" for k, v in spans.items()))
    rng = random.Random(seed)
    outcomes = []
    for index in range(runs):
        name = ("staging", "commit")[index % 2]
        for tries in range(1, 6):
            outcome = one_run(setup, name, rng.uniform(0, spans[name]), tries)
            if not outcome.ok or outcome.landed in ("staging", "roll-forward", "clean-up"):
                break
        outcomes.append(outcome)
    return outcomes


def table(outcomes: list[Outcome]) -> str:
    head = ("run", "anchor", "delay ms", "tries", "killed in", "raw", "journal", "recovered",
            "next run", "stray files", "ok")
    rows = [head] + [
        (str(i), o.anchor, f"{o.delay * 1000:.2f}", str(o.tries), o.landed, o.raw,
         "committed" if o.committed else "-", o.recovered, o.final, " ".join(o.strays) or "-",
         "ok" if o.ok else "FAIL")
        for i, o in enumerate(outcomes, start=1)
    ]
    widths = [max(len(row[c]) for row in rows) for c in range(len(head))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip()
                     for row in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--questions", type=int, default=400)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--keep", action="store_true", help="keep the throw-away copies")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="kill-test-"))
    try:
        outcomes = kill_test(work, args.runs, args.questions, args.seed, log=print)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(table(outcomes))
    failed = sum(not o.ok for o in outcomes)
    landed = {w: sum(o.landed == w for o in outcomes)
              for w in ("staging", "roll-forward", "clean-up")}
    print(f"\nseed {args.seed}: {len(outcomes)} kills, {landed['staging']} while staging, "
          f"{landed['roll-forward']} while rolling forward, {landed['clean-up']} while cleaning "
          "up, "
          f"{len(outcomes) - sum(landed.values())} outside the write phase; {failed} failed.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
