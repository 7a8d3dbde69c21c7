"""Theme templates compiled once per process, not once per language.

mkdocs-static-i18n builds each language with a new Jinja environment, and ``mkdocs serve`` makes
one per rebuild, so Material's ~40 templates were compiled again each time (about 0.1 s per
language). :class:`CompiledTemplates` is a Jinja bytecode cache held in memory only: a template
compiled for one environment is used by the next one with the same template source and the same
compile settings. Nothing is written to disk or read back from it.
"""

from __future__ import annotations

from types import CodeType

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket


def _compile_settings(environment: Environment) -> tuple:
    """What Jinja's compiler reads from the environment (runtime values such as globals,
    filters or translations are not in the compiled code)."""
    return (environment.block_start_string, environment.block_end_string,
            environment.variable_start_string, environment.variable_end_string,
            environment.comment_start_string, environment.comment_end_string,
            environment.line_statement_prefix, environment.line_comment_prefix,
            environment.trim_blocks, environment.lstrip_blocks, environment.newline_sequence,
            environment.keep_trailing_newline, tuple(sorted(environment.extensions)),
            environment.optimized, environment.finalize is not None, environment.is_async,
            environment.autoescape if isinstance(environment.autoescape, bool) else "callable",
            environment.code_generator_class, environment.context_class)


class CompiledTemplates(BytecodeCache):
    """(template key, compile settings) -> (source checksum, compiled code), in memory."""

    def __init__(self) -> None:
        self._codes: dict[tuple, tuple[str, CodeType]] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        known = self._codes.get((bucket.key, _compile_settings(bucket.environment)))
        if known is not None and known[0] == bucket.checksum:
            bucket.code = known[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is not None:
            self._codes[(bucket.key, _compile_settings(bucket.environment))] = (
                bucket.checksum, bucket.code)
