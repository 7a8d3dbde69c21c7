"""SVG pictures: accepted only when they are drawings and nothing else.

A reader who clicks a picture opens the file itself as a document, where an SVG's script, event
attribute or external reference would run or load: so an SVG is parsed with defusedxml (no DTD,
no entities, no external references), and every element and attribute must be in the allowlist
below (shapes, text, gradients, clipping; ``href`` only to ``#fragments``; ``url(...)`` only to
``#fragments``; no ``<style>`` element, no processing instruction such as xml-stylesheet). What is
not allowed is refused with the reason, never cleaned silently: the file served is the file the
writer checked in.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
XML = "{http://www.w3.org/XML/1998/namespace}"

ELEMENTS = frozenset(
    "svg g path rect circle ellipse line polyline polygon text tspan title desc defs use symbol"
    " linearGradient radialGradient stop clipPath mask pattern marker".split()
)
ATTRIBUTES = frozenset(
    "id class viewBox width height x y x1 y1 x2 y2 cx cy r rx ry fx fy d points transform"
    " fill fill-opacity fill-rule stroke stroke-width stroke-linecap stroke-linejoin"
    " stroke-dasharray stroke-dashoffset stroke-opacity stroke-miterlimit opacity style"
    " font-family font-size font-weight font-style text-anchor dominant-baseline"
    " alignment-baseline letter-spacing word-spacing text-decoration dx dy rotate lengthAdjust"
    " textLength offset stop-color stop-opacity gradientUnits gradientTransform spreadMethod"
    " clip-path clip-rule clipPathUnits mask maskUnits maskContentUnits patternUnits"
    " patternContentUnits patternTransform preserveAspectRatio version role aria-label"
    " aria-hidden markerWidth markerHeight refX refY orient markerUnits visibility display"
    " href".split()
) | {XLINK_HREF, f"{XML}space", f"{XML}lang"}
_EXTERNAL_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)
_UNSAFE_STYLE = re.compile(r"@import|expression|javascript:|\\|<", re.IGNORECASE)
_PROCESSING = re.compile(rb"<\?(?!xml[\s?])")
_PIXELS = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*$")
_HOW = ("Export it again as a plain drawing (Inkscape: Save As > Plain SVG; Figma, Illustrator: "
        "SVG export without scripts, links or CSS), or save it as PNG")


class SvgProblem(ValueError):
    """Why an SVG is refused: a sentence for the writer."""


def svg_size(data: bytes) -> tuple[int, int]:
    """The drawing's width and height in CSS pixels; raises :class:`SvgProblem`."""
    if _PROCESSING.search(data):
        raise SvgProblem(f"the SVG holds a processing instruction (<?...?>, e.g. xml-stylesheet), "
                         f"which could load another file. {_HOW}.")
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise SvgProblem(f"the SVG declares a DTD or entities (<!DOCTYPE ...>, <!ENTITY ...>), "
                         f"which are not allowed. {_HOW}.") from None
    except ParseError as err:
        raise SvgProblem(f"the file is not a readable SVG drawing (XML error: {err}). "
                         f"{_HOW}.") from None
    if root.tag != f"{SVG}svg":
        raise SvgProblem("the file is not an SVG drawing (its first element is not <svg> in "
                         f"the SVG namespace xmlns=\"http://www.w3.org/2000/svg\"). {_HOW}.")
    for element in root.iter():
        _check_element(element)
    return _size(root)


def _check_element(element: Element) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    name = tag.removeprefix(SVG)
    if name == tag or name not in ELEMENTS:
        raise SvgProblem(f"the SVG holds <{_local(tag)}>, which is not allowed in a picture "
                         f"(only drawing elements: {', '.join(sorted(ELEMENTS))}). {_HOW}.")
    for attribute, value in element.attrib.items():
        local = _local(attribute)
        if attribute not in ATTRIBUTES:
            raise SvgProblem(f"the SVG has the attribute {local}= on <{name}>, which is not "
                             f"allowed in a picture (scripts, links and editor data are not). "
                             f"{_HOW}.")
        if local == "href" and not value.strip().startswith("#"):
            raise SvgProblem(f"the SVG links to '{value[:40]}' from <{name}>: a picture may only "
                             f"refer to its own parts (#id). {_HOW}.")
        if _EXTERNAL_URL.search(value) or (local == "style" and _UNSAFE_STYLE.search(value)):
            raise SvgProblem(f"the SVG's {local}= on <{name}> loads something from outside the "
                             f"picture ('{value[:40]}'). {_HOW}.")


def _local(name: str) -> str:
    return name.rpartition("}")[2]


def _size(root: Element) -> tuple[int, int]:
    width, height = (_PIXELS.match(root.get(key, "")) for key in ("width", "height"))
    if width and height:
        return _whole(float(width.group(1))), _whole(float(height.group(1)))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    try:
        box_width, box_height = float(box[2]), float(box[3])
    except (IndexError, ValueError):
        box_width = box_height = 0.0
    if len(box) != 4 or box_width <= 0 or box_height <= 0:
        raise SvgProblem("the SVG has no size: give its <svg> element a viewBox=\"0 0 W H\" (or "
                         "width and height in pixels), so that the page can reserve its place.")
    return _whole(box_width), _whole(box_height)


def _whole(value: float) -> int:
    return max(1, round(value))
