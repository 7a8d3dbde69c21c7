"""MkDocs hook: regenerate docs/ from faq_source/ at the start of every build (and every
``mkdocs serve`` rebuild), and take the navigation and the languages from the source.

Listed in mkdocs.yml as ``hooks: [hooks/helpcenter_hook.py]``, which imports this module: hooks are
not reloaded by ``mkdocs serve``, the installed package is.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from .cli import generate
from .errors import HelpCenterError
from .model import HelpCenter
from .render import navigation

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = get_plugin_logger("helpcenter")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Runs before files are collected (once per language with mkdocs-static-i18n)."""
    root = Path(config.config_file_path).parent
    try:
        result = generate(root)
    except HelpCenterError as err:
        raise PluginError(f"faq_source/ cannot be built:\n{err}") from None
    if result.plan.changes:
        log.info("regenerated docs/: %s", result.plan.summary())
    config.nav = navigation(result.center)
    _configure_languages(config, result.center)
    return config


def _configure_languages(config: MkDocsConfig, center: HelpCenter) -> None:
    """Give mkdocs-static-i18n the source's languages (it runs after this hook, priority -100)."""
    i18n = config.plugins.get("i18n")
    if i18n is None or i18n.current_language is not None:  # not first build of this config
        return
    from mkdocs_static_i18n.config import I18nPluginLanguage

    languages = []
    for language in center.languages:
        item = I18nPluginLanguage()
        item.load_dict(
            {
                "locale": language.code,
                "name": language.name,
                "default": language.code == center.default_language,
                "build": True,
                "site_name": language.site_name,
                "site_description": language.description,
            }
        )
        failed, _ = item.validate()
        if failed:
            raise PluginError(
                f"language '{language.code}' is not usable by mkdocs-static-i18n: {failed}"
            )
        languages.append(item)
    i18n.config.languages = languages
