"""The generated-file marker: how every generated page begins, with a digest of its body.

A file is the generator's only if it starts with :data:`MARKER`; files without it are never
touched. The digest tells a later run whether the page was edited by hand since.
"""

from __future__ import annotations

import hashlib
import re

MARKER = "<!-- generated-by: helpcenter"
"""How every generated file begins."""
_MARKER_LINE = re.compile(re.escape(MARKER) + r".* sha256:([0-9a-f]{16}) -->\n")


def with_marker(body: str, source: str) -> str:
    """Prefix ``body`` with the generated-file comment, which records a hash of the body so that
    a later run can tell a hand edit from its own output."""
    digest = body_digest(body)
    return (
        f"{MARKER} from {source}; do not edit: change {source} and run "
        f"scripts/build_faq.py. sha256:{digest} -->\n{body}"
    )


def body_digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def split_marker(text: str) -> tuple[str, str] | None:
    """``(recorded digest, body)`` of a generated file, or None if ``text`` is not one."""
    match = _MARKER_LINE.match(text)
    return (match.group(1), text[match.end() :]) if match else None


def edited_by_hand(text: str) -> bool:
    """True if ``text`` is not a generated page exactly as the generator wrote it."""
    parts = split_marker(text)
    return parts is None or parts[0] != body_digest(parts[1])
