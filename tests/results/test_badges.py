"""Badges and certificates: their texts in both languages, what the files are, and who may download them."""

import datetime as dt
import io
import re

import pytest
from django.utils import timezone
from PIL import Image, ImageDraw

from contest.domain.editions import publish_edition
from contest.enums import Phase
from contest.models import Edition
from jury.domain.badges import (
    BADGE_SIZE,
    EngagedEdition,
    badge_lines,
    certificate_lines,
    document_language,
    edition_label,
    employer_badge,
    engaged_editions,
    render_badge,
    render_certificate,
)
from jury.enums import AwardKind
from jury.models import Award
from nominations.domain.employers import make_claim_token
from nominations.enums import NominationStatus
from nominations.models import Candidacy
from tests.factories import make_edition, make_employer, make_nomination

# Texts -----------------------------------------------------------------------------------------------


def test_badge_lines_of_an_engaged_employer_in_french_and_english():
    assert badge_lines(employer_name="Resto Chez Ginette", year=2026, language="fr") == [
        "Mon boss c'est le meilleur",
        "Employeur engagé pour la réussite éducative 2026",
        "Resto Chez Ginette",
    ]
    assert badge_lines(employer_name="Resto Chez Ginette", year=2026, language="en") == [
        "Mon boss c'est le meilleur",
        "Employer committed to educational success 2026",
        "Resto Chez Ginette",
    ]


def test_badge_lines_of_a_winner_in_french_and_english():
    assert badge_lines(
        employer_name="Resto Chez Ginette", year=2026, winner_territory="Sherbrooke", language="fr"
    ) == ["Mon boss c'est le meilleur", "Meilleur boss 2026 — Sherbrooke", "Resto Chez Ginette"]
    assert badge_lines(
        employer_name="Resto Chez Ginette", year=2026, winner_territory="Sherbrooke", language="en"
    ) == ["Mon boss c'est le meilleur", "Best boss 2026 — Sherbrooke", "Resto Chez Ginette"]


def test_badge_lines_refuse_an_unknown_language():
    with pytest.raises(ValueError, match="unsupported language"):
        badge_lines(employer_name="X", year=2026, language="de")


def test_certificate_lines_of_an_engaged_employer_in_french():
    assert certificate_lines(
        employer_name="Resto Chez Ginette",
        edition_number=6,
        year=2026,
        issued_on=dt.date(2026, 5, 14),
        language="fr",
    ) == [
        "Certificat de reconnaissance",
        "Mon boss c'est le meilleur — 6e édition — 2026",
        "décerné à",
        "Resto Chez Ginette",
        "Employeur engagé pour la réussite éducative 2026",
        "pour ses bonnes pratiques de conciliation études-travail, soulignées par les jeunes qui y "
        "travaillent tout en poursuivant leurs études.",
        "Le 14 mai 2026",
    ]


def test_certificate_lines_of_a_winner_in_english():
    assert certificate_lines(
        employer_name="Resto Chez Ginette",
        edition_number=1,
        year=2021,
        issued_on=dt.date(2021, 5, 4),
        winner_territory="Coaticook",
        language="en",
    ) == [
        "Certificate of recognition",
        "Mon boss c'est le meilleur — 1st edition — 2021",
        "awarded to",
        "Resto Chez Ginette",
        "Best boss 2021 — Coaticook",
        "named best boss of the Coaticook territory by the contest's jury, for its good work–study "
        "balance practices.",
        "May 4, 2021",
    ]


@pytest.mark.parametrize(
    ("number", "french", "english"),
    [
        (1, "1re édition — 2026", "1st edition — 2026"),
        (2, "2e édition — 2026", "2nd edition — 2026"),
        (3, "3e édition — 2026", "3rd edition — 2026"),
        (11, "11e édition — 2026", "11th edition — 2026"),
        (22, "22e édition — 2026", "22nd edition — 2026"),
    ],
)
def test_edition_label_in_both_languages(number, french, english):
    assert edition_label(number=number, year=2026, language="fr") == french
    assert edition_label(number=number, year=2026, language="en") == english


@pytest.mark.parametrize(
    ("requested", "page_language", "expected"),
    [
        ("EN", "fr", "en"),
        (" Fr ", "en", "fr"),
        ("en", "fr", "en"),
        ("", "en", "en"),
        (None, "fr-ca", "fr"),
        ("de", "fr", None),
        ("english", "fr", None),
    ],
)
def test_document_language_accepts_any_case_and_defaults_to_the_page(requested, page_language, expected):
    assert document_language(requested, page_language=page_language) == expected


# What is drawn ---------------------------------------------------------------------------------------


@pytest.fixture
def drawn(monkeypatch):
    """The texts drawn on badges and certificates, in order (one line of a wrapped text each)."""
    texts: list[str] = []
    draw_text = ImageDraw.ImageDraw.text

    def spy(self, xy, text, *args, **kwargs):
        texts.append(text)
        return draw_text(self, xy, text, *args, **kwargs)

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", spy)
    return texts


def test_an_engaged_employers_badge_draws_the_contest_the_distinction_and_the_name(drawn):
    render_badge(employer_name="Resto Chez Ginette", year=2026, language="fr")

    assert drawn == [
        "Mon boss c'est le meilleur",
        "Employeur engagé",
        "pour la réussite",
        "éducative 2026",
        "Resto Chez Ginette",
    ]


def test_a_winners_badge_draws_the_winner_wording_and_the_territory(drawn):
    render_badge(
        employer_name="Resto Chez Ginette",
        year=2026,
        winner_territory="Le Haut-Saint-François",
        language="en",
    )

    assert drawn == [
        "Mon boss c'est le meilleur",
        "Best boss 2026",
        "Le Haut-Saint-François",
        "Resto Chez Ginette",
    ]


def test_a_winners_certificate_draws_every_block_in_french(drawn):
    render_certificate(
        employer_name="Resto Chez Ginette",
        edition_number=6,
        year=2026,
        issued_on=dt.date(2026, 5, 14),
        winner_territory="Sherbrooke",
        language="fr",
    )

    assert drawn == [
        "Certificat de reconnaissance",
        "Mon boss c'est le meilleur — 6e édition — 2026",
        "décerné à",
        "Resto Chez Ginette",
        "Meilleur boss 2026 — Sherbrooke",
        "proclamé meilleur boss du territoire Sherbrooke par le jury du concours, pour ses",
        "bonnes pratiques de conciliation études-travail.",
        "Le 14 mai 2026",
    ]


def test_an_engaged_employers_certificate_draws_every_block_in_english(drawn):
    render_certificate(
        employer_name="Resto Chez Ginette",
        edition_number=6,
        year=2026,
        issued_on=dt.date(2026, 5, 14),
        language="en",
    )

    assert drawn == [
        "Certificate of recognition",
        "Mon boss c'est le meilleur — 6th edition — 2026",
        "awarded to",
        "Resto Chez Ginette",
        "Employer committed to educational success 2026",
        "for its good work–study balance practices, praised by the youths who work there",
        "while pursuing their studies.",
        "May 14, 2026",
    ]


# Files -----------------------------------------------------------------------------------------------


def test_badge_is_a_square_png():
    data = render_badge(employer_name="Resto Chez Ginette", year=2026, language="fr")

    image = Image.open(io.BytesIO(data))
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert image.format == "PNG"
    assert image.size == (BADGE_SIZE, BADGE_SIZE)


def test_winner_badge_has_its_own_design():
    engaged = render_badge(employer_name="Resto Chez Ginette", year=2026, language="fr")
    winner = render_badge(
        employer_name="Resto Chez Ginette", year=2026, winner_territory="Sherbrooke", language="fr"
    )

    engaged_image, winner_image = Image.open(io.BytesIO(engaged)), Image.open(io.BytesIO(winner))
    assert engaged != winner
    # The corners show the design's background: blue for engaged employers, gold for winners.
    assert engaged_image.getpixel((5, 5)) == (0, 84, 147)
    assert winner_image.getpixel((5, 5)) == (255, 190, 20)


def test_badges_differ_by_language_and_by_name():
    french = render_badge(employer_name="Resto Chez Ginette", year=2026, language="fr")
    english = render_badge(employer_name="Resto Chez Ginette", year=2026, language="en")
    other = render_badge(employer_name="Garage Tremblay", year=2026, language="fr")

    assert len({french, english, other}) == 3


def test_very_long_employer_name_still_makes_a_badge():
    data = render_badge(
        employer_name="Quincaillerie " * 30, year=2026, winner_territory="Le Granit", language="en"
    )

    assert Image.open(io.BytesIO(data)).size == (BADGE_SIZE, BADGE_SIZE)


def test_certificate_is_a_one_page_letter_landscape_pdf():
    data = render_certificate(
        employer_name="Resto Chez Ginette",
        edition_number=6,
        year=2026,
        issued_on=dt.date(2026, 5, 14),
        winner_territory="Sherbrooke",
        language="fr",
    )

    assert data.startswith(b"%PDF-")
    assert re.findall(rb"/Count (\d+)", data) == [b"1"]
    assert len(re.findall(rb"/Type /Page\b", data)) == 1
    assert b"/MediaBox [ 0 0 792.0 612.0 ]" in data


# Access ----------------------------------------------------------------------------------------------


def _published_edition(**options):
    edition = make_edition(Phase.DELIBERATION, **options)
    return publish_edition(edition=edition, announce_at=timezone.now() - dt.timedelta(days=1))


def _engage(edition, employer, status=NominationStatus.ELIGIBLE):
    make_nomination(edition=edition, employer=employer, status=status)
    return Candidacy.objects.get_or_create(edition=edition, employer=employer)[0]


def _crown(candidacy):
    return Award.objects.create(
        edition=candidacy.edition,
        kind=AwardKind.TERRITORY_WINNER,
        territory=candidacy.employer.territory,
        candidacy=candidacy,
    )


def _get(client, employer, name, **params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return client.get(f"/en/employer/{make_claim_token(employer)}/{name}?{query}")


@pytest.mark.django_db
def test_badge_of_a_published_edition_downloads_as_a_png_attachment(client):
    employer = make_employer("Resto Chez Ginette")
    edition = _published_edition()
    _engage(edition, employer)

    response = _get(client, employer, "badge.png", year=edition.year, lang="fr")

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/png"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="badge-resto-chez-ginette-{edition.year}-fr.png"'
    )
    assert "no-store" in response.headers["Cache-Control"]
    assert Image.open(io.BytesIO(response.content)).size == (BADGE_SIZE, BADGE_SIZE)


@pytest.mark.django_db
def test_certificate_of_a_published_edition_downloads_as_a_pdf_attachment(client):
    employer = make_employer("Resto Chez Ginette")
    edition = _published_edition()
    _engage(edition, employer)

    response = _get(client, employer, "certificate.pdf", year=edition.year, lang="en")

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="certificate-resto-chez-ginette-{edition.year}-en.pdf"'
    )
    assert response.content.startswith(b"%PDF-")
    assert re.findall(rb"/Count (\d+)", response.content) == [b"1"]


@pytest.mark.django_db
def test_badge_of_a_winner_differs_from_an_engaged_employers_badge(client):
    edition = _published_edition()
    engaged, winner = make_employer("Resto Chez Ginette"), make_employer("Garage Tremblay")
    _engage(edition, engaged)
    _crown(_engage(edition, winner))

    engaged_png = _get(client, engaged, "badge.png", year=edition.year, lang="fr").content
    winner_png = _get(client, winner, "badge.png", year=edition.year, lang="fr").content

    assert engaged_png == render_badge(employer_name=engaged.name, year=edition.year, language="fr")
    assert winner_png == render_badge(
        employer_name=winner.name, year=edition.year, winner_territory="Sherbrooke", language="fr"
    )


@pytest.mark.django_db
def test_the_downloaded_certificate_bears_the_editions_number_year_date_and_the_winner(client, drawn):
    employer = make_employer("Garage Tremblay")
    edition = _published_edition()
    Edition.objects.filter(pk=edition.pk).update(number=7)
    _crown(_engage(edition, employer))
    announced = timezone.localdate(edition.announce_at)

    response = _get(client, employer, "certificate.pdf", year=edition.year, lang="en")

    assert response.status_code == 200
    year = edition.year
    assert drawn == [
        "Certificate of recognition",
        f"Mon boss c'est le meilleur — 7th edition — {year}",
        "awarded to",
        "Garage Tremblay",
        f"Best boss {year} — Sherbrooke",
        "named best boss of the Sherbrooke territory by the contest's jury, for its good",
        "work–study balance practices.",
        f"{announced:%B} {announced.day}, {announced.year}",
    ]


@pytest.mark.django_db
def test_the_downloaded_badge_of_an_engaged_employer_draws_its_name_year_and_distinction(client, drawn):
    employer = make_employer("Garage Tremblay")
    edition = _published_edition()
    _engage(edition, employer)

    _get(client, employer, "badge.png", year=edition.year, lang="fr")

    assert drawn == [
        "Mon boss c'est le meilleur",
        "Employeur engagé",
        "pour la réussite",
        f"éducative {edition.year}",
        "Garage Tremblay",
    ]


@pytest.mark.django_db
def test_a_winner_is_offered_the_engaged_employers_badge_too():
    edition = _published_edition()
    winner, engaged = make_employer("Garage Tremblay"), make_employer("Resto Chez Ginette")
    _crown(_engage(edition, winner))
    _engage(edition, engaged)
    [won] = engaged_editions(winner)
    [only] = engaged_editions(engaged)

    assert (won.badges, only.badges) == (("winner", "engaged"), ("engaged",))
    assert employer_badge(employer=winner, engaged=won, language="fr") == render_badge(
        employer_name="Garage Tremblay", year=edition.year, winner_territory="Sherbrooke", language="fr"
    )
    assert employer_badge(employer=winner, engaged=won, language="fr", badge="engaged") == render_badge(
        employer_name="Garage Tremblay", year=edition.year, language="fr"
    )
    with pytest.raises(ValueError, match="badge not offered"):
        employer_badge(employer=engaged, engaged=only, language="fr", badge="winner")


@pytest.mark.django_db
def test_a_winner_downloads_the_engaged_employers_badge_with_badge_engaged(client):
    edition = _published_edition()
    winner = make_employer("Garage Tremblay")
    _crown(_engage(edition, winner))

    response = _get(client, winner, "badge.png", year=edition.year, lang="EN", badge="engaged")

    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="badge-engaged-garage-tremblay-{edition.year}-en.png"'
    )
    assert response.content == render_badge(employer_name="Garage Tremblay", year=edition.year, language="en")


@pytest.mark.django_db
@pytest.mark.parametrize("badge", ["winner", "gold", "WINNER"])
def test_a_badge_not_offered_to_the_employer_answers_404(client, badge):
    edition = _published_edition()
    employer = make_employer("Resto Chez Ginette")
    _engage(edition, employer)

    response = _get(client, employer, "badge.png", year=edition.year, lang="fr", badge=badge)

    assert response.status_code == 404


def test_an_engaged_edition_without_a_win_offers_one_badge():
    assert EngagedEdition(edition=Edition(year=2026, number=6)).badges == ("engaged",)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["badge.png", "certificate.pdf"])
def test_downloads_answer_404_under_embargo(client, name):
    employer = make_employer()
    edition = make_edition(Phase.DELIBERATION)
    publish_edition(edition=edition, announce_at=timezone.now() + dt.timedelta(days=2))
    _engage(edition, employer)
    unpublished = make_edition(Phase.JURY)
    _engage(unpublished, employer)

    assert _get(client, employer, name, year=edition.year).status_code == 404
    assert _get(client, employer, name, year=unpublished.year).status_code == 404
    assert _get(client, employer, name).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["badge.png", "certificate.pdf"])
@pytest.mark.parametrize("status", [NominationStatus.CONFIRMED, NominationStatus.INELIGIBLE])
def test_downloads_answer_404_for_an_employer_not_engaged(client, name, status):
    edition = _published_edition()
    employer = make_employer()
    make_nomination(edition=edition, employer=employer, status=status)

    assert _get(client, employer, name, year=edition.year).status_code == 404


@pytest.mark.django_db
def test_badge_of_another_employers_edition_answers_404(client):
    mine, other = make_employer(), make_employer()
    edition = _published_edition()
    _engage(edition, other)
    _engage(_published_edition(), mine)

    assert _get(client, mine, "badge.png", year=edition.year).status_code == 404


@pytest.mark.django_db
def test_badge_defaults_to_the_latest_engaged_edition_and_the_pages_language(client):
    employer = make_employer("Resto Chez Ginette")
    older, newer = _published_edition(), _published_edition()
    _engage(older, employer)
    _engage(newer, employer)

    english = client.get(f"/en/employer/{make_claim_token(employer)}/badge.png")
    french = client.get(f"/fr/employer/{make_claim_token(employer)}/badge.png")

    assert newer.year > older.year
    assert english.headers["Content-Disposition"] == (
        f'attachment; filename="badge-resto-chez-ginette-{newer.year}-en.png"'
    )
    assert french.headers["Content-Disposition"] == (
        f'attachment; filename="badge-resto-chez-ginette-{newer.year}-fr.png"'
    )


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{"year": "abc"}, {"year": "２０３０"}, {"lang": "de"}, {"year": "99999"}])
def test_malformed_parameters_answer_404(client, params):
    employer = make_employer()
    _engage(_published_edition(), employer)

    assert _get(client, employer, "badge.png", **params).status_code == 404


@pytest.mark.django_db
def test_downloads_with_a_bad_token_answer_404(client):
    employer = make_employer()
    edition = _published_edition()
    _engage(edition, employer)
    token = make_claim_token(employer)

    assert client.get(f"/en/employer/{token}x/badge.png?year={edition.year}").status_code == 404
    assert client.get(f"/en/employer/{token}x/certificate.pdf?year={edition.year}").status_code == 404


@pytest.mark.django_db
def test_engaged_editions_say_which_were_won_in_two_queries(django_assert_num_queries):
    employer = make_employer()
    won, engaged = _published_edition(), _published_edition()
    _crown(_engage(won, employer))
    _engage(engaged, employer)

    with django_assert_num_queries(2):
        editions = engaged_editions(employer)

    assert [(item.edition, item.winner_territory) for item in editions] == [
        (engaged, None),
        (won, "Sherbrooke"),
    ]
