"""Pictures made at test time (no image is committed): small PNG, JPEG, WebP files drawn with
Pillow, SVG drawings as text, and a ``pictures.yaml`` spec that makes a fixture's pictures.

A spec maps a path inside faq_source/ to how to make it::

    images/ko/choose.png: {format: PNG, width: 640, height: 400}
    images/en/choose.webp: {format: WEBP, width: 640, height: 400, color: [200, 40, 40]}
    images/ko/plan.svg: {format: SVG, width: 300, height: 150}
    images/ko/huge.png: {format: PNG, width: 8, height: 8, pad_to: 600000}   # exact size
"""

from __future__ import annotations

import io
from pathlib import Path

import yaml

SPEC_FILE = "pictures.yaml"


def picture_bytes(format: str = "PNG", width: int = 64, height: int = 48,
                  color: tuple[int, int, int] | list[int] = (30, 100, 200), pad_to: int = 0
                  ) -> bytes:
    """A picture of ``width`` x ``height``: a plain ``color`` with a darker band (so that it
    is not one colour), padded with zero bytes after its end to ``pad_to`` bytes if asked."""
    if format == "SVG":
        data = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
                f'viewBox="0 0 {width} {height}"><title>test</title><rect width="{width}" '
                f'height="{height}" fill="rgb{tuple(color)}"/><circle cx="{width // 2}" '
                f'cy="{height // 2}" r="{min(width, height) // 3}" fill="#222"/></svg>\n'
                ).encode()
    else:
        from PIL import Image, ImageDraw

        picture = Image.new("RGB", (width, height), tuple(color))
        ImageDraw.Draw(picture).rectangle((0, 0, width // 3, height), fill=(20, 20, 20))
        buffer = io.BytesIO()
        picture.save(buffer, format=format)
        data = buffer.getvalue()
    return data + b"\0" * max(0, pad_to - len(data))


def make_picture(path: Path, **spec: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(picture_bytes(**spec))  # type: ignore[arg-type]
    return path


def make_pictures(source_dir: Path, spec: dict[str, dict]) -> None:
    """Every picture of ``spec`` (path inside ``source_dir`` -> picture_bytes arguments)."""
    for relative, arguments in spec.items():
        make_picture(source_dir / relative, **arguments)


def make_spec_pictures(source_dir: Path) -> None:
    """The pictures that ``source_dir``'s ``pictures.yaml`` (next to it) names, if any."""
    spec_file = source_dir.parent / SPEC_FILE
    if spec_file.is_file():
        make_pictures(source_dir, yaml.safe_load(spec_file.read_text("utf-8")))


# The real project's first guide with pictures: two steps in Korean, one in English (its other
# step shows the Korean picture with the notice), and a question's answer in both languages.
REAL_PICTURES = {
    "images/ko/sign-in.png": {"format": "PNG", "width": 1200, "height": 750},
    "images/ko/choose.png": {"format": "PNG", "width": 1200, "height": 750,
                             "color": [240, 240, 245]},
    "images/en/sign-in.png": {"format": "PNG", "width": 1200, "height": 750,
                              "color": [200, 220, 240]},
    "images/ko/balance.webp": {"format": "WEBP", "width": 900, "height": 600},
    "images/en/balance.jpg": {"format": "JPEG", "width": 900, "height": 600,
                              "color": [220, 200, 180]},
}
_REAL_EDITS = {
    "guides.yaml": [
        ("        - >-\n          WorldFirst 계정에 로그인하십시오.\n",
         "        - text: WorldFirst 계정에 로그인하십시오.\n"
         "          image: {file: images/ko/sign-in.png, alt: 이메일과 비밀번호를 입력하는 "
         "WorldFirst 로그인 화면}\n"),
        ("        - >-\n          **콰징바오**를 선택하십시오.\n",
         "        - text: '**콰징바오**를 선택하십시오.'\n"
         "          image: {file: images/ko/choose.png, alt: 콰징바오 메뉴가 강조된 WorldFirst "
         "첫 화면}\n"),
        ("        - >-\n          Sign in to your WorldFirst account.\n",
         "        - text: Sign in to your WorldFirst account.\n"
         "          image: {file: images/en/sign-in.png, alt: The WorldFirst sign-in screen "
         "asking for your email address and password}\n"),
    ],
    "faq.yaml": [
        ("구매에 사용하신 뒤 1688 계정의 연동을 해제해 주시기 바랍니다.\n",
         "구매에 사용하신 뒤 1688 계정의 연동을 해제해 주시기 바랍니다.\n"
         "      image: {file: images/ko/balance.webp, alt: 알리페이 비즈니스 계정의 잔액 화면}\n"),
        ("as possible and then unlink your 1688 account.\n",
         "as possible and then unlink your 1688 account.\n"
         "      image: {file: images/en/balance.jpg, alt: The balance screen of an Alipay "
         "Business account}\n"),
    ],
}


def add_real_pictures(project: Path) -> None:
    """Give the real project copy at ``project`` the pictures of :data:`REAL_PICTURES`."""
    source = project / "faq_source"
    make_pictures(source, REAL_PICTURES)
    for name, edits in _REAL_EDITS.items():
        text = (source / name).read_text("utf-8")
        for old, new in edits:
            assert old in text, old
            text = text.replace(old, new, 1)
        (source / name).write_text(text, "utf-8")
