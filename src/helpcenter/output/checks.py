"""Checks of the output that read docs/: the hand-written pages site.yaml lists exist, and every
``{{page:PATH}}`` leads to a page of the language showing it."""

from __future__ import annotations

from pathlib import Path

from ..errors import Problem
from ..fields import language_texts
from ..model import HelpCenter
from ..placeholders import scan

def extra_page_problems(docs_dir: Path, center: HelpCenter, pages: dict[str, str]) -> list[Problem]:
    """Check the hand-written pages site.yaml lists: present in the default language's folder,
    and not a page the generator makes."""
    problems = []
    for index, (rel, mark) in enumerate(center.extra_pages):
        field = f"extra_pages[{index}]"
        if f"{center.default_language}/{rel}" in pages:
            problems.append(
                Problem(
                    mark, field, f"'{rel}' is a generated page; list only hand-written pages here."
                )
            )
        elif not (docs_dir / center.default_language / rel).is_file():
            problems.append(
                Problem(
                    mark,
                    field,
                    f"no page docs/{center.default_language}/{rel}. "
                    "Create it (a hand-written Markdown page) or remove this line.",
                )
            )
    return problems


def page_link_problems(docs_dir: Path, center: HelpCenter, pages: dict[str, str]
                       ) -> list[Problem]:
    """Every ``{{page:PATH}}`` leads to a page of the language showing it: one the generator
    makes, or a hand-written ``docs/<language>/PATH``."""
    problems = []
    for language in center.languages:
        code = language.code
        for mark, field_path, value in language_texts(center, code):
            for placeholder in scan(value):
                if placeholder.kind != "page":
                    continue
                target = placeholder.ref
                path = target.partition("#")[0]
                if f"{code}/{path}" not in pages and not (docs_dir / code / path).is_file():
                    problems.append(Problem(
                        mark, field_path,
                        f"'{{{{page:{target}}}}}' shown in {code}: no page docs/{code}/{path}. "
                        "Create it (a hand-written Markdown page) or correct the path.",
                    ))
    return problems
