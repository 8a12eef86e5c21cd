"""The fonts of the generated images (badges, certificates, share images): DejaVu Sans, shipped in
jury/fonts/ with its license, so that accents (é, à, ç, œ) draw on any machine."""

from functools import cache
from pathlib import Path

from PIL import ImageFont

FONTS = Path(__file__).resolve().parent.parent / "fonts"


@cache
def font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONTS / name), size=size)
