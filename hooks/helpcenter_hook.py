"""MkDocs hook entry point; the logic lives in the installed package (src/helpcenter)."""

from helpcenter.mkdocs_hook import (  # noqa: F401
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
