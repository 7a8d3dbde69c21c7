"""Browser tests: the real site, built under a sub-path (``/help/``) and served as a static host
would, driven by Playwright in Debian's Chromium (``make browser`` installs it; nothing is
downloaded by Playwright).

Without a browser these tests skip on a developer's machine and FAIL in CI (``CI=true``).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from support.static_server import SiteServer
from browser_support import CHROMIUM, CHROMIUM_ARGS, HERE, PREFIX, ROOT, build_under_prefix


def _no_browser(reason: str) -> None:
    message = (f"{reason}. The browser tests need Debian's chromium at {CHROMIUM}: run "
               "`make browser` (apt-get install chromium) or set CHROMIUM=/path/to/chromium.")
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def search_queries() -> dict[str, list[dict[str, str]]]:
    return yaml.safe_load((HERE / "search_queries.yaml").read_text("utf-8"))


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """The real project built with ``SITE_URL=http://127.0.0.1:<port>/help/``."""
    base = tmp_path_factory.mktemp("browser")
    project = base / "project"
    for name in ("faq_source", "docs", "hooks"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    port = build_under_prefix(project, base / "site")
    return base / "site", port


@pytest.fixture(scope="session")
def server(site: tuple[Path, int]):
    site_dir, port = site
    with SiteServer(site_dir, PREFIX, ("en",), port=port) as running:
        yield running


@pytest.fixture(scope="session")
def base_url(server: SiteServer) -> str:
    """``http://127.0.0.1:<port>/help/``."""
    return server.url


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.is_file():
        _no_browser(f"Chromium not found at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _no_browser("the Python package playwright is not installed (make test installs it)")
    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    yield page
    context.close()
