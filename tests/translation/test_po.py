"""Gettext PO export and import (translation/po.py, po_import.py, yaml_edit.py): the real
source's export, lossless round trips, byte-exact targeted edits, a missing block added, and every
refusal with its exact message (nothing written)."""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

import polib
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support.project_tools import copy_basic, edit, run_cli, snapshot

REFUND_EN = ("Where your refund goes depends on how you paid.\nFor example, if you paid with "
             "your Alipay Business account, the refund is returned to your Alipay Business "
             "account.\n")


def export(capsys, project: Path, *args: str) -> tuple[str, Path]:
    out = project / "po"
    code, stdout, err = run_cli(capsys, project, "export", "--language", "en", "--out", str(out),
                                *args)
    assert code == 0, err
    return stdout, out


def import_po(capsys, project: Path, *files: Path) -> tuple[int, str, str]:
    return run_cli(capsys, project, "import", *map(str, files))


def change(path: Path, context: str, msgstr: str | None = None, fuzzy: bool | None = None,
           **fields: str) -> None:
    catalog = polib.pofile(str(path))
    entry = next(e for e in catalog if e.msgctxt == context)
    if msgstr is not None:
        entry.msgstr = msgstr
    if fuzzy is False and "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
    for name, value in fields.items():
        setattr(entry, name, value)
    catalog.save(str(path))


def changed_lines(before: bytes, after: bytes) -> list[str]:
    diff = difflib.unified_diff(before.decode().splitlines(), after.decode().splitlines(),
                                lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def test_the_real_source_exports_two_fuzzy_items_and_the_rest_translated(project, capsys):
    stdout, out = export(capsys, project)
    assert stdout.splitlines() == [
        f"{out.as_posix()}/site.en.po: 16 messages (16 translated, 0 fuzzy, 0 untranslated)",
        f"{out.as_posix()}/guides.en.po: 32 messages (32 translated, 0 fuzzy, 0 untranslated)",
        f"{out.as_posix()}/faq.en.po: 18 messages (14 translated, 4 fuzzy, 0 untranslated)",
    ]
    faq = polib.pofile(str(out / "faq.en.po"))
    assert [e.msgctxt for e in faq.fuzzy_entries()] == [
        "entries/refund-destination/question", "entries/refund-destination/answer",
        "entries/link-worldfirst/question", "entries/link-worldfirst/answer"]
    answer = faq.find("entries/not-unlinked/answer", by="msgctxt")
    assert answer.occurrences == [("faq_source/faq.yaml", "12")]
    assert "{{fact:cutoff_date}}" in answer.comment and "python-brace-format" not in answer.flags
    assert "Translation note" in faq.find("entries/link-worldfirst/answer", by="msgctxt").comment
    assert faq.metadata["Language"] == "en" and faq.metadata["X-Source-Language"] == "ko"
    guides = polib.pofile(str(out / "guides.en.po"))
    assert guides.find("guides/register-worldfirst/steps/1", by="msgctxt").msgstr.startswith(
        "If you do not have a WorldFirst account yet")
    stdout, _ = export(capsys, project, "--only", "missing")
    assert stdout == "nothing to translate into en (--only missing).\n"


def test_export_then_import_without_edits_changes_no_byte(project, capsys):
    before = snapshot(project / "faq_source")
    _, out = export(capsys, project)
    code, stdout, err = import_po(capsys, project, *sorted(out.glob("*.po")))
    assert (code, err) == (0, "")
    assert stdout == "faq_source/: nothing to change.\n"
    assert snapshot(project / "faq_source") == before


def test_translating_one_fuzzy_message_changes_that_value_and_the_lock_only(project, capsys):
    faq_yaml = project / "faq_source" / "faq.yaml"
    lock_file = project / "faq_source" / "translations.lock.json"
    before, lock_before = faq_yaml.read_bytes(), json.loads(lock_file.read_text())
    _, out = export(capsys, project, "--only", "outdated")
    change(out / "faq.en.po", "entries/refund-destination/question", fuzzy=False)
    change(out / "faq.en.po", "entries/refund-destination/answer", REFUND_EN, fuzzy=False)
    code, stdout, err = import_po(capsys, project, out / "faq.en.po")
    assert code == 0, err
    assert stdout.splitlines()[:2] == ["faq_source/faq.yaml: 1 text changed",
                                       "en: question 'refund-destination' marked current"]
    assert changed_lines(before, faq_yaml.read_bytes()) == [
        "-        Your refund is returned to your Alipay Business account by the original payment"
        " route.",
        "-        Once the upgrade takes effect on {{fact:cutoff_date}}, 1688 orders can no longer"
        " be paid through Alipay Business.",
        "-        Please make sure that all your orders are completed before you unlink your 1688"
        " account.",
        "+        Where your refund goes depends on how you paid.",
        "+        For example, if you paid with your Alipay Business account, the refund is "
        "returned to your Alipay Business account.",
    ]
    lock_after = json.loads(lock_file.read_text())
    record = lock_after["entries"].pop("refund-destination")["en"]
    assert record["hash"] and "note" not in record
    lock_before["entries"].pop("refund-destination")
    assert lock_after == lock_before
    assert run_cli(capsys, project)[0] == 0
    page = (project / "docs" / "en" / "faq.md").read_text("utf-8")
    sections = dict(re.findall(r"\{#([\w-]+)\}\n(.*?)(?=\n## |\Z)", page, re.S))
    assert "may be out of date" not in sections["refund-destination"]
    assert "may be out of date" in sections["link-worldfirst"]


def test_import_edits_only_the_target_values_byte_for_byte(project, capsys):
    guides = project / "faq_source" / "guides.yaml"
    site = project / "faq_source" / "site.yaml"
    before, site_before = guides.read_bytes(), site.read_bytes()
    _, out = export(capsys, project)
    po = out / "guides.en.po"
    change(po, "guides/register-worldfirst/title", 'Register "now" # or sign in: 100%')
    change(po, "guides/register-worldfirst/steps/2", "Sign in to your WorldFirst account, "
           "then check the account overview page before you continue with the next step.")
    change(out / "site.en.po", "languages/labels/steps_heading", "What to do")
    code, stdout, err = import_po(capsys, project, po, out / "site.en.po")
    assert code == 0, err
    assert changed_lines(before, guides.read_bytes()) == [
        "-      title: Register or sign in to a WorldFirst account",
        "+      title: \"Register \\\"now\\\" # or sign in: 100%\"",  # plain cannot hold it
        "-          Sign in to your WorldFirst account.",
        "+          Sign in to your WorldFirst account, then check the account overview page",
        "+          before you continue with the next step.",  # re-folded, as wide as the file
    ]
    assert changed_lines(site_before, site.read_bytes()) == [
        "-      steps_heading: Steps", "+      steps_heading: What to do"]
    data = yaml.safe_load(guides.read_text("utf-8"))["guides"][0]["en"]
    assert data["title"] == 'Register "now" # or sign in: 100%'
    assert "marked current" not in stdout  # already current: the lock stays as it was


@pytest.fixture
def without_en_block(tmp_path, capsys) -> Path:
    """The basic fixture, marked current, with the English block of 'no-guides' removed."""
    project = copy_basic(tmp_path / "project")
    faq = project / "faq_source" / "faq.yaml"
    text = faq.read_text("utf-8")
    faq.write_text(text[: text.rindex("    en:\n")], "utf-8")
    assert run_cli(capsys, project, "mark-current", "--all")[0] == 0
    return project


def test_a_missing_block_is_added_in_the_layout_of_its_original(without_en_block, capsys):
    project = without_en_block
    faq = project / "faq_source" / "faq.yaml"
    before = faq.read_text("utf-8")
    _, out = export(capsys, project, "--only", "missing")
    po = out / "faq.en.po"
    assert [(e.msgctxt, e.msgstr) for e in polib.pofile(str(po))] == [
        ("entries/no-guides/question", ""), ("entries/no-guides/answer", "")]
    change(po, "entries/no-guides/question", "1. A question")
    code, _, err = import_po(capsys, project, po)
    assert code == 1 and faq.read_text("utf-8") == before
    assert err == (f"{po.as_posix()}:15: msgctxt entries/no-guides/question: the en block does "
                   "not exist yet, so every text in it must be translated (and not fuzzy) to add "
                   "it; not yet: msgctxt entries/no-guides/answer. Translate them too.\n"
                   "1 problem; nothing was written.\n")
    change(po, "entries/no-guides/answer", "- one\n- two\n\nSee {{question:plain-text}}.\n")
    code, stdout, err = import_po(capsys, project, po)
    assert code == 0, err
    assert faq.read_text("utf-8") == before + (
        "    en:\n"
        "      question: 1. A question\n"
        "      answer: |\n"
        "        - one\n"
        "        - two\n"
        "\n"
        "        See {{question:plain-text}}.\n")
    assert "en: question 'no-guides' marked current" in stdout
    code, stdout, _ = run_cli(capsys, project, "status", "--strict")
    assert code == 0 and "every translation is current" in stdout


# ------------------------------------------------------------------------------------ refusals

BAD_PO = 'msgid ""\nmsgstr ""\n"Language: en\\n"\n\nmsgctxt "x"\nmsgid "a\nmsgstr "b"\n'
FRESH = ("Export again (scripts/build_faq.py export --language en --out DIR) and carry your "
         "translations over (msgmerge, Poedit's Catalog > Update from POT File, or Weblate's "
         "update of the component).")
POLICY = ("Use Markdown; the only raw HTML allowed is <br>, <kbd>, <sup> and <sub> without "
          "attributes, and links must be http(s), mailto or tel addresses or #anchors.")


def _answer(po: Path, msgstr: str) -> None:
    change(po, "entries/plain-text/answer", msgstr)


REFUSALS = {
    "unknown msgctxt": (lambda po: change(po, "entries/plain-text/answer",
                                          msgctxt="entries/plain-txt/answer"),
                        "{po}:26: msgctxt entries/plain-txt/answer: no en text of faq_source/ "
                        "has this address. Keep msgctxt as export wrote it; " + FRESH),
    "duplicated msgctxt": (lambda po: po.write_text(po.read_text("utf-8") + (
        '\nmsgctxt "entries/plain-text/answer"\nmsgid "{{guide:second}} 가이드를 보세요. 날짜: '
        '{{fact:cutoff}}.\\n"\nmsgstr "x {{guide:second}} {{fact:cutoff}}\\n"\n'), "utf-8"),
                           "{po}:54: msgctxt entries/plain-text/answer: this msgctxt appears "
                           "twice (also at {po}:26). Keep one of them."),
    "msgid changed": (lambda po: change(po, "entries/no-guides/question", msgid="옛 질문"),
                      "{po}:32: msgctxt entries/no-guides/question: the msgid is not the current "
                      "ko text at faq_source/faq.yaml: the source changed since this file was "
                      "exported. " + FRESH),
    "placeholder changed": (lambda po: _answer(po, "See {{guide:first}}. Date: {{fact:cutoff}}."),
                            "{po}:26: msgctxt entries/plain-text/answer: the placeholders differ "
                            "from the msgid: lost {{guide:second}}, added {{guide:first}}. Keep "
                            "every {{...}} of the msgid exactly as written, and add none."),
    "placeholder lost": (lambda po: _answer(po, "See {{guide:second}}.\n"),
                         "{po}:26: msgctxt entries/plain-text/answer: the placeholders differ "
                         "from the msgid: lost {{fact:cutoff}}. Keep every {{...}} of the msgid "
                         "exactly as written, and add none."),
    "link address changed": (lambda po: _answer(
        po, "See {{guide:second}} and [the bank](https://example.com). Date: {{fact:cutoff}}.\n"),
                             "{po}:26: msgctxt entries/plain-text/answer: the link addresses "
                             "differ from the msgid: added https://example.com. Keep each link's "
                             "address as in the msgid; translate only its text."),
    "unsafe HTML": (lambda po: _answer(
        po, "See {{guide:second}}.<script>x</script> Date: {{fact:cutoff}}.\n"),
                    "{po}:26: msgctxt entries/plain-text/answer: raw HTML <script> is not "
                    "allowed. " + POLICY),
    "not valid PO": (lambda po: po.write_text(BAD_PO, "utf-8"),
                     "{po}:6: not a valid PO file: this line is not a comment, a "
                     "msgctxt/msgid/msgstr keyword or a quoted string. Fix it in a PO editor "
                     "(msgfmt --check FILE.po shows where), or export again."),
    "not UTF-8": (lambda po: po.write_bytes(po.read_text("utf-8").encode("utf-16")),
                  "{po}:1: the file is not UTF-8 (byte 0xff). Save it as UTF-8 (charset=UTF-8 in "
                  "the header), as Poedit and Weblate do."),
}


@pytest.mark.parametrize("case", REFUSALS)
def test_import_refuses_with_a_located_message_and_writes_nothing(marked_project, capsys, case):
    project = marked_project
    _, out = export(capsys, project)
    po = out / "faq.en.po"
    spoil, expected = REFUSALS[case]
    spoil(po)
    before = snapshot(project / "faq_source")
    code, stdout, err = import_po(capsys, project, po)
    assert code == 1 and stdout == ""
    assert err == expected.replace("{po}", po.as_posix()) + "\n1 problem; nothing was written.\n"
    assert snapshot(project / "faq_source") == before


def test_every_problem_is_reported_at_once(marked_project, capsys):
    _, out = export(capsys, marked_project)
    po = out / "faq.en.po"
    _answer(po, "See {{guide:first}}.<iframe src=x></iframe>\n")
    change(po, "entries/no-guides/question", msgid="옛 질문")
    code, _, err = import_po(capsys, marked_project, po)
    assert code == 1
    assert err.count(f"{po.as_posix()}:") == 3
    assert err.endswith("3 problems; nothing was written.\n")


def test_a_translation_the_build_would_refuse_is_reported_at_its_message(marked_project, capsys):
    _, out = export(capsys, marked_project)
    po = out / "faq.en.po"
    change(po, "entries/no-guides/question", "Line one\nline two")
    code, _, err = import_po(capsys, marked_project, po)
    assert code == 1
    assert err.startswith(f"{po.as_posix()}:32: msgctxt entries/no-guides/question: "
                          "must be one line of text")


# --------------------------------------------------------------------------- properties

TEXT = st.text(st.sampled_from(list("ab Z'\"\\#%:-\n가나한글中文字*")), min_size=1, max_size=40)
settings_ = settings(max_examples=15, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture])


def _valid(text: str) -> bool:
    return bool(text.strip()) and text == text.strip(" \n") + ("\n" if text.endswith("\n") else "")


@settings_
@given(written=TEXT.filter(_valid), new=TEXT.filter(_valid))
def test_round_trips_are_lossless_and_edits_exact(tmp_path_factory, capsys, written, new):
    project = copy_basic(tmp_path_factory.mktemp("prop") / "project")
    faq = project / "faq_source" / "faq.yaml"
    old_answer = "        See {{guide:second}}. Date: {{fact:cutoff}}.\n"
    quoted = json.dumps(written + " {{guide:second}} {{fact:cutoff}}", ensure_ascii=False)
    edit(faq, "      answer: |\n" + old_answer, f"      answer: {quoted}\n")
    before = snapshot(project / "faq_source")
    _, out = export(capsys, project)
    pos = sorted(out.glob("*.po"))
    assert import_po(capsys, project, *pos)[0] == 0
    assert snapshot(project / "faq_source") == before  # export -> import: not a byte changed

    text = faq.read_text("utf-8")
    wanted = new + " {{fact:cutoff}} {{guide:second}}"
    change(out / "faq.en.po", "entries/plain-text/answer", wanted)
    code, _, err = import_po(capsys, project, out / "faq.en.po")
    assert code == 0, err
    after = faq.read_text("utf-8")
    data = yaml.safe_load(after)
    assert data["entries"][0]["en"]["answer"].rstrip("\n") == wanted.rstrip("\n")
    head, tail = text.split(f"      answer: {quoted}\n")
    assert after.startswith(head + "      answer: ") and after.endswith(tail)
