"""Text layout for the generated images (share images, badges, certificates), in DejaVu Sans."""

from __future__ import annotations

from PIL import Image, ImageDraw

from jury.domain.fonts import font


def text_width(text: str, size: int, *, bold: bool = False) -> float:
    return font(size, bold=bold).getlength(text)


def line_height(size: int) -> int:
    return int(size * 1.3)


def draw_text(
    image: Image.Image,
    xy: tuple[float, float],
    text: str,
    *,
    size: int,
    fill,
    bold: bool = False,
    anchor="ls",
) -> None:
    """Draw one line; by default ``xy`` is its left end on the baseline."""
    ImageDraw.Draw(image).text(xy, text, font=font(size, bold=bold), anchor=anchor, fill=fill)


def wrap(text: str, *, size: int, width: float, bold: bool = False) -> list[str]:
    """Greedy word wrap; a word wider than the line stays whole (the caller shrinks the size)."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and text_width(candidate, size, bold=bold) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines or [""]


def fit(
    text: str, *, sizes: tuple[int, ...], width: float, height: float, bold: bool = False
) -> tuple[list[str], int]:
    """The largest size at which the wrapped text fits in the box; else the smallest, cut short."""
    for size in sizes:
        lines = wrap(text, size=size, width=width, bold=bold)
        if len(lines) * line_height(size) <= height and all(
            text_width(line, size, bold=bold) <= width for line in lines
        ):
            return lines, size
    size = sizes[-1]
    lines = wrap(text, size=size, width=width, bold=bold)
    room = max(1, int(height // line_height(size)))
    if len(lines) > room:
        lines = [*lines[: room - 1], lines[room - 1] + " …"]
    return lines, size
