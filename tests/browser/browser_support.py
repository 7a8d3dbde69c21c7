"""Constants and helpers shared by the browser tests (imported by conftest.py and the tests)."""

from __future__ import annotations

import os
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PREFIX = "/help/"
"""The site is hosted under this sub-path in every browser test."""
LANGUAGES = ("ko", "en")
PAGES = ("", "faq/", "guides/register-worldfirst/", "guides/settle-alipay-business/",
         "guides/unlink-alipay-business/", "guides/link-1688-in-worldfirst/")
"""Every page, relative to a language's root (the default language ko is at the site root)."""


def language_root(code: str) -> str:
    return "" if code == "ko" else f"{code}/"
