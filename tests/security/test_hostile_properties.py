"""Property tests of the output invariant: Hypothesis writes markup fragments, entities, CDATA,
comments, unclosed tags, bidi and control characters into every kind of field, next to each
other, and the result is either refused with located problems or a site with no live script
(support/site_scan.py) — never a traceback."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from hostile import LOCATED, run_generator, run_mkdocs
from support.project_tools import copy_project
from support.site_scan import scan

FRAGMENTS = [
    "<script>alert(1)</script>", "<script", "</script>", "<![CDATA[", "]]>", "<!--", "-->",
    "<p>", "</p>", "<div>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "<b>",
    "</title>", "<style>", "`", "``", "    ", "\n", "\n\n", "1. ", "- ", "> ", "&", "&lt;",
    "&#60;script&#62;", "&#x6A;avascript:", "javascript:alert(1)", "[a](javascript:x)",
    "[a]: data:text/html,x", "{: onclick=x }", "{#x}", '"', "'", "\\", "*", "_", "|",
    "\u202e", "\u2066", "\x00", "\x1b", "\x85", "가나다", "콰징바오", "跨境宝", "{{", "}}",
]
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=8).map(
    "".join)

PLAIN_FIELDS = [("site.yaml", ("languages", "ko", "site_name")),
                ("site.yaml", ("languages", "en", "description")),
                ("site.yaml", ("languages", "ko", "labels", "faq_title")),
                ("guides.yaml", ("guides", 0, "ko", "title")),
                ("guides.yaml", ("guides", 0, "ko", "summary")),
                ("faq.yaml", ("entries", 0, "ko", "question")),
                ("faq.yaml", ("entries", 0, "en", "question"))]
MARKDOWN_FIELDS = [("site.yaml", ("languages", "ko", "home", "intro")),
                   ("guides.yaml", ("guides", 0, "ko", "intro")),
                   ("guides.yaml", ("guides", 0, "ko", "steps", 0)),
                   ("guides.yaml", ("guides", 0, "ko", "steps", 1)),
                   ("faq.yaml", ("entries", 0, "ko", "answer")),
                   ("faq.yaml", ("entries", 1, "ko", "answer"))]
FIELDS = PLAIN_FIELDS + MARKDOWN_FIELDS


def _write(project: Path, values: list[str]) -> None:
    """Each value into its field (adjacent fields of one page get adjacent values)."""
    files = {name: yaml.safe_load((project / "faq_source" / name).read_text("utf-8"))
             for name in ("site.yaml", "guides.yaml", "faq.yaml")}
    for (name, path), value in zip(FIELDS, values, strict=True):
        node = files[name]
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value
    for name, data in files.items():
        (project / "faq_source" / name).write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture],
                phases=(Phase.explicit, Phase.reuse, Phase.generate))


@settings(max_examples=40, **SETTINGS)
@given(values=st.lists(texts, min_size=len(FIELDS), max_size=len(FIELDS)))
def test_the_generator_refuses_at_a_line_or_accepts_never_a_traceback(tmp_path_factory, values):
    project = copy_project(tmp_path_factory.mktemp("gen") / "project")
    _write(project, values)
    run = run_generator(project)
    assert "Traceback" not in run.output, run.output
    assert run.returncode in (0, 1), run.output
    if run.returncode == 1:
        # each problem starts a line with its place (a YAML syntax error's snippet is indented)
        lines = run.output.split("\n")
        problems = [line for line in lines if line and not line[0].isspace()][:-1]
        assert problems and all(LOCATED.match(line) for line in problems), run.output


@settings(max_examples=6, **SETTINGS)  # each example is a full mkdocs build (~4 s)
@given(values=st.lists(texts, min_size=len(FIELDS), max_size=len(FIELDS)))
def test_a_built_site_never_holds_a_live_script(tmp_path_factory, values):
    base = tmp_path_factory.mktemp("site")
    project = copy_project(base / "project")
    _write(project, values)
    run = run_mkdocs(project, base / "site")
    assert "Traceback" not in run.output, run.output
    if run.returncode == 0:
        assert scan(base / "site") == []
    else:
        assert LOCATED.search(run.output), run.output
