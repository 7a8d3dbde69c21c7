"""Load: faq_source/ -> the checked model, or every problem at once with its file:line.

Stages: read the YAML keeping places (source.py) -> each file against its JSON Schema
(schema.py) -> checks across fields and files (checks.py, markup.py) and the picture files
(images.py, svg.py) -> the glossary lint (lint.py) -> the model (build.py). Nothing is built
unless every check passed.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import Problem, SourceError
from ..model import HelpCenter
from .build import build, build_terms
from .checks import cross_problems
from .images import image_problems
from .lint import iter_texts, lint
from .schema import schema_problems
from .source import Node, read_source
from .tree import texts

GLOSSARY = "glossary.yaml"


def load(source_dir: Path, display_root: Path | None = None) -> HelpCenter:
    """Read and check ``source_dir``; return the model or raise :class:`SourceError`."""
    root = display_root or source_dir.parent
    nodes, problems = read_source(source_dir, root)
    for name, node in nodes.items():
        problems += list(schema_problems(name, node))
    problems += cross_problems(nodes)
    picture_problems, pictures = image_problems(nodes, source_dir)
    problems += picture_problems
    glossary_file = nodes[GLOSSARY].mark.path if GLOSSARY in nodes else None
    if glossary_file and not any(p.mark.path == glossary_file for p in problems):
        problems += _glossary_problems(nodes)  # needs a well-formed glossary, nothing else
    if problems:
        raise SourceError(problems)
    return build(nodes, pictures)


def _glossary_problems(nodes: dict[str, Node]) -> list[Problem]:
    """Avoided variants of glossary terms in any writer's text (lint.py)."""
    terms = build_terms(nodes[GLOSSARY])
    return lint(iter_texts(texts(nodes)), terms, nodes[GLOSSARY].mark.path)


__all__ = ["load"]
