"""Constants and helpers shared by the browser tests (imported by conftest.py and the tests)."""

from __future__ import annotations

import os
import subprocess
import sys
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


def build_under_prefix(project: Path, site_dir: Path) -> int:
    """``mkdocs build --strict`` of ``project`` into ``site_dir`` for serving under
    :data:`PREFIX` on a free port; returns the port."""
    from support.static_server import free_port

    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=f"http://127.0.0.1:{port}{PREFIX}")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return port


def language_root(code: str) -> str:
    return "" if code == "ko" else f"{code}/"
