"""The glossary lint (load/lint.py) on the real source. (Its refusals: tests/load/error_cases/
glossary-*.yaml.)"""

from __future__ import annotations

from helpcenter.load import load
from support.project_tools import ROOT


def test_the_real_source_passes_the_glossary_lint():
    center = load(ROOT / "faq_source", ROOT)  # raises on any avoided variant
    assert {t.id for t in center.glossary} >= {"worldfirst", "alipay-business", "unlink"}
