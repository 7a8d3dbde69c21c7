"""Reproducible builds: two builds of the same commit give byte-identical site/ trees.

MkDocs writes build dates in two places, sitemap.xml (<lastmod>) and the gzip header of
sitemap.xml.gz; both follow SOURCE_DATE_EPOCH, which the Makefile sets to the commit time.
"""

from __future__ import annotations

import datetime
import gzip
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from helpcenter.site.session import TERMS_CACHE
from support.project_tools import ROOT, copy_project, snapshot

EPOCH = 1723507200  # 2024-08-13 00:00:00 UTC, far from any day the tests run on
EPOCH_DAY = "2024-08-13"


def build(project_dir: Path, site_dir: Path, epoch: int) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=str(epoch))
    env.pop("SITE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site_dir)],
        cwd=project_dir, capture_output=True, text=True, env=env, check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The project copied to two different folders (different path lengths too) and built in each.

    The second copy is made from the first after its build, so both builds read the same input
    even while the working tree changes, and the second one starts with the Korean search
    analyses the first one remembered (.cache/search-terms.json): remembered or computed, the
    same bytes.
    """
    first = tmp_path_factory.mktemp("a")
    copy_project(first / "project")
    assert not (first / "project" / TERMS_CACHE).exists()
    build(first / "project", first / "site", EPOCH)
    second = tmp_path_factory.mktemp("second-checkout-elsewhere")
    shutil.copytree(first / "project", second / "project")
    assert (second / "project" / TERMS_CACHE).stat().st_size > 1000
    build(second / "project", second / "site", EPOCH)
    return first / "site", second / "site"


def test_two_builds_are_byte_identical(two_builds: tuple[Path, Path]):
    first, second = (snapshot(site) for site in two_builds)
    assert len(first) > 20
    assert sorted(first) == sorted(second)
    differing = [rel for rel in first if first[rel] != second[rel]]
    assert differing == []


def test_sitemap_dates_come_from_source_date_epoch(two_builds: tuple[Path, Path]):
    site = two_builds[0]
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    lastmods = sitemap.count("<lastmod>")
    assert lastmods > 0
    assert sitemap.count(f"<lastmod>{EPOCH_DAY}</lastmod>") == lastmods
    compressed = (site / "sitemap.xml.gz").read_bytes()
    (mtime,) = struct.unpack("<I", compressed[4:8])  # RFC 1952: MTIME, bytes 4-7
    assert mtime == EPOCH
    assert gzip.decompress(compressed).decode("utf-8") == sitemap


def test_no_file_carries_the_build_day(two_builds: tuple[Path, Path]):
    today = datetime.datetime.now(datetime.UTC).date()
    days = {today.isoformat(), (today - datetime.timedelta(days=1)).isoformat()}
    for rel, data in snapshot(two_builds[0]).items():
        for day in days:
            assert day.encode() not in data, rel


@pytest.mark.skipif(shutil.which("make") is None or shutil.which("git") is None
                    or not (ROOT / ".git").exists(), reason="needs make and a git checkout")
def test_makefile_exports_the_commit_time(tmp_path: Path):
    commit_time = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, check=True,
                                 capture_output=True, text=True).stdout.strip()
    probe = tmp_path / "probe.mk"
    probe.write_text("print-epoch:\n\t@echo \"epoch=$$SOURCE_DATE_EPOCH\"\n", "utf-8")

    def run(**extra: str) -> str:
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | extra
        return subprocess.run(["make", "-s", "-f", "Makefile", "-f", str(probe), "print-epoch"],
                              cwd=ROOT, env=env, check=True, capture_output=True,
                              text=True).stdout.strip()

    assert run() == f"epoch={commit_time}"
    assert run(SOURCE_DATE_EPOCH="") == f"epoch={commit_time}"
    assert run(SOURCE_DATE_EPOCH=str(EPOCH)) == f"epoch={EPOCH}"
