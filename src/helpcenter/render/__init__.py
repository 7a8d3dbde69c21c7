"""Render: the model -> Markdown pages (``{path under docs/: text}``). Pure: no I/O, no clock."""

from .pages import render_site

__all__ = ["render_site"]
