"""MkDocs hook entry point; the logic lives in the installed package (src/helpcenter)."""

from pathlib import Path

from helpcenter.site.search_terms import start_ahead

# A cold build's Korean analyser (Kiwi: ~0.7 s to load) starts now, while MkDocs reads the rest of
# its configuration; the build takes it over (src/helpcenter/site/search_terms.py).
start_ahead(Path(__file__).resolve().parent.parent)

from helpcenter.mkdocs_hook import (  # noqa: E402, F401
    on_config,
    on_env,
    on_files,
    on_page_content,
    on_page_context,
    on_page_markdown,
    on_post_build,
    on_post_template,
    on_serve,
    on_shutdown,
    on_startup,
    on_template_context,
)
