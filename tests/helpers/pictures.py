"""Signature and seal pictures as an office would scan them: transparent PNGs, blue ink and red ink."""

from __future__ import annotations

import math
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw


def signature_png(path: Path) -> Path:
    """A blue hand-signature-like scrawl on a transparent background, 600 × 240 px."""
    image = Image.new("RGBA", (600, 240), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    points = [(40 + x, 120 + 70 * math.sin(x / 38) * math.cos(x / 90)) for x in range(0, 520, 4)]
    draw.line(points, fill=(20, 40, 170, 255), width=9, joint="curve")
    draw.line([(80, 200), (520, 170)], fill=(20, 40, 170, 255), width=6)
    return _save(image, path)


def seal_png(path: Path) -> Path:
    """A red round seal with a star on a transparent background, 500 × 500 px."""
    image = Image.new("RGBA", (500, 500), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    red = (210, 20, 30, 235)
    draw.ellipse((10, 10, 490, 490), outline=red, width=18)
    draw.ellipse((70, 70, 430, 430), outline=red, width=8)
    star = [
        (250 + r * math.sin(i * math.pi / 5), 250 - r * math.cos(i * math.pi / 5))
        for i, r in zip(range(10), [110, 45] * 5, strict=True)
    ]
    draw.polygon(star, fill=red)
    return _save(image, path)


def _save(image: Image.Image, path: Path) -> Path:
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())
    return path
