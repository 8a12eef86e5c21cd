"""Open Graph share images (1200×630 PNG) of the winners of an edition and of an engaged employer.

Drawn with Pillow's built-in scalable font (``ImageFont.load_default(size=...)``), so that no font
file has to be shipped or installed. That font covers ASCII and a few signs only: French accents are
composed here from the base letter and the font's own accent glyphs (« é » = « e » + « ´ »).

The PNG is cached; its key names the object, the language and a digest of everything drawn (the
texts and the publication time), so a change of any of them draws a new image.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import unicodedata
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.translation import get_language, gettext, ngettext, pgettext
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
BLUE = (11, 92, 173)
DARK_BLUE = (7, 63, 120)
YELLOW = (255, 210, 63)
WHITE = (255, 255, 255)
CACHE_SECONDS = 24 * 3600
# Bump when the drawing changes, so that cached images are drawn again.
DRAWING_VERSION = 1

# Characters of the built-in font (Pillow's subset of Aileron).
_FONT_CHARACTERS = frozenset("".join(chr(code) for code in range(32, 127)) + "©«°±´·»‘’“”…‹›⁄")
_REPLACEMENTS = {
    "œ": "oe",
    "Œ": "OE",
    "æ": "ae",
    "Æ": "AE",
    "ß": "ss",
    "–": "-",
    "—": "-",
    "‐": "-",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
}
# Combining mark -> (glyph of the font that draws it, drawn above the letter?).
_MARKS = {
    "\u0301": ("´", True),  # acute: é
    "\u0300": ("`", True),  # grave: è, à
    "\u0302": ("^", True),  # circumflex: ê, î
    "\u0308": ("..", True),  # diaeresis: ë, ï
    "\u0303": ("~", True),  # tilde: ñ
    "\u030a": ("°", True),  # ring: å
    "\u0327": (",", False),  # cedilla: ç
}


@functools.lru_cache(maxsize=16)
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size)


def _glyphs(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """The text as (base letter, combining marks) pairs that the font can draw."""
    glyphs = []
    for char in "".join(_REPLACEMENTS.get(char, char) for char in text):
        if char in _FONT_CHARACTERS:
            glyphs.append((char, ()))
            continue
        base, *marks = unicodedata.normalize("NFD", char)
        if base in _FONT_CHARACTERS and all(mark in _MARKS for mark in marks):
            glyphs.append((base, tuple(marks)))
            continue
        fallback = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
        glyphs.extend((letter, ()) for letter in fallback or "?")
    return glyphs


def _runs(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """Consecutive plain letters joined into one run (the font's kerning applies within a run)."""
    runs: list[tuple[str, tuple[str, ...]]] = []
    for base, marks in _glyphs(text):
        if not marks and runs and not runs[-1][1]:
            runs[-1] = (runs[-1][0] + base, ())
        else:
            runs.append((base, marks))
    return runs


def text_width(text: str, size: int) -> float:
    font = _font(size)
    return sum(font.getlength(run) for run, _marks in _runs(text))


@functools.lru_cache(maxsize=256)
def _ink_box(glyph: str, size: int) -> tuple[int, int, int, int]:
    """Where the glyph's ink lies around its origin on the baseline (the font's own bounding box
    always reaches down to the baseline, which would misplace an accent)."""
    pad = size
    mask = Image.new("L", (3 * size + pad, 3 * size), 0)
    ImageDraw.Draw(mask).text((pad, 2 * size), glyph, font=_font(size), anchor="ls", fill=255)
    left, top, right, bottom = mask.getbbox() or (pad, 2 * size, pad, 2 * size)
    return left - pad, top - 2 * size, right - pad, bottom - 2 * size


def _draw_letter_with_marks(
    image: Image.Image, x: float, y: float, base: str, marks: tuple[str, ...], size: int, fill
) -> None:
    """Draw ``base`` with its origin at x on the baseline y, then its accents."""
    font = _font(size)
    draw = ImageDraw.Draw(image)
    left, top, right, _bottom = _ink_box(base, size)
    if base in "ij" and any(_MARKS[mark][1] for mark in marks):
        # The accent replaces the dot: draw the letter without what rises above the x-height.
        top = _ink_box("x", size)[1]
        mask = Image.new("L", image.size, 0)
        ImageDraw.Draw(mask).text((x, y), base, font=font, anchor="ls", fill=255)
        mask.paste(0, (0, 0, image.width, max(0, int(y + top - 1))))
        image.paste(fill, (0, 0), mask)
    else:
        draw.text((x, y), base, font=font, anchor="ls", fill=fill)
    centre = x + (left + right) / 2
    gap = max(1, round(size * 0.05))
    for mark in marks:
        glyph, above = _MARKS[mark]
        mark_size = round(size * 0.65) if glyph in "^~" else size
        mark_left, mark_top, mark_right, mark_bottom = _ink_box(glyph, mark_size)
        mark_x = centre - (mark_left + mark_right) / 2
        # Above the letter; a cedilla hangs from the baseline.
        mark_y = y + top - gap - mark_bottom if above else y - mark_top - gap
        draw.text((mark_x, mark_y), glyph, font=_font(mark_size), anchor="ls", fill=fill)


def draw_text(image: Image.Image, xy: tuple[float, float], text: str, *, size: int, fill) -> None:
    """Draw one line; ``xy`` is its left end on the baseline."""
    font = _font(size)
    draw = ImageDraw.Draw(image)
    x, y = xy
    for run, marks in _runs(text):
        if marks:
            _draw_letter_with_marks(image, x, y, run, marks, size, fill)
        else:
            draw.text((x, y), run, font=font, anchor="ls", fill=fill)
        x += font.getlength(run)


def wrap(text: str, *, size: int, width: float) -> list[str]:
    """Greedy word wrap; a word wider than the line stays whole (the caller shrinks the size)."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and text_width(candidate, size) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines or [""]


def fit(text: str, *, sizes: tuple[int, ...], width: float, height: float) -> tuple[list[str], int]:
    """The largest size at which the wrapped text fits in the box; else the smallest, cut short."""
    for size in sizes:
        lines = wrap(text, size=size, width=width)
        if len(lines) * line_height(size) <= height and all(
            text_width(line, size) <= width for line in lines
        ):
            return lines, size
    size = sizes[-1]
    lines = wrap(text, size=size, width=width)
    room = max(1, int(height // line_height(size)))
    if len(lines) > room:
        lines = [*lines[: room - 1], lines[room - 1] + " …"]
    return lines, size


def line_height(size: int) -> int:
    return int(size * 1.3)


@dataclass(frozen=True)
class ShareCard:
    """What a share image says: a kicker line, a headline and one line under it."""

    kicker: str
    headline: str
    footer: str


def render_card(card: ShareCard) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), BLUE)
    draw = ImageDraw.Draw(image)
    band = 28
    draw.rectangle((0, HEIGHT - band, WIDTH, HEIGHT), fill=YELLOW)
    draw.rectangle((0, 0, 16, HEIGHT - band), fill=DARK_BLUE)
    usable = WIDTH - 2 * MARGIN

    kicker, kicker_size = fit(card.kicker, sizes=(44, 38, 32), width=usable, height=line_height(44))
    kicker_bottom = MARGIN // 2 + line_height(kicker_size)
    draw_text(image, (MARGIN, kicker_bottom - kicker_size * 0.3), kicker[0], size=kicker_size, fill=YELLOW)

    footer, footer_size = fit(card.footer, sizes=(40, 34, 30), width=usable, height=2 * line_height(40))
    footer_top = HEIGHT - band - MARGIN // 2 - line_height(footer_size) * len(footer)
    for number, line in enumerate(footer):
        baseline = footer_top + line_height(footer_size) * (number + 1) - footer_size * 0.3
        draw_text(image, (MARGIN, baseline), line, size=footer_size, fill=WHITE)

    # The headline, centred in the room left between the two.
    room_top, room_bottom = kicker_bottom + 20, footer_top - 20
    lines, size = fit(
        card.headline, sizes=(96, 84, 72, 62, 54, 46), width=usable, height=room_bottom - room_top
    )
    top = room_top + (room_bottom - room_top - line_height(size) * len(lines)) // 2
    for number, line in enumerate(lines):
        baseline = top + line_height(size) * (number + 1) - size * 0.3
        draw_text(image, (MARGIN, baseline), line, size=size, fill=WHITE)

    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()


def _cached_png(*, kind: str, pk: int, card: ShareCard, stamp: dt.datetime | None) -> bytes:
    digest = hashlib.sha256(
        "\x1f".join(
            [
                str(DRAWING_VERSION),
                card.kicker,
                card.headline,
                card.footer,
                stamp.isoformat() if stamp else "",
            ]
        ).encode()
    ).hexdigest()[:24]
    key = f"share-image:{kind}:{pk}:{get_language() or 'fr'}:{digest}"
    png = cache.get(key)
    if png is None:
        png = render_card(card)
        cache.set(key, png, CACHE_SECONDS)
    return png


def contest_name() -> str:
    return gettext("Mon boss c'est le meilleur")


def winners_image(*, edition, winners_count: int) -> bytes:
    """« Lauréats 2026 » and how many best bosses were proclaimed, in the active language."""
    card = ShareCard(
        kicker=contest_name(),
        headline=gettext("Winners %(year)s") % {"year": edition.year},
        footer=ngettext(
            "%(count)s best boss, one per territory",
            "%(count)s best bosses, one per territory",
            winners_count,
        )
        % {"count": winners_count},
    )
    return _cached_png(kind="winners", pk=edition.pk, card=card, stamp=edition.published_at)


def employer_image(*, employer, edition, territory_winner: bool) -> bytes:
    """The employer's name and « Employeur engagé pour la réussite éducative 2026 » (or « Meilleur
    boss 2026 » with the territory, for a winner), in the active language."""
    if territory_winner:
        # Translators: on the share image of a territory's winner, e.g. « Meilleur boss 2026 · Sherbrooke ».
        footer = pgettext("person", "Best boss %(year)s · %(territory)s") % {
            "year": edition.year,
            "territory": employer.territory.name,
        }
    else:
        footer = gettext("Employer committed to educational success %(year)s") % {"year": edition.year}
    card = ShareCard(kicker=contest_name(), headline=employer.name, footer=footer)
    return _cached_png(kind="employer", pk=employer.pk, card=card, stamp=edition.published_at)
