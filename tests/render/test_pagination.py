"""At most 50 questions a FAQ page (paths.faq_pages): a long FAQ is split, and each question knows
its page. (Rendered pages of a category of 51 questions: the golden ``categories``.)"""

from __future__ import annotations

from helpcenter import paths
from helpcenter.load import load
from support.project_tools import ROOT


def test_long_faq_is_split_into_pages_of_at_most_50():
    center = load(ROOT / "faq_source", ROOT)
    entries = [
        type(center.entries[0])(**{**vars(center.entries[0]), "id": f"q{i}"}) for i in range(120)
    ]
    big = type(center)(**{**vars(center), "entries": tuple(entries)})
    pages = paths.faq_pages(big)
    assert [(p.path, len(p.entries), p.part, p.parts) for p in pages] == [
        ("faq.md", 50, 1, 3),
        ("faq-2.md", 50, 2, 3),
        ("faq-3.md", 20, 3, 3),
    ]
    assert paths.entry_pages(big)["q119"] == "faq-3.md"
