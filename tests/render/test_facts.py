"""Facts rendered per locale (render/facts.py). (Bad facts: tests/load/error_cases/fact-*.yaml.)"""

from __future__ import annotations

from helpcenter import render
from helpcenter.load import load
from support.project_tools import edit

KO_ANSWER = "{{guide:second}} 가이드를 보세요. 날짜: {{fact:cutoff}}."


def test_amounts_and_percentages_are_rendered_per_locale(marked_project, capsys):
    site = marked_project / "faq_source" / "site.yaml"
    site.write_text(
        site.read_text("utf-8")
        + "  fee:\n    type: amount\n    value: 1000\n    currency: CNY\n"
        + "  rate:\n    type: percent\n    value: 1.5\n",
        "utf-8",
    )
    faq = marked_project / "faq_source" / "faq.yaml"
    edit(faq, KO_ANSWER, KO_ANSWER + " 수수료 {{fact:fee}}, {{fact:rate}}.")
    edit(faq, "Date: {{fact:cutoff}}.", "Date: {{fact:cutoff}}. Fee {{fact:fee}}, {{fact:rate}}.")
    pages = render.render_site(load(marked_project / "faq_source", marked_project))
    assert "수수료 CN¥1,000.00, 1.5%." in pages["ko/faq.md"]
    assert "Fee CN¥1,000.00, 1.5%." in pages["en/faq.md"]
