"""The outdated notice of a translation links to the same question in the original language, on
the same category page. (Both notices on plain pages: the goldens ``outdated`` and
``untranslated``.)"""

from __future__ import annotations

from helpcenter import render
from helpcenter.load import load


def test_the_notice_links_to_the_same_category_page_in_the_original(marked_project, capsys):
    faq = marked_project / "faq_source" / "faq.yaml"
    text = faq.read_text("utf-8").replace(
        "entries:\n",
        "categories:\n  - id: basics\n    ko: {title: 기본}\n    en: {title: Basics}\nentries:\n",
        1,
    )
    faq.write_text(
        text.replace("    guides: [", "    category: basics\n    guides: [", 1).replace(
            "    guides: []", "    category: basics\n    guides: []", 1
        ),
        "utf-8",
    )
    center = load(marked_project / "faq_source", marked_project)
    pages = render.render_site(center, {("entry", "no-guides", "en")})
    [path] = [p for p in pages if p.startswith("en/faq/") and "{#no-guides}" in pages[p]]
    assert path == "en/faq/basics.md"
    assert '<a href="../../../faq/basics/#no-guides" hreflang="ko"' in pages[path]
