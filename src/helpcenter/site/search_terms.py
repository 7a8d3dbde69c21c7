"""Korean search analyses, remembered and computed ahead: the slow part of the search indexes.

Kiwi takes about 6 µs per character (0.2 ms for a question, 1 ms for an answer: 6.5 s for the
10,000 texts of 5,000 questions) and ~0.7 s to load. So :class:`Analyses`

- remembers every analysis by the text's SHA-1: within a process (each ``mkdocs serve`` rebuild
  analyses only the edited texts) and across builds (:meth:`Analyses.save` /
  :meth:`Analyses.load`, a JSON file under ``.cache/``, valid for one analyser fingerprint);
- analyses ahead (:meth:`Analyses.prefetch`) each page's texts as soon as MkDocs has made the
  page, in the analyser given (analyser.py: a child process in a build, on the other core, so
  that MkDocs keeps rendering meanwhile), and only the texts it does not know yet.

A build that remembers nothing waits for Kiwi's load at its end when the site is small, so its
child process is started as early as MkDocs lets the project's code run (:func:`start_ahead`).

Languages with a cheap analyser (English) are analysed directly, never stored.
The results are those of :func:`search_index.analyse_many`: cached or not, same index bytes.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import threading
from collections.abc import Sequence
from concurrent.futures import Future
from pathlib import Path

from ..atomic import write_cache
from . import search_index
from .analyser import AnalyserGone, ChildAnalyser, LocalAnalyser

REMEMBERED = frozenset(search_index.ANALYSERS)
"""Languages whose analyses are worth remembering (those with a Kiwi-like analyser)."""

TERMS_CACHE = Path(".cache") / "search-terms.json"
"""The analyses of the last build, for the next one (relative to the project; git-ignored)."""

_ahead: tuple[Path, ChildAnalyser] | None = None
"""The project and the analyser process :func:`start_ahead` started for it."""
_asked_ahead = False


def start_ahead(project: Path) -> None:
    """Start the analyser process now if ``project`` remembers no analyses (a cold build).
    Called as MkDocs imports the project's hook (hooks/helpcenter_hook.py), before it reads the
    rest of its configuration: Kiwi then loads ~0.1 s sooner than from ``on_config``, and a small
    site's cold build ends waiting for it. :func:`take_analyser` hands it to the build; one that
    no build takes is stopped when this process exits. Once per process (MkDocs runs the hook
    file again at every configuration load: ``mkdocs serve``'s rebuilds)."""
    global _ahead, _asked_ahead
    if _asked_ahead:
        return
    _asked_ahead = True
    if not (project / TERMS_CACHE).exists():
        analyser = ChildAnalyser()
        analyser.start()
        _ahead = (project.resolve(), analyser)
        atexit.register(_stop_untaken)


def _stop_untaken() -> None:
    if _ahead is not None:
        _ahead[1].kill()


def take_analyser(project: Path, wanted: bool) -> ChildAnalyser:
    """The analyser process for ``project``: the one started ahead for it if one is ``wanted``
    (a cold build, ``mkdocs serve``), else a new one, not started yet (one started ahead for
    nothing is stopped)."""
    global _ahead
    ahead, _ahead = _ahead, None
    if ahead is not None:
        if wanted and ahead[0] == project.resolve():
            return ahead[1]
        ahead[1].kill()
    return ChildAnalyser()


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _is_terms(terms: object) -> bool:
    """``{sha1 hex of a text: [term, ...]}``, as :meth:`Analyses.save` writes it."""
    return isinstance(terms, dict) and all(
        isinstance(key, str) and len(key) == 40 and isinstance(value, list)
        and all(isinstance(term, str) for term in value)
        for key, value in terms.items())


class Analyses:
    """A remembering, ahead-of-time :func:`search_index.analyse_many`. ``analyser``: where the
    texts are analysed (analyser.py; by default a thread of this process)."""

    def __init__(self, analyser: LocalAnalyser | ChildAnalyser | None = None) -> None:
        self._terms: dict[str, dict[str, list[str]]] = {code: {} for code in REMEMBERED}
        self._used: dict[str, set[str]] = {code: set() for code in REMEMBERED}
        self._lock = threading.Lock()
        self._pending: dict[str, tuple[str, list[str], Future]] = {}
        """Key of a text being analysed -> (language, the texts of its batch, their future)."""
        self.analyser = analyser or LocalAnalyser()
        self._cheap: dict[str, dict[str, list[str]]] = {}
        """Language -> text -> terms, for the languages not remembered across builds: within a
        process (each ``mkdocs serve`` rebuild analyses only the edited texts; the texts given
        up by edits are dropped by :meth:`save`)."""

    def analyse_many(self, language: str, texts: Sequence[str]) -> list[list[str]]:
        """Terms of each text (waits for the texts being analysed ahead)."""
        if language not in REMEMBERED:
            known = self._cheap.setdefault(language, {})
            if missing := [text for text in dict.fromkeys(texts) if text not in known]:
                known.update(zip(missing, search_index.analyse_many(language, missing),
                                 strict=True))
            return [list(known[text]) for text in texts]
        keys = [_key(text) for text in texts]
        self._submit(language, texts, keys)
        self.wait()
        known = self._terms[language]
        self._used[language].update(keys)
        return [list(known[key]) for key in keys]

    def prefetch(self, language: str, texts: Sequence[str]) -> None:
        """Start analysing those of ``texts`` not known yet; returns at once."""
        if language in REMEMBERED and texts:
            self._submit(language, texts, [_key(text) for text in texts])

    def knows_nothing(self) -> bool:
        """True when no analysis is remembered (a cold build: the analyser will be needed)."""
        return not any(self._terms.values())

    def wait(self) -> None:
        """Wait for the background analyses and take their terms; a batch whose analyser
        stopped (:class:`AnalyserGone`) is analysed here instead."""
        with self._lock:
            batches = {id(future): (language, texts, future)
                       for language, texts, future in self._pending.values()}
            self._pending = {}
        for language, texts, future in batches.values():
            try:
                analysed = future.result()
            except AnalyserGone:
                analysed = search_index.analyse_many(language, texts)
            self._terms[language].update(zip(map(_key, texts), analysed, strict=True))

    def _submit(self, language: str, texts: Sequence[str], keys: Sequence[str]) -> None:
        known = self._terms[language]
        with self._lock:
            todo = {key: text for key, text in zip(keys, texts, strict=True)
                    if key not in known and key not in self._pending}
            if not todo:
                return
            batch = list(todo.values())
            future = self.analyser.submit(language, batch)
            for key in todo:
                self._pending[key] = (language, batch, future)

    # --- across builds --------------------------------------------------------------------------

    def load(self, path: Path) -> None:
        """Take the analyses saved at ``path`` if they were made by this analyser. Anything
        unreadable, from another analyser version or not of the saved shape (``{language:
        {sha1 hex: [term, ...]}}``) is ignored as a whole: it only costs time."""
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError, RecursionError):
            return
        fingerprint = search_index.analyser_fingerprint()
        if not isinstance(data, dict) or data.get("analyser") != fingerprint:
            return
        saved = data.get("terms")
        if not (isinstance(saved, dict) and all(
                language in self._terms and _is_terms(terms) for language, terms in saved.items())):
            return
        for language, terms in saved.items():
            for key, value in terms.items():
                self._terms[language].setdefault(key, value)

    def save(self, path: Path) -> None:
        """Write the analyses used since the last save (atomically; unused ones are dropped,
        so the file follows the site instead of growing)."""
        self.wait()
        data = {
            "analyser": search_index.analyser_fingerprint(),
            "terms": {language: {key: self._terms[language][key] for key in sorted(used)}
                      for language, used in sorted(self._used.items())},
        }
        write_cache(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
        # Memory follows the site too (a long `mkdocs serve` session edits many texts).
        self._terms = data["terms"]
        self._cheap = {}
        for used in self._used.values():
            used.clear()
