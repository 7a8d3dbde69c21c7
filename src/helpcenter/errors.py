"""One exception tree: users see located problems, never tracebacks."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Mark


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the source, located where a writer can find it."""

    mark: Mark
    """Where the problem is (file, line, column)."""
    field: str
    """Dotted path of the field as the writer wrote it, e.g. ``entries[3].en.answer``."""
    message: str
    """What is wrong, then how to fix it."""

    def __str__(self) -> str:
        field = f" {self.field}:" if self.field else ""
        return f"{self.mark}:{field} {self.message}"


class HelpCenterError(Exception):
    """Base of every error this package raises on purpose."""


class SourceError(HelpCenterError):
    """The source is invalid; carries every problem found, sorted by file and line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        lines = [str(p) for p in self.problems]
        lines.append(
            f"{count} problem{'s' if count != 1 else ''} in faq_source/; nothing was written."
        )
        return "\n".join(lines)


class OutputError(HelpCenterError):
    """Writing docs/ was refused (e.g. a generated page was edited by hand)."""


class UnsafeOutputError(SourceError):
    """A finished page held HTML outside the policy (html_policy.py); the site is not built."""

    def report(self) -> str:
        return super().report().replace("nothing was written.", "the site was not built.")
