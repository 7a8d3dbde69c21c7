"""The parity check (translation/parity.py): numbers, facts, links, steps and glossary names must
agree between a translation and its original; each mismatch names both places."""

from __future__ import annotations

from support.project_tools import edit, run_cli

GLOSSARY = """\
# yaml-language-server: $schema=schema/glossary.schema.json
terms:
  - id: unlink
    ko:
      use: 연동 해제
      avoid: [바인딩 해제, 바인딩]
    en:
      use: unlink
      avoid: [unbind]
  - id: settings
    name: true
    ko:
      use: 설정
    en:
      use: Settings
"""


def test_parity_mismatches_are_reported_with_both_places(marked_project, capsys):
    (marked_project / "faq_source" / "glossary.yaml").write_text(GLOSSARY, "utf-8")
    faq = marked_project / "faq_source" / "faq.yaml"
    edit(
        faq,
        "See {{guide:second}}. Date: {{fact:cutoff}}.",
        "See {{guide:first}}, step 3, and [the site](https://example.com/).",
    )
    guides = marked_project / "faq_source" / "guides.yaml"
    edit(guides, "        - Confirm.\n", "        - Confirm.\n        - Done.\n")
    edit(guides, "Open **Settings**.", "Open the options.")
    assert run_cli(capsys, marked_project, "mark-current", "--all")[0] == 0
    code, out, _ = run_cli(capsys, marked_project, "status")
    assert code == 0
    lines = [line.strip() for line in out.splitlines()]
    where = "faq_source/faq.yaml:11: entries[0].en.answer: parity:"
    original = "the ko text (faq_source/faq.yaml:7)"
    for expected in (
        f"{where} fact 'cutoff' missing here: {original} has it.",
        f"{where} link to the guide 'second' missing here: {original} has it.",
        f"{where} link to the guide 'first' not in the original: {original} does not.",
        f"{where} link to 'https://example.com/' not in the original: {original} does not.",
        f"{where} number '3' not in the original: {original} does not.",
        "faq_source/guides.yaml:29:7: guides[1].en.steps: parity: 2 steps here, 1 in the ko "
        "text (faq_source/guides.yaml:23:7).",
        "faq_source/guides.yaml:19: guides[0].en.steps[1]: parity: name 'Settings / 설정' "
        "missing here: the ko text (faq_source/guides.yaml:10) has it.",
    ):
        assert expected in lines, out
    assert lines[-1].startswith("Total: 0 outdated, 0 missing, 7 parity mismatches.")
    assert run_cli(capsys, marked_project, "status", "--strict")[0] == 1
    assert run_cli(capsys, marked_project, "--strict")[0] == 1
