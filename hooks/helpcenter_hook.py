"""MkDocs hook entry point; the logic lives in the installed package (src/helpcenter)."""

from helpcenter.mkdocs_hook import on_config  # noqa: F401
