"""Category mistakes are located and change nothing.

Kept in Python rather than as error cases (tests/load/error_cases/): they start from the real FAQ
put in two categories by ``support.project_tools.categorise`` (a regex over the real faq.yaml), whose
line numbers move whenever writers edit the real questions; the expected lines could not be
exact and stable.
"""

from __future__ import annotations

import pytest

from helpcenter.cli import main
from support.project_tools import CATEGORIES, categorise, snapshot


@pytest.mark.parametrize(
    "edit, location, words",
    [
        (
            lambda t: t.replace("    category: money\n", "", 1),
            "faq_source/faq.yaml:",
            "entries[1].category: missing category",
        ),
        (
            lambda t: t.replace("category: money", "category: mony", 1),
            "faq_source/faq.yaml:",
            "entries[1].category: unknown category 'mony'. Did you mean 'money'?",
        ),
        (lambda t: t.replace(CATEGORIES, ""), "faq_source/faq.yaml:", "no categories are defined"),
    ],
)
def test_category_mistakes_are_located(project, capsys, edit, location, words):
    categorise(project)
    assert main(["--root", str(project)]) == 0
    faq = project / "faq_source" / "faq.yaml"
    faq.write_text(edit(faq.read_text("utf-8")), "utf-8")
    before = snapshot(project / "docs")
    assert main(["--root", str(project)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(location) and words in err, err
    assert snapshot(project / "docs") == before
