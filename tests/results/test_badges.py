"""Badges and certificates: their texts in both languages, what the files are, and who may download them."""

import datetime as dt
import io
import re

import pytest
from django.utils import timezone
from PIL import Image

from contest.domain.editions import publish_edition
from contest.enums import Phase
from jury.domain.badges import (
    BADGE_SIZE,
    badge_lines,
    certificate_lines,
    edition_label,
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
