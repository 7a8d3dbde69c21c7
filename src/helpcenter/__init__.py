"""Bilingual help-center generator: faq_source/ (YAML) -> docs/<lang>/ (Markdown) -> MkDocs site."""

__version__ = "0.1.0"
