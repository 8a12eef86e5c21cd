"""Badges (PNG) and certificates (PDF) for employers, drawn with Pillow.

Every employer with an eligible nomination in an edition whose results are public is « employeur
engagé pour la réussite éducative » of that edition; the territory winners (Award of kind
territory_winner) are « meilleur boss » of their territory, with a badge of their own design.

The wording is fixed per language in ``WORDING`` rather than taken from the translation catalogue: the
badge and certificate are official documents that the employer asks for explicitly in French or in
English (``?lang=``), whatever the language of the page, and their wording must not depend on the state
of the catalogue. Fonts: DejaVu Sans, shipped with the app (``jury.domain.fonts``)."""

from __future__ import annotations

import datetime as dt
import io
import math
from dataclasses import dataclass

from django.utils import formats, timezone, translation
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFont

from contest.domain.queries import published_editions
from contest.models import Edition
from jury.domain.fonts import font
from jury.enums import AwardKind
from jury.models import Award
from nominations.enums import NominationStatus
from nominations.models import Employer

LANGUAGES = ("fr", "en")
# The badges an employer may download for an edition: a territory's winner has both.
WINNER_BADGE = "winner"
ENGAGED_BADGE = "engaged"
BADGE_SIZE = 1000
# Letter, landscape, at 150 dots per inch: 11 × 8.5 in.
CERTIFICATE_DPI = 150
CERTIFICATE_SIZE = (11 * CERTIFICATE_DPI, int(8.5 * CERTIFICATE_DPI))

WORDING = {
    "fr": {
        "contest": "Mon boss c'est le meilleur",
        "engaged": "Employeur engagé pour la réussite éducative {year}",
        "winner": "Meilleur boss {year} — {territory}",
        "certificate": "Certificat de reconnaissance",
        "awarded_to": "décerné à",
        "engaged_text": (
            "pour ses bonnes pratiques de conciliation études-travail, soulignées par les jeunes "
            "qui y travaillent tout en poursuivant leurs études."
        ),
        "winner_text": (
            "proclamé meilleur boss du territoire {territory} par le jury du concours, pour ses "
            "bonnes pratiques de conciliation études-travail."
        ),
        "issued": "Le {date}",
        "date_format": "j F Y",
    },
    "en": {
        "contest": "Mon boss c'est le meilleur",
        "engaged": "Employer committed to educational success {year}",
        "winner": "Best boss {year} — {territory}",
        "certificate": "Certificate of recognition",
        "awarded_to": "awarded to",
        "engaged_text": (
            "for its good work–study balance practices, praised by the youths who work there while "
            "pursuing their studies."
        ),
        "winner_text": (
            "named best boss of the {territory} territory by the contest's jury, for its good "
            "work–study balance practices."
        ),
        "issued": "{date}",
        "date_format": "F j, Y",
    },
}

# Colours: the site's blue for engaged employers, gold for winners.
ENGAGED_COLOURS = {
    "background": (0, 84, 147),
    "disc": (255, 255, 255),
    "ink": (0, 59, 105),
    "accent": (255, 205, 0),
    "name": (0, 84, 147),
}
WINNER_COLOURS = {
    "background": (255, 190, 20),
    "disc": (255, 250, 235),
    "ink": (70, 40, 0),
    "accent": (196, 30, 58),
    "name": (196, 30, 58),
}


# Which editions ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EngagedEdition:
    edition: Edition
    winner_territory: str | None = None  # the territory's name when the employer is its « meilleur boss »

    @property
    def is_winner(self) -> bool:
        return self.winner_territory is not None

    @property
    def badges(self) -> tuple[str, ...]:
        """The badges offered: a winner is an engaged employer too, and may show either."""
        return (WINNER_BADGE, ENGAGED_BADGE) if self.is_winner else (ENGAGED_BADGE,)


def engaged_editions(employer: Employer, now: dt.datetime | None = None) -> list[EngagedEdition]:
    """The editions whose results are public (the embargo selector) in which the employer has an
    eligible nomination, latest first, each saying whether the employer won its territory. Two queries."""
    editions = list(
        published_editions(now)
        .filter(nominations__employer=employer, nominations__status=NominationStatus.ELIGIBLE)
        .distinct()
        .order_by("-year")
    )
    wins = {
        award.edition_id: award.territory.name
        for award in Award.objects.filter(
            kind=AwardKind.TERRITORY_WINNER,
            candidacy__employer=employer,
            edition__in=[edition.pk for edition in editions],
        ).select_related("territory")
    }
    return [EngagedEdition(edition=edition, winner_territory=wins.get(edition.pk)) for edition in editions]


def engaged_edition(
    employer: Employer, *, year: int | None = None, now: dt.datetime | None = None
) -> EngagedEdition | None:
    """The edition of ``year`` (the latest one when None) if the employer is engaged in it and its
    results are public; else None."""
    for engaged in engaged_editions(employer, now):
        if year is None or engaged.edition.year == year:
            return engaged
    return None


def document_language(requested: str | None, *, page_language: str | None) -> str | None:
    """The language of a badge or certificate: ``?lang=`` in any case (« EN », « Fr »), else the page's
    language; None for a language the documents are not written in."""
    code = (requested or "").strip().lower() or (page_language or "fr")[:2].lower()
    return code if code in LANGUAGES else None


# Texts ---------------------------------------------------------------------------------------------


def _wording(language: str) -> dict[str, str]:
    if language not in WORDING:
        raise ValueError(f"unsupported language: {language}")
    return WORDING[language]


def headline(*, year: int, winner_territory: str | None = None, language: str) -> str:
    """« Employeur engagé pour la réussite éducative 2026 » or « Meilleur boss 2026 — Sherbrooke »."""
    words = _wording(language)
    if winner_territory:
        return words["winner"].format(year=year, territory=winner_territory)
    return words["engaged"].format(year=year)


def badge_lines(
    *, employer_name: str, year: int, winner_territory: str | None = None, language: str
) -> list[str]:
    """The badge's text, top to bottom: the contest, the distinction, the employer."""
    return [
        _wording(language)["contest"],
        headline(year=year, winner_territory=winner_territory, language=language),
        employer_name,
    ]


def edition_label(*, number: int, year: int, language: str) -> str:
    """« 6e édition — 2026 » / "6th edition — 2026"."""
    _wording(language)
    if language == "fr":
        return f"{number}{'re' if number == 1 else 'e'} édition — {year}"
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix} edition — {year}"


def certificate_lines(
    *,
    employer_name: str,
    edition_number: int,
    year: int,
    issued_on: dt.date,
    winner_territory: str | None = None,
    language: str,
) -> list[str]:
    """The certificate's text, top to bottom: title, contest and edition, « awarded to », the employer,
    the distinction, why, and the date."""
    words = _wording(language)
    with translation.override(language):
        date = formats.date_format(issued_on, words["date_format"])
    reason = (
        words["winner_text"].format(territory=winner_territory) if winner_territory else words["engaged_text"]
    )
    return [
        words["certificate"],
        f"{words['contest']} — {edition_label(number=edition_number, year=year, language=language)}",
        words["awarded_to"],
        employer_name,
        headline(year=year, winner_territory=winner_territory, language=language),
        reason,
        words["issued"].format(date=date),
    ]


def issue_date(edition: Edition) -> dt.date:
    """The date a certificate bears: the announcement of the results, so that every download of it is
    the same document."""
    return timezone.localdate(edition.announce_at)


# Drawing -------------------------------------------------------------------------------------------


SEPARATOR = " — "


def _wrap(draw: ImageDraw.ImageDraw, text: str, face, max_width: int) -> list[str]:
    """Greedy word wrap; a text that does not fit on one line breaks first where it has a dash
    separator (« Meilleur boss 2026 — Le Haut-Saint-François »), the dash then dropped."""
    if SEPARATOR in text and draw.textlength(text, font=face) > max_width:
        return [line for part in text.split(SEPARATOR) for line in _wrap_words(draw, part, face, max_width)]
    return _wrap_words(draw, text, face, max_width)


def _wrap_words(draw: ImageDraw.ImageDraw, text: str, face, max_width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if not current or draw.textlength(candidate, font=face) <= max_width:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


@dataclass(frozen=True)
class _Block:
    font: ImageFont.FreeTypeFont
    lines: list[str]

    @property
    def line_height(self) -> int:
        ascent, descent = self.font.getmetrics()
        return int((ascent + descent) * 1.15)

    @property
    def height(self) -> int:
        return self.line_height * len(self.lines)


def _fit(draw, text: str, *, size: int, max_width: int, max_lines: int, bold: bool = False) -> _Block:
    """The text wrapped in as few lines (up to ``max_lines``) of ``max_width`` pixels as a font of at
    least three quarters of ``size`` allows, at the largest such size; a text too long for that goes on
    at a smaller size, down to a third of ``size``."""

    def attempt(font_size: int, lines_allowed: int) -> _Block | None:
        face = font(font_size, bold=bold)
        lines = _wrap(draw, text, face, max_width)
        if len(lines) <= lines_allowed and all(
            draw.textlength(line, font=face) <= max_width for line in lines
        ):
            return _Block(font=face, lines=lines)
        return None

    for lines_allowed in range(1, max_lines + 1):
        for font_size in range(size, int(size * 0.75) - 1, -2):
            if block := attempt(font_size, lines_allowed):
                return block
    smallest = max(12, size // 3)
    for font_size in range(int(size * 0.75), smallest - 1, -2):
        if block := attempt(font_size, max_lines):
            return block
    face = font(smallest, bold=bold)
    return _Block(font=face, lines=_wrap(draw, text, face, max_width))


def _draw(draw, block: _Block, *, centre_x: int, top: int, fill) -> int:
    """Draw the block's lines centred from ``top``; return the y below them."""
    y = top
    for line in block.lines:
        draw.text((centre_x, y), line, font=block.font, fill=fill, anchor="ma")
        y += block.line_height
    return y


def _star(centre: tuple[int, int], outer: int, inner: int) -> list[tuple[float, float]]:
    points = []
    for index in range(10):
        radius = outer if index % 2 == 0 else inner
        angle = math.pi / 2 + index * math.pi / 5
        points.append((centre[0] + radius * math.cos(angle), centre[1] - radius * math.sin(angle)))
    return points


def render_badge(
    *, employer_name: str, year: int, winner_territory: str | None = None, language: str
) -> bytes:
    """A BADGE_SIZE × BADGE_SIZE PNG: blue for an engaged employer, gold with a star for a winner."""
    contest, title, name = badge_lines(
        employer_name=employer_name, year=year, winner_territory=winner_territory, language=language
    )
    colours = WINNER_COLOURS if winner_territory else ENGAGED_COLOURS
    size, margin, centre = BADGE_SIZE, 40, BADGE_SIZE // 2
    image = Image.new("RGB", (size, size), colours["background"])
    draw = ImageDraw.Draw(image)
    draw.ellipse((margin, margin, size - margin, size - margin), fill=colours["disc"])
    ring = margin + 24
    draw.ellipse((ring, ring, size - ring, size - ring), outline=colours["accent"], width=12)
    text_width = 620
    contest_block = _fit(draw, contest, size=42, max_width=text_width, max_lines=1)
    title_block = _fit(draw, title, size=62, max_width=text_width, max_lines=3, bold=True)
    name_block = _fit(draw, name, size=50, max_width=text_width - 80, max_lines=2, bold=True)
    # The emblem (a star for a winner, a bar otherwise) and the three texts, centred as one stack.
    emblem_height = 180 if winner_territory else 50
    gap = 36
    stack = emblem_height + contest_block.height + title_block.height + name_block.height + 2 * gap
    y = (size - stack) // 2
    if winner_territory:
        draw.polygon(_star((centre, y + 85), 90, 38), fill=colours["accent"])
    else:
        draw.rounded_rectangle((centre - 150, y, centre + 150, y + 16), radius=8, fill=colours["accent"])
    y = _draw(draw, contest_block, centre_x=centre, top=y + emblem_height, fill=colours["ink"])
    y = _draw(draw, title_block, centre_x=centre, top=y + gap, fill=colours["ink"])
    _draw(draw, name_block, centre_x=centre, top=y + gap, fill=colours["name"])
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()


def render_certificate(
    *,
    employer_name: str,
    edition_number: int,
    year: int,
    issued_on: dt.date,
    winner_territory: str | None = None,
    language: str,
) -> bytes:
    """A one-page PDF, letter landscape, drawn as a CERTIFICATE_DPI image (Pillow's PDF writer)."""
    title, contest, awarded_to, name, distinction, reason, date = certificate_lines(
        employer_name=employer_name,
        edition_number=edition_number,
        year=year,
        issued_on=issued_on,
        winner_territory=winner_territory,
        language=language,
    )
    colours = WINNER_COLOURS if winner_territory else ENGAGED_COLOURS
    width, height = CERTIFICATE_SIZE
    centre = width // 2
    image = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.rectangle((30, 30, width - 30, height - 30), outline=colours["background"], width=18)
    draw.rectangle((62, 62, width - 62, height - 62), outline=colours["accent"], width=4)
    text_width = width - 340
    # (text, font size, most lines, colour, bold, space above)
    parts = [
        (title, 80, 1, colours["ink"], True, 0),
        (contest, 38, 1, colours["ink"], False, 16),
        (awarded_to, 36, 1, colours["ink"], False, 64),
        (name, 74, 2, colours["name"], True, 16),
        (distinction, 46, 2, colours["ink"], True, 40),
        (reason, 32, 3, colours["ink"], False, 24),
    ]
    blocks = [
        (_fit(draw, text, size=size, max_width=text_width, max_lines=lines, bold=bold), colour, gap)
        for text, size, lines, colour, bold, gap in parts
    ]
    # The text is centred in the frame, above the star and the date.
    text_height = sum(block.height + gap for block, _colour, gap in blocks)
    y = 90 + max(0, (height - 90 - 260 - text_height) // 2)
    for block, colour, gap in blocks:
        y = _draw(draw, block, centre_x=centre, top=y + gap, fill=colour)
    if winner_territory:
        draw.polygon(_star((centre, height - 200), 44, 18), fill=colours["background"])
    date_font = font(32)
    draw.text((centre, height - 110), date, font=date_font, fill=colours["ink"], anchor="ms")
    output = io.BytesIO()
    image.save(output, format="PDF", resolution=CERTIFICATE_DPI, quality=92, title=title)
    return output.getvalue()


# For the employer's downloads ---------------------------------------------------------------------


def employer_badge(
    *, employer: Employer, engaged: EngagedEdition, language: str, badge: str | None = None
) -> bytes:
    """The employer's badge for the edition: ``badge`` is one of ``engaged.badges`` (the winner's badge
    for a winner when None); any other raises ValueError."""
    badge = badge or engaged.badges[0]
    if badge not in engaged.badges:
        raise ValueError(f"badge not offered: {badge}")
    return render_badge(
        employer_name=employer.name,
        year=engaged.edition.year,
        winner_territory=engaged.winner_territory if badge == WINNER_BADGE else None,
        language=language,
    )


def employer_certificate(*, employer: Employer, engaged: EngagedEdition, language: str) -> bytes:
    return render_certificate(
        employer_name=employer.name,
        edition_number=engaged.edition.number,
        year=engaged.edition.year,
        issued_on=issue_date(engaged.edition),
        winner_territory=engaged.winner_territory,
        language=language,
    )


def download_filename(*, kind: str, employer: Employer, year: int, language: str, extension: str) -> str:
    """« badge-resto-chez-ginette-2026-fr.png »: ASCII only, nothing but the employer's name from outside."""
    name = slugify(employer.name)[:60].strip("-") or "employer"
    return f"{kind}-{name}-{year}-{language}.{extension}"
