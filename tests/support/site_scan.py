"""Scan a built site for anything that could run script, as a browser would parse it.

``scan(site)`` walks every ``site/**/*.html``, parses it with html5lib (the HTML standard's
parsing algorithm: ``</title>`` inside a value, CDATA, unclosed tags and entity-encoded
``javascript:`` come out as a browser sees them) and returns one :class:`Finding` per problem:

- a ``<script>`` that is not the theme's or ours (``KNOWN_SCRIPT_SRC``, ``KNOWN_INLINE``, and the
  theme's ``<script id="__config" type="application/json">`` holding JSON);
- an attribute named ``on*``, or not in ``KNOWN_ATTRIBUTES`` (a value out of its quotes); an
  address (``URL_ATTRIBUTES``) whose scheme is not ``SAFE_SCHEMES`` (relative addresses and
  ``#anchors`` have none); any ``srcdoc``; an ``<img>`` whose ``src`` leaves the site (any
  scheme, ``//host``): the site's pictures are its own files (assets/images/);
- ``<iframe> <frame> <object> <embed> <applet> <base>``, a ``<form>`` other than the theme's
  search box, a ``<style>`` other than our one rule block in ``<head>``,
  ``<meta http-equiv=refresh>``, and in ``<svg>``: ``<foreignObject>`` or animation elements;
- a ``<title>`` or ``<meta name=description>`` that a value broke out of: not exactly one, or
  markup (a raw ``<``) between the first ``<title>`` and the last ``</title>`` of the source, or
  attributes beside ``name`` and ``content`` on the description.

The allowlist was taken from the real site (Material 9, our theme overrides); keep it short.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import html5lib

HTML = "{http://www.w3.org/1999/xhtml}"
# Material's bundle and our own scripts, at any depth ("../../assets/..", "/assets/.." on 404s).
KNOWN_SCRIPT_SRC = re.compile(
    r"(?:/|(?:\.\./)*)assets/javascripts/(?:bundle\.[0-9a-f]{8}\.min|helpcenter-[a-z]+)\.js"
)
_SCOPE_REST = (
    '__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
    "__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+\".\"+e)),"
    "__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+\".\"+e,"
    "JSON.stringify(_))}catch(e){}}"
)
KNOWN_INLINE = (
    # Material base.html: local-storage helpers, scoped to the page's base URL (".", "../..", or
    # "/" on the 404 pages).
    re.compile(r'__md_scope=new URL\("(?:/|\.|\.\.(?:/\.\.)*)",location\),'
               + re.escape(_SCOPE_REST)),
    # Material base.html (content tabs): opens the tab a #hash points to.
    re.compile(re.escape(
        "var target=document.getElementById(location.hash.slice(1));target&&target.name&&"
        '(target.checked=target.name.startsWith("__tabbed_"))'
    )),
)
KNOWN_STYLE_START = "/* Links inside text are underlined"  # theme/partials/helpcenter-style.html
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "background", "cite",
                  "{http://www.w3.org/1999/xlink}href"}
# Every attribute name the real pages hold (theme + Markdown + sanitizer's allowlist); another
# one means a value broke out of its quotes (``title="a "b" c"`` -> attributes ``b"`` and ``c"``).
KNOWN_ATTRIBUTES = set(
    "align alt autocapitalize autocomplete autocorrect charset checked class colspan content d"
    " decoding defer dir for height hidden href hreflang id lang loading name placeholder rel"
    " required role rowspan spellcheck src start style tabindex target title type viewBox"
    " width".split()
) | {"{http://www.w3.org/2000/xmlns/}xmlns"}
KNOWN_PREFIXES = ("aria-", "data-md-")
FORBIDDEN = {"iframe", "frame", "frameset", "object", "embed", "applet", "base"}
SVG_FORBIDDEN = {"foreignObject", "animate", "set", "animateMotion", "animateTransform"}
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]")  # ASCII whitespace and controls browsers skip


@dataclass(frozen=True)
class Finding:
    file: str
    what: str

    def __str__(self) -> str:
        return f"{self.file}: {self.what}"


def url_scheme(value: str) -> str | None:
    """The scheme a browser would use for ``value`` (entities already decoded), or None."""
    match = _SCHEME.match(_INVISIBLE.sub("", value))
    return match.group(1).lower() if match else None


def scan(site: Path) -> list[Finding]:
    """Every finding in every HTML page of ``site``."""
    return [finding for page in sorted(site.rglob("*.html"))
            for finding in scan_page(page.read_text("utf-8"), page.relative_to(site).as_posix())]


def scan_page(source: str, name: str) -> list[Finding]:
    """The findings of one page (``source``), reported under ``name``."""
    findings: list[str] = []
    root = html5lib.parse(source, treebuilder="etree", namespaceHTMLElements=True)
    head = root.find(f"{HTML}head")
    in_head = {id(el) for el in head.iter()} if head is not None else set()
    for el, in_svg in _walk(root, False):
        tag = el.tag.rpartition("}")[2]
        findings += _attribute_findings(tag, el)
        text = el.text or ""
        if tag == "script":
            src = el.get("src")
            if src is not None:
                if not KNOWN_SCRIPT_SRC.fullmatch(src):
                    findings.append(f"<script src={src!r}>")
            elif el.get("id") == "__config" and el.get("type") == "application/json":
                if not _is_json(text):
                    findings.append("<script id=__config> does not hold JSON")
            elif not any(known.fullmatch(text.strip()) for known in KNOWN_INLINE):
                findings.append(f"inline <script>{text[:60]!r}")
        elif tag in FORBIDDEN or (in_svg and tag in SVG_FORBIDDEN):
            findings.append(f"<{tag}>")
        elif tag == "form" and not (el.get("class") == "md-search__form" and el.get("name")
                                    == "search" and set(el.attrib) == {"class", "name"}):
            findings.append(f"<form {dict(el.attrib)}>")
        elif tag == "style" and not (id(el) in in_head and text.strip().startswith(
                KNOWN_STYLE_START)):
            findings.append(f"<style> {'in' if id(el) in in_head else 'outside'} <head>")
        elif tag == "meta" and (el.get("http-equiv") or "").strip().lower() == "refresh":
            findings.append("<meta http-equiv=refresh>")
    findings += _title_and_description(root, source)
    return [Finding(name, what) for what in findings]


def _walk(el, in_svg):
    """(element, inside an <svg>?) for every element (comments and the like skipped)."""
    for child in el:
        if isinstance(child.tag, str):
            yield child, in_svg
            yield from _walk(child, in_svg or child.tag.endswith("}svg"))


def _attribute_findings(tag: str, el) -> list[str]:
    found = []
    for key, value in el.attrib.items():
        local = key.rpartition("}")[2].lower()
        if local.startswith("on"):
            found.append(f"<{tag} {local}={value!r}>")
        elif local == "srcdoc":
            found.append(f"<{tag} srcdoc>")
        elif key in URL_ATTRIBUTES and (scheme := url_scheme(value)) not in SAFE_SCHEMES | {None}:
            found.append(f"<{tag} {local}={value!r}>: scheme {scheme!r}")
        elif tag == "img" and local == "src" and (url_scheme(value) or _INVISIBLE.sub(
                "", value).startswith(("//", "/\\", "\\"))):
            found.append(f"<img src={value!r}>: a picture from outside the site")
        elif key not in KNOWN_ATTRIBUTES | URL_ATTRIBUTES and not key.startswith(KNOWN_PREFIXES):
            found.append(f"<{tag}> unexpected attribute {key!r} (a value out of its quotes?)")
    return found


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _title_and_description(root, source: str) -> list[str]:
    found = []
    titles = list(root.iter(f"{HTML}title"))
    if len(titles) != 1:
        found.append(f"{len(titles)} <title> elements")
    start = re.search(r"<title\b[^>]*>", source, re.I)
    ends = [m.start() for m in re.finditer(r"</title", source, re.I)]
    if start and ends and "<" in source[start.end():ends[-1]]:
        found.append(f"markup in <title>: {source[start.end():ends[-1]][:80]!r}")
    descriptions = [m for m in root.iter(f"{HTML}meta") if m.get("name") == "description"]
    if len(descriptions) > 1:
        found.append(f"{len(descriptions)} <meta name=description>")
    for meta in descriptions:
        if set(meta.attrib) != {"name", "content"}:
            found.append(f"<meta name=description> attributes {sorted(meta.attrib)}")
    return found
