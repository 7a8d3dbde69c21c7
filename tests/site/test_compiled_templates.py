"""site/compiled_templates.py: a template is compiled once for every environment with the same
compile settings, and again when its source or those settings differ."""

from __future__ import annotations

from pathlib import Path

import jinja2

from helpcenter.site.compiled_templates import CompiledTemplates


def _environment(folder: Path, cache: CompiledTemplates, compiled: list[str], **settings
                 ) -> jinja2.Environment:
    class Counting(jinja2.Environment):
        def compile(self, source, name=None, filename=None, raw=False, defer_init=False):
            compiled.append(name)
            return super().compile(source, name, filename, raw, defer_init)

    return Counting(loader=jinja2.FileSystemLoader(str(folder)), bytecode_cache=cache,
                    **settings)


def test_templates_are_compiled_once_per_source_and_settings(tmp_path: Path):
    (tmp_path / "page.html").write_text("{{ greeting }}, {{ name }}!", "utf-8")
    cache, compiled = CompiledTemplates(), []
    first = _environment(tmp_path, cache, compiled)
    second = _environment(tmp_path, cache, compiled)
    second.globals["greeting"] = "안녕"  # runtime values are the environment's own
    assert first.get_template("page.html").render(greeting="Hi", name="A") == "Hi, A!"
    assert second.get_template("page.html").render(name="B") == "안녕, B!"
    assert compiled == ["page.html"]

    _environment(tmp_path, cache, compiled, variable_start_string="[[",
                 variable_end_string="]]").get_template("page.html")
    assert compiled == ["page.html"] * 2  # other syntax: compiled for it

    (tmp_path / "page.html").write_text("{{ name }}?", "utf-8")
    assert _environment(tmp_path, cache, compiled).get_template("page.html").render(
        name="C") == "C?"
    assert compiled == ["page.html"] * 3
