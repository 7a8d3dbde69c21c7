"""``{{page:PATH}}`` links a hand-written page of docs/<language>/ and must find it.

Kept in Python rather than as an error case (tests/load/error_cases/): the test creates the page
in docs/ between two runs and checks the second run passes and links it. (The malformed PATHs are
error cases: page-placeholder-*.yaml.)
"""

from __future__ import annotations

import pytest

from helpcenter.cli import main
from support.project_tools import snapshot


def test_page_placeholders_link_hand_written_pages_and_must_find_them(
    basic_project, capsys: pytest.CaptureFixture[str]
):
    path = basic_project / "faq_source" / "faq.yaml"
    source = path.read_text("utf-8")
    link = "        Call us: [contact]({{page:help/contact.md#phone}}).\n"
    path.write_text(source.replace("        - item two\n", "        - item two\n\n" + link, 1),
                    "utf-8")
    before = snapshot(basic_project / "docs")
    assert main(["--root", str(basic_project)]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert err.startswith("faq_source/faq.yaml:24: entries[1].en.answer: "
                          "'{{page:help/contact.md#phone}}' shown in en: no page "
                          "docs/en/help/contact.md. Create it"), err
    assert "nothing was written" in err
    assert snapshot(basic_project / "docs") == before

    contact = basic_project / "docs" / "en" / "help" / "contact.md"
    contact.parent.mkdir(parents=True)
    contact.write_text("# Contact\n\n## Phone {#phone}\n", "utf-8")
    assert main(["--root", str(basic_project)]) == 0, capsys.readouterr().err
    faq = (basic_project / "docs" / "en" / "faq.md").read_text("utf-8")
    assert "Call us: [contact](help/contact.md#phone)." in faq
