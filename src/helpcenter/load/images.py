"""Pictures of guide steps and answers: every file an ``image:`` block names is checked at the
line that names it, and measured for the page (its width and height, so that the page reserves
its place and nothing moves while it loads).

- The path is relative to faq_source/ and stays inside it: no absolute path, no ``..``, no
  symbolic link leading out (the site publishes only what the writers' folder holds).
- PNG, JPEG or WebP read by Pillow, whose bytes are what the name's extension says; or an SVG
  drawing within svg.py's allowlist.
- At most :data:`MAX_BYTES` (readers on phones load every picture of a guide) and
  :data:`MAX_SIDE` pixels on a side.

Pillow is imported only when the source has pictures.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import Problem
from .source import Node
from .svg import SvgProblem, svg_size
from .tree import child, image_nodes

MAX_BYTES = 500 * 1024
"""The size budget of one picture file (500 KB)."""
MAX_SIDE = 8000
"""The largest width or height in pixels."""
EXTENSIONS = {"png": "PNG", "jpg": "JPEG", "jpeg": "JPEG", "webp": "WEBP", "svg": "SVG"}
"""File name extensions (any case) and the format their bytes must have."""
_SHOWN_FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "WEBP": "WebP", "SVG": "SVG"}
_SITE_EXTENSIONS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp", "SVG": "svg"}
_ORIENTATION = 0x0112  # EXIF: 5 to 8 mean the picture is shown turned by 90 degrees
EXAMPLE = "images/ko/choose.png"


@dataclass(frozen=True)
class Measured:
    """What the page needs to know of a checked picture file."""

    width: int
    height: int
    digest: str
    extension: str
    """``png``, ``jpg``, ``webp`` or ``svg``: the format of the bytes."""


def image_problems(nodes: dict[str, Node], source_dir: Path
                   ) -> tuple[list[Problem], dict[str, Measured]]:
    """Problems of every picture file named in the source, and each good file measured (by the
    path as written). Each file is read once, however often it is named."""
    problems: list[Problem] = []
    measured: dict[str, Measured] = {}
    checked: dict[str, Measured | str] = {}
    for path, node in image_nodes(nodes):
        file_node = child(node, "file")
        if file_node is None or not isinstance(file_node.value, str) or not file_node.value:
            continue  # the schema's to report
        written = file_node.value
        if written not in checked:
            checked[written] = _check(written, source_dir)
        result = checked[written]
        if isinstance(result, str):
            problems.append(Problem(file_node.mark, f"{path}.file", result))
        else:
            measured[written] = result
    return problems, measured


def _check(written: str, source_dir: Path) -> Measured | str:
    """The measured picture, or why it cannot be used (a message for the writer)."""
    if why := _path_problem(written):
        return f"'{written}' {why}. Write a path inside faq_source/, such as {EXAMPLE}."
    name = PurePosixPath(written).name
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    if extension not in EXTENSIONS:
        return (f"'{name}' is not named as a PNG, JPEG, WebP or SVG picture. Save the picture in "
                "one of these formats, named .png, .jpg, .webp or .svg.")
    root = source_dir.resolve()
    try:
        resolved = (source_dir / written).resolve()
    except (OSError, RuntimeError):  # a loop of symbolic links
        resolved = None
    if resolved is None or not resolved.is_relative_to(root):
        return (f"'{written}' leads outside faq_source/ (a symbolic link). Copy the picture "
                "itself into faq_source/.")
    try:
        if not resolved.is_file():  # a folder, a device, a pipe: never read
            raise FileNotFoundError
        size = resolved.stat().st_size
        data = resolved.read_bytes() if size <= MAX_BYTES else b""
    except (FileNotFoundError, NotADirectoryError):
        return (f"no file faq_source/{written}. Put the picture there or correct the path "
                "(relative to faq_source/; upper and lower case count).")
    except OSError as err:
        return f"faq_source/{written} cannot be read ({err.strerror}). Check the file."
    if max(size, len(data)) > MAX_BYTES:  # (read only within the budget)
        return (f"the picture is {-(-max(size, len(data)) // 1024):,} KB; a picture may be at "
                f"most {MAX_BYTES // 1024} KB. Make it smaller: crop it to what the step shows, "
                "use fewer colours (PNG) or save it as WebP or JPEG.")
    try:
        kind, width, height = _measure(data, EXTENSIONS[extension], extension)
    except ValueError as err:
        return str(err)
    if max(width, height) > MAX_SIDE:
        return (f"the picture is {width} x {height} pixels; at most {MAX_SIDE} on a side. "
                "Scale it down.")
    return Measured(width, height, hashlib.sha256(data).hexdigest(), _SITE_EXTENSIONS[kind])


def _path_problem(written: str) -> str:
    if written.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", written):
        return "is an absolute path"
    if "\\" in written:
        return "uses \\ between folders: write /"
    if ".." in written.split("/"):
        return "leads outside faq_source/ with '..'"
    if written.strip() != written or written.endswith("/"):
        return "is not a file's path"
    return ""


def _measure(data: bytes, expected: str, extension: str) -> tuple[str, int, int]:
    """(format, width, height) of the bytes; ValueError with the writer's message."""
    looks_like_xml = data.lstrip()[:1] == b"<"
    if expected == "SVG" and looks_like_xml:
        try:
            return ("SVG", *svg_size(data))
        except SvgProblem as err:
            raise ValueError(str(err)) from None
    if looks_like_xml and b"<svg" in data[:4096]:
        actual = "SVG"
    else:
        actual, size = _raster(data)
        if actual == expected:
            return (actual, *size)
    shown = _SHOWN_FORMATS.get(actual)
    if shown is None:
        raise ValueError(f"the file is a {actual} picture; only PNG, JPEG, WebP and SVG are "
                         "shown on the site. Save it as PNG (screenshots) or JPEG (photos).")
    raise ValueError(f"the file is a {shown} picture, but its name ends in .{extension}. Rename "
                     f"it to .{_SITE_EXTENSIONS[actual]} (and the path here).")


def _raster(data: bytes) -> tuple[str, tuple[int, int]]:
    """Pillow's name of the format, and the size as shown (EXIF rotation applied)."""
    from PIL import Image, UnidentifiedImageError  # only for a source with pictures

    try:
        with Image.open(io.BytesIO(data)) as picture:
            kind, (width, height) = str(picture.format), picture.size
            if kind in _SHOWN_FORMATS and max(width, height) <= MAX_SIDE:
                picture.load()  # the whole file decodes: not cut short or damaged
            if kind == "JPEG" and picture.getexif().get(_ORIENTATION, 1) in (5, 6, 7, 8):
                width, height = height, width
    except UnidentifiedImageError:
        raise ValueError("the file is not a picture Pillow can read (PNG, JPEG, WebP or SVG "
                         "expected). Save it again from your image editor.") from None
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as err:
        raise ValueError(f"the picture is damaged or cut short ({err}). Save it again from "
                         "your image editor.") from None
    return kind, (width, height)
