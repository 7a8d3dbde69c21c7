"""site/session.py: what one build hands the next within a process (``mkdocs serve``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpcenter.errors import UnsafeOutputError
from helpcenter.load import load
from helpcenter.site import session
from helpcenter.site.analyser import LocalAnalyser

ROOT = Path(__file__).resolve().parents[2]
CLEAN = '<h1 id="faq">FAQ</h1>\n<p>Answer.</p>'


def test_a_page_the_sanitizer_left_whole_is_not_sanitized_again_by_the_next_build(
    tmp_path: Path, monkeypatch
):
    monkeypatch.setattr(session, "take_analyser", lambda root, wanted: LocalAnalyser())
    sanitized: list[str] = []
    sanitize = session.sanitize
    monkeypatch.setattr(session, "sanitize", lambda html: sanitized.append(html) or sanitize(html))
    center = load(ROOT / "faq_source", ROOT)
    memory = session.SiteMemory(tmp_path, serving=True)  # mkdocs serve's rebuilds

    def build(content: str) -> str:
        site = session.SiteBuild(center, memory)
        try:
            return site.page_html(content, "faq.md", "faq/", "faq/", "FAQ", False, "ko")
        finally:
            site.finish(tmp_path / "site", "https://help.example.com/")

    first = build(CLEAN)
    assert build(CLEAN) == first and len(sanitized) == 1  # the next build: remembered
    with pytest.raises(UnsafeOutputError):  # other HTML: through the sanitizer, refused
        build(CLEAN + "<script>alert(1)</script>")
    assert build(CLEAN + "<p>More.</p>").endswith("<p>More.</p>") and len(sanitized) == 3
    memory.close()
