"""Old question addresses keep working in the browser after the FAQ is split into categories:
``faq/#id`` (now the category index) and a removed page's ``#id`` (the 404 page) both land on
the question's current page, at its anchor."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from browser_support import PREFIX

from support.static_server import SiteServer, free_port
from support.project_tools import categorise, copy_project


@pytest.fixture(scope="module")
def categorised_url(tmp_path_factory):
    base = tmp_path_factory.mktemp("moved")
    project = categorise(copy_project(base / "project"))
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=f"http://127.0.0.1:{port}{PREFIX}")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(base / "site")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    with SiteServer(base / "site", PREFIX, ("en",), port=port) as running:
        yield running.url


@pytest.mark.parametrize(
    "old, new",
    [
        ("faq/#link-fails", "faq/switching/#link-fails"),
        ("en/faq/#fees-after-upgrade", "en/faq/money/#fees-after-upgrade"),
        ("en/faq/switching/#fees-after-upgrade", "en/faq/money/#fees-after-upgrade"),
        ("en/faq/removed-category/#link-fails", "en/faq/switching/#link-fails"),
    ],
)
def test_an_old_question_address_lands_on_the_question(page, categorised_url, old, new):
    page.goto(categorised_url + old)
    page.wait_for_url(categorised_url + new, timeout=10_000)
    anchor = new.split("#")[1]
    assert page.locator(f"h2#{anchor}").is_visible()


def test_an_unknown_anchor_stays_put(page, categorised_url):
    page.goto(categorised_url + "en/faq/money/#no-such-question")
    page.wait_for_load_state("networkidle")
    assert page.url == categorised_url + "en/faq/money/#no-such-question"
