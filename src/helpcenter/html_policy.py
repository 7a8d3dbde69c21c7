"""The one definition of the HTML a page may hold: what Python-Markdown makes of the writers'
Markdown (with the extensions of mkdocs.yml), the little raw HTML writers may add, and the
pictures the renderer adds (a link around ``<img>``).

load/markup.py checks each field against it for the writer's sake (a located message);
site/sanitize.py enforces it on every finished page (the guarantee, whatever fields combine to).
"""

from __future__ import annotations

MARKDOWN_EXTENSIONS = ("attr_list", "md_in_html", "tables", "toc")
"""Must match ``markdown_extensions`` in mkdocs.yml (a test checks it)."""

MARKDOWN_TAGS = frozenset({
    "p", "em", "strong", "a", "code", "pre", "ul", "ol", "li", "blockquote", "hr", "img",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
})
"""Elements Python-Markdown makes from Markdown."""
WRITER_TAGS = frozenset({"br", "kbd", "sup", "sub"})
"""The raw HTML writers may write, without attributes."""
RENDERER_TAGS = frozenset({"div"})
"""What the renderer adds around writers' Markdown: ``<div lang>`` around a text shown in its
original language (md_in_html's ``<div lang="ko" markdown>``; render/pages.py)."""
TAGS = MARKDOWN_TAGS | WRITER_TAGS | RENDERER_TAGS

MARKDOWN_ATTRIBUTES = frozenset({"href", "src", "alt", "title", "id", "class", "align", "start"})
"""Attributes Markdown (and attr_list's ``{: #id .class}``) may set on :data:`MARKDOWN_TAGS`."""
PAGE_ATTRIBUTES = {
    "*": MARKDOWN_ATTRIBUTES - {"href", "src"} | {"lang"},  # lang: texts not yet translated
    "a": MARKDOWN_ATTRIBUTES | {"hreflang", "lang"},  # the outdated notice's link (render/)
    # the pictures of steps and answers (render/pages.py: picture)
    "img": MARKDOWN_ATTRIBUTES | {"width", "height", "loading", "decoding", "lang"},
    "th": MARKDOWN_ATTRIBUTES | {"style"},  # tables: style="text-align: ..." only
    "td": MARKDOWN_ATTRIBUTES | {"style"},
}
"""Attributes a finished page may hold, per element (``*``: any of :data:`TAGS`)."""
STYLE_PROPERTIES = frozenset({"text-align"})
URL_ATTRIBUTES = frozenset({"href", "src"})
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
"""Besides addresses within the site (relative, made by the generator) and ``#anchors``."""

POLICY = (
    "Use Markdown; the only raw HTML allowed is <br>, <kbd>, <sup> and <sub> without "
    "attributes, and links must be http(s), mailto or tel addresses or #anchors."
)
