"""SEO in the built HTML (no browser needed): absolute hreflang alternates with x-default,
canonical URLs and a meta description from the source on every page; the sitemap's alternates;
per-language search indexes."""

from __future__ import annotations

import datetime
import gzip
import json
import os
import re
import xml.etree.ElementTree as ET

import pytest
from browser_support import LANGUAGES, PAGES, PREFIX, language_root

from helpcenter.load import load
from helpcenter.site.seo import description

ALL_PAGES = [(code, path) for code in LANGUAGES for path in PAGES]


@pytest.fixture(scope="module")
def center():
    from browser_support import ROOT

    return load(ROOT / "faq_source", ROOT)


def site_url(site) -> str:
    return f"http://127.0.0.1:{site[1]}{PREFIX}"


def head_links(html: str, rel: str) -> list[dict[str, str]]:
    links = []
    for tag in re.findall(r"<link [^>]*>", html):
        attrs = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', tag))
        if attrs.get("rel") == rel:
            links.append(attrs)
    return links


@pytest.mark.parametrize(("code", "path"), ALL_PAGES)
def test_head_of_every_page(site, center, code, path):
    html = (site[0] / language_root(code) / path / "index.html").read_text("utf-8")
    url = site_url(site)
    assert f'<html lang="{code}"' in html
    canonical = head_links(html, "canonical")
    assert [c["href"] for c in canonical] == [url + language_root(code) + path]
    alternates = {a["hreflang"]: a["href"] for a in head_links(html, "alternate")}
    assert alternates == {
        "ko": url + path,
        "en": url + "en/" + path,
        "x-default": url + path,
    }
    meta = re.findall(r'<meta name="description" content="([^"]*)"', html)
    assert meta == [description(center, code, path)] and meta[0]


def test_descriptions_differ_per_page(center):
    for code in LANGUAGES:
        texts = [description(center, code, path) for path in PAGES]
        assert len(set(texts)) == len(texts), texts


def test_sitemap_has_alternates_and_x_default(site):
    data = (site[0] / "sitemap.xml").read_bytes()
    assert gzip.decompress((site[0] / "sitemap.xml.gz").read_bytes()) == data
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring(data)
    urls = root.findall("s:url", ns)
    assert len(urls) == len(LANGUAGES) * len(PAGES)
    url = site_url(site)
    for entry in urls:
        loc = entry.find("s:loc", ns).text
        links = {x.get("hreflang"): x.get("href") for x in entry.findall("x:link", ns)}
        assert set(links) == {"ko", "en", "x-default"}
        assert loc in (links["ko"], links["en"])
        assert links["x-default"] == links["ko"]
        assert all(href.startswith(url) for href in links.values())
    # Same source, same bytes: a date only from SOURCE_DATE_EPOCH (the Makefile sets it).
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        day = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date().isoformat()
        assert data.count(b"<lastmod>") == data.count(f"<lastmod>{day}</lastmod>".encode())
    else:
        assert b"lastmod" not in data


def test_one_search_index_per_language(site):
    for code in LANGUAGES:
        index = json.loads((site[0] / "search" / f"{code}.json").read_text("utf-8"))
        assert index["lang"] == code
        for doc in index["docs"]:
            assert doc["location"].startswith("en/") == (code == "en"), doc["location"]
    stub = json.loads((site[0] / "search" / "search_index.json").read_text("utf-8"))
    assert stub["docs"] == []
