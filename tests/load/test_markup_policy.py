"""The raw-HTML policy of Markdown fields (load/markup.py): what passes, and that it checks with the
Markdown extensions the site uses. (What it refuses: tests/load/error_cases/unsafe-*.yaml and
relative-link-*.yaml; the finished pages: tests/site/test_sanitize.py.)"""

from __future__ import annotations

import pytest
import yaml

from helpcenter.cli import main
from helpcenter.load.markup import MARKDOWN_EXTENSIONS
from support.project_tools import ROOT


@pytest.mark.parametrize("text", ["Press <kbd>Ctrl</kbd> + <kbd>C</kbd>.", "Line<br>break",
                                  "x < 3 and y > 2: fine", "[site](https://www.1688.com/)",
                                  "`<script>` in code is text", "&lt;script&gt; is text",
                                  "[top](#a-list)", "[write](mailto:help@example.com)"])
def test_allowed_markup_passes(basic_project, capsys, text):
    path = basic_project / "faq_source" / "faq.yaml"
    source = path.read_text("utf-8")
    path.write_text(source.replace("        - item two\n", f"        - item two\n\n        {text}\n",
                                   1), "utf-8")
    assert main(["--root", str(basic_project)]) == 0, capsys.readouterr().err


def test_the_policy_checks_with_the_markdown_extensions_of_mkdocs_yml():
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=Loader)
    names = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    assert sorted(names) == sorted(MARKDOWN_EXTENSIONS)
