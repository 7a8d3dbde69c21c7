"""The translation lock: ``faq_source/translations.lock.json`` records, for each translation, the
language it was made from and the hash of that text (see freshness.py). Written only by the
commands: sorted keys, two-space indent, one trailing newline, so that it diffs well and a run
that changes nothing writes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import write_atomic
from ..errors import Problem
from ..load.source import display_path
from ..model import Mark

LOCK_FILE = "translations.lock.json"
"""The lock's file name inside faq_source/."""


_LOCK_NOTE = (
    "Written by scripts/build_faq.py mark-current and mark-outdated; do not edit by hand. "
    "For each translation: the language it was translated from and the hash of that text "
    "(null: made from another text than the current one; see note)."
)


_KINDS = {"entry": "entries", "guide": "guides"}
"""Item kind -> its key in the source files and in the lock."""


@dataclass(frozen=True)
class Record:
    """What the lock says about one translation."""

    source: str
    """The language it was translated from."""
    hash: str | None
    """:func:`source_hash` of the text it was made from; None: another text than the current."""
    note: str = ""
    """Why it was marked outdated (``mark-outdated --note``)."""


@dataclass
class Lock:
    """``(kind, id, language) -> Record``."""

    records: dict[tuple[str, str, str], Record] = field(default_factory=dict)

    def text(self) -> str:
        """The lock file's bytes as text: deterministic (sorted, fixed layout)."""
        data: dict = {"about": _LOCK_NOTE}
        for kind, key in _KINDS.items():
            section: dict = {}
            for (k, item_id, language), record in sorted(self.records.items()):
                if k != kind:
                    continue
                value: dict = {"from": record.source, "hash": record.hash}
                if record.note:
                    value["note"] = record.note
                section.setdefault(item_id, {})[language] = value
            data[key] = section
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def read_lock(source_dir: Path, display_root: Path) -> tuple[Lock, list[Problem]]:
    """Read ``faq_source/translations.lock.json``; a missing file is an empty lock."""
    path = source_dir / LOCK_FILE
    shown = display_path(path, display_root)
    lock = Lock()
    if not path.is_file():
        return lock, []
    fix = "Restore it from git, or delete it and run scripts/build_faq.py mark-current --all."
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        return lock, [Problem(Mark(shown, 1), "", f"the lock is not UTF-8. {fix}")]
    except json.JSONDecodeError as err:
        return lock, [
            Problem(Mark(shown, err.lineno, err.colno), "", f"not valid JSON: {err.msg}. {fix}")
        ]
    problems = []
    for kind, key in _KINDS.items():
        section = data.get(key, {}) if isinstance(data, dict) else None
        if not isinstance(section, dict):
            problems.append(Problem(Mark(shown), key, f"expected a block of ids. {fix}"))
            continue
        for item_id, languages in section.items():
            for language, value in languages.items() if isinstance(languages, dict) else []:
                if not (
                    isinstance(value, dict)
                    and isinstance(value.get("from"), str)
                    and (value.get("hash") is None or isinstance(value.get("hash"), str))
                ):
                    problems.append(
                        Problem(Mark(shown), f"{key}.{item_id}.{language}", f"malformed. {fix}")
                    )
                    continue
                lock.records[(kind, item_id, language)] = Record(
                    value["from"], value.get("hash"), str(value.get("note", ""))
                )
    return lock, problems


def write_lock(source_dir: Path, lock: Lock) -> bool:
    """Write the lock if its text changed; return whether it was written."""
    path = source_dir / LOCK_FILE
    text = lock.text()
    if path.is_file() and path.read_bytes() == text.encode("utf-8"):
        return False
    write_atomic(path, text)
    return True
