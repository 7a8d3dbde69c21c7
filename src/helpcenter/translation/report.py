"""The translation status report (``scripts/build_faq.py status``), as text or JSON."""

from __future__ import annotations

import json

from ..errors import Problem
from ..model import HelpCenter
from .freshness import Finding

def _totals(findings: list[Finding], mismatches: list) -> str:
    outdated = sum(f.state == "outdated" for f in findings)
    missing = sum(f.state == "missing" for f in findings)
    return (
        f"{outdated} outdated, {missing} missing, {len(mismatches)} parity "
        f"mismatch{'es' if len(mismatches) != 1 else ''}"
    )


def report_text(center: HelpCenter, findings: list[Finding], mismatches: list) -> str:
    """``status`` for people: per translation language, its missing and outdated translations
    and parity mismatches (``file:line: field: message``), then a one-line total.

    ``mismatches``: parity.parity's list (anything with ``language`` and ``problem()``)."""
    lines = []
    codes = [lang for lang in center.languages if lang.code != center.default_language]
    codes += [lang for lang in center.languages if lang.code == center.default_language]
    for language in codes:
        mine = [f for f in findings if f.language == language.code]
        theirs = [m for m in mismatches if m.language == language.code]
        if language.code == center.default_language and not mine and not theirs:
            continue  # the usual source language: nothing is translated into it
        lines.append(f"{language.code} ({language.name}): {_totals(mine, theirs)}")
        for finding in mine:
            lines.append(f"  {finding.problem()}")
        for mismatch in theirs:
            problem = mismatch.problem()
            lines.append(f"  {problem.mark}: {problem.field}: parity: {problem.message}")
    total = _totals(findings, mismatches)
    if findings or mismatches:
        lines.append(f"Total: {total}. (status --strict fails on any of them.)")
    else:
        lines.append(f"Total: {total}: every translation is current.")
    return "\n".join(lines) + "\n"


def report_json(center: HelpCenter, findings: list[Finding], mismatches: list) -> str:
    """``status --format json``: the same as :func:`report_text`, for tools."""

    def place(problem: Problem) -> dict:
        mark = problem.mark
        return {
            "file": mark.path,
            "line": mark.line,
            "column": mark.column,
            "field": problem.field,
            "message": problem.message,
        }

    languages = {}
    for language in center.languages:
        mine = [f for f in findings if f.language == language.code]
        theirs = [m for m in mismatches if m.language == language.code]
        languages[language.code] = {
            state: [
                {
                    "kind": f.kind,
                    "id": f.item_id,
                    "source_language": f.source_language,
                    **place(f.problem()),
                }
                for f in mine
                if f.state == state
            ]
            for state in ("missing", "outdated")
        }
        languages[language.code]["parity"] = [
            {"kind": m.kind, "id": m.item_id, **place(m.problem())} for m in theirs
        ]
    data = {
        "default_language": center.default_language,
        "languages": languages,
        "total": {
            "outdated": sum(f.state == "outdated" for f in findings),
            "missing": sum(f.state == "missing" for f in findings),
            "parity": len(mismatches),
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
