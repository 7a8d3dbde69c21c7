"""The command line (cli.py) on whole projects: the committed docs/ is up to date, and bad use of
the command line exits 2 with argparse's message."""

from __future__ import annotations

import pytest

from helpcenter.cli import main
from support.project_tools import ROOT


def test_committed_docs_are_up_to_date(capsys: pytest.CaptureFixture[str]):
    assert main(["--check", "--root", str(ROOT)]) == 0, capsys.readouterr().err


def test_an_unknown_option_exits_2(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--no-such-option"])
    assert stop.value.code == 2


@pytest.mark.parametrize(
    "args, words",
    [
        (["mark-current"], "give the ids of questions or guides, or --all"),
        (["mark-current", "first", "--all"], "give the ids of questions or guides, or --all"),
        (["mark-current", "frist"], "'frist' is not the id of a question or a guide"),
        (["mark-current", "--all", "--language", "fr"], "'fr' is not a language of the site"),
        (["status", "--format", "xml"], "invalid choice"),
    ],
)
def test_bad_translation_command_use_exits_2(basic_project, capsys, args, words):
    with pytest.raises(SystemExit) as stop:
        main([*args, "--root", str(basic_project)])
    assert stop.value.code == 2
    assert words in capsys.readouterr().err
