"""Open Graph share images (1200×630 PNG) of the winners of an edition and of an engaged employer.

Drawn in DejaVu Sans (jury/fonts/), which has every French letter.

The PNG is cached; its key names the object, the language and a digest of everything drawn (the
texts and the publication time), so a change of any of them draws a new image.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.translation import get_language, gettext, ngettext, pgettext
from PIL import Image, ImageDraw

from jury.domain.drawing import draw_text, fit, line_height

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
BLUE = (11, 92, 173)
DARK_BLUE = (7, 63, 120)
YELLOW = (255, 210, 63)
WHITE = (255, 255, 255)
CACHE_SECONDS = 24 * 3600
# Bump when the drawing changes, so that cached images are drawn again.
DRAWING_VERSION = 2


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
