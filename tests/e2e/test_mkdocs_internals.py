"""One test for each reach past the documented plugin API of MkDocs, Material and
mkdocs-static-i18n (src/helpcenter/mkdocs_internals.py, mkdocs_reuse.py): an upgrade that changes
one fails here, by name."""

from __future__ import annotations

import json
from pathlib import Path

import material
import pytest
from mkdocs.config import load_config

from helpcenter import mkdocs_internals as internals
from helpcenter import mkdocs_reuse as reuse
from helpcenter.load import load

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def config():
    return load_config(config_file=str(ROOT / "mkdocs.yml"))


def test_the_theme_search_plugin_is_registered_for_page_context_and_can_be_dropped(config):
    search = config.plugins.get(internals.SEARCH_PLUGIN)
    assert search is not None, "Material's search plugin is no longer 'material/search'"
    owners = lambda: [getattr(m, "__self__", None) for m in config.plugins.events["page_context"]]  # noqa: E731
    assert search in owners(), "Material's search plugin no longer indexes in page_context"
    internals.skip_theme_page_indexing(config)
    assert search not in owners()


def test_i18n_languages_are_built_from_the_source(config):
    center = load(ROOT / "faq_source", ROOT)
    i18n = config.plugins.get(internals.I18N_PLUGIN)
    assert i18n.current_language is None, "i18n sets current_language before on_config"
    internals.configure_languages(config, center)
    languages = i18n.config.languages
    assert [lang.locale for lang in languages] == [lang.code for lang in center.languages]
    assert [lang.default for lang in languages] == [True, False]
    assert languages[1].site_name == center.language("en").site_name


def test_i18n_exposes_the_language_being_built_and_its_inner_builds(config):
    i18n = config.plugins.get(internals.I18N_PLUGIN)
    assert hasattr(i18n, "building"), "mkdocs-static-i18n renamed its 'building' flag"
    assert internals.inner_build(config) is False
    i18n.on_config(config)
    assert internals.current_language(config, "xx") == i18n.default_language == "ko"
    i18n.building = True
    assert internals.inner_build(config) is True


def test_the_theme_reads_the_language_selector_from_config_extra_alternate(config):
    template = Path(material.__file__).parent / "templates" / "partials" / "alternate.html"
    assert "config.extra.alternate" in template.read_text("utf-8")
    internals.set_language_selector(config, [{"name": "한국어", "lang": "ko", "link": "/"}])
    assert config.extra.alternate[0]["lang"] == "ko"


def test_a_generated_file_is_written_into_the_site_as_given(config, tmp_path):
    config.site_dir = str(tmp_path)
    config.plugins._current_plugin = "hooks"  # set by MkDocs while it runs an event
    file = internals.generated_file(config, "assets/images/0123456789abcdef.png", b"\x89PNG")
    assert file.dest_uri == "assets/images/0123456789abcdef.png"
    assert not file.is_documentation_page()
    file.copy_file()
    assert (tmp_path / "assets/images/0123456789abcdef.png").read_bytes() == b"\x89PNG"


def test_the_serve_watcher_of_docs_can_skip_the_generators_own_writes(tmp_path: Path):
    """LiveReloadServer: unwatch, its watchdog observer and its rebuild flag."""
    from mkdocs.livereload import LiveReloadServer
    from watchdog.events import FileCreatedEvent

    docs = tmp_path / "docs"
    docs.mkdir()
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(docs))
    internals.ignore_own_docs_changes(server, str(docs), lambda path: path.endswith("own.md"))
    assert str(docs) not in server._watched_paths
    (watch, handlers), = server.observer._handlers.items()
    handler, = handlers
    handler.on_any_event(FileCreatedEvent(str(docs / "own.md")))
    assert server._want_rebuild is False
    handler.on_any_event(FileCreatedEvent(str(docs / "hand-written.md")))
    assert server._want_rebuild is True
    server.server_close()


def test_page_render_sets_the_values_a_remembered_conversion_restores(config, tmp_path: Path):
    """Page.render's results: content, toc, _title_from_render, present_anchor_ids and
    links_to_anchors; remembered after a first render, set from memory on the next."""
    import logging

    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    from helpcenter.site.conversions import Conversions

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("# Page A\n\n## Part {#part}\n\nSee [b](b.md#x).\n", "utf-8")
    (docs / "b.md").write_text("# Page B\n\n## X {#x}\n", "utf-8")
    config.docs_dir = str(docs)
    files = Files([File(name, str(docs), str(tmp_path / "site"), True) for name in ("a", "b")
                   for name in [f"{name}.md"]])

    def rendered() -> Page:
        page = Page(None, files.get_file_from_path("a.md"), config)
        page.read_source(config)
        page.render(config, files)
        return page

    mkdocs_log = logging.getLogger("mkdocs")
    level = mkdocs_log.level
    mkdocs_log.setLevel(logging.INFO)  # as `mkdocs build` logs (a conversion is remembered)
    conversions = Conversions(tmp_path / "pages.json")
    try:
        reuse.remember_conversions(conversions)
        first = rendered()
        assert first.content and first._title_from_render == "Page A"
        assert {"part"} <= first.present_anchor_ids
        assert first.links_to_anchors[files.get_file_from_path("b.md")] == {"x": "b.md#x"}
        conversions.save()
        saved = json.loads((tmp_path / "pages.json").read_text("utf-8"))["pages"]
        [(key, entry)] = saved.items()
        conversions.pages.put(key, dict(entry, content="<p>remembered</p>"))
        second = rendered()
    finally:
        reuse.remember_conversions(None)
        mkdocs_log.setLevel(level)
    assert second.content == "<p>remembered</p>"
    assert str(second.toc) == str(first.toc) and len(second.toc) == 1
    assert second._title_from_render == first._title_from_render
    assert second.present_anchor_ids == first.present_anchor_ids
    assert second.links_to_anchors == first.links_to_anchors
    assert rendered().content == first.content  # MkDocs' own render again


def test_faq_source_is_watched_with_file_events_and_only_changes_rebuild(config, tmp_path: Path):
    """LiveReloadServer's rebuild flag set by a native watchdog observer; the path leaves
    config.watch (MkDocs polls what is left there after on_serve)."""
    import time

    from mkdocs.livereload import LiveReloadServer

    source = tmp_path / "faq_source"
    source.mkdir()
    (source / "faq.yaml").write_text("entries: []\n", "utf-8")
    config.watch = [str(source), str(tmp_path / "other")]
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))

    def flagged_within(seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not server._want_rebuild:
            time.sleep(0.01)
        return server._want_rebuild

    stop = internals.watch_natively(server, config, str(source))
    try:
        assert config.watch == [str(tmp_path / "other")]
        assert server.build_delay == internals.QUIET_PERIOD < 0.1
        (source / "faq.yaml").read_text("utf-8")  # the build reads the source: no rebuild
        assert not flagged_within(0.5)
        (source / "faq.yaml").write_text("entries: [1]\n", "utf-8")
        assert flagged_within(0.4)  # at once, not at the next 0.5 s poll
    finally:
        stop()
        server.server_close()


def test_theme_files_are_listed_as_mkdocs_lists_them_until_a_theme_folder_changes(
    config, tmp_path: Path
):
    from mkdocs.structure.files import Files

    mkdocs_listing = Files.add_files_from_theme.__dict__.get(
        "mkdocs_add_files_from_theme", Files.add_files_from_theme)
    theme = tmp_path / "theme"
    (theme / "assets").mkdir(parents=True)
    (theme / "assets" / "a.css").write_text("a{}", "utf-8")
    config.theme.dirs.insert(0, str(theme))
    env = config.theme.get_env()

    def listed(add) -> list[tuple[str, str, str]]:
        files = Files([])
        add(files, env, config)
        return [(f.src_uri, f.abs_src_path, f.abs_dest_path) for f in files]

    reuse.list_theme_files_once()
    assert listed(Files.add_files_from_theme) == listed(mkdocs_listing)
    assert any(uri == "assets/a.css" for uri, _, _ in listed(Files.add_files_from_theme))
    (theme / "assets" / "b.css").write_text("b{}", "utf-8")  # the folder changed: listed again
    assert any(uri == "assets/b.css" for uri, _, _ in listed(Files.add_files_from_theme))
    assert listed(Files.add_files_from_theme) == listed(mkdocs_listing)
