"""Open Graph share images: valid 1200×630 PNG, embargo and opt-out answer 404, accents drawn, cached."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from PIL import Image

from contest.domain.editions import publish_edition
from contest.enums import Phase
from contest.models import Edition
from jury.domain import share_images
from jury.enums import AwardKind
from jury.models import Award
from nominations.enums import NominationStatus
from nominations.models import Candidacy, Employer
from tests.factories import make_edition, make_employer, make_nomination

pytestmark = pytest.mark.django_db


def announce(edition: Edition) -> Edition:
    now = timezone.now()
    Edition.objects.filter(pk=edition.pk).update(
        published_at=now - dt.timedelta(hours=2), announce_at=now - dt.timedelta(hours=1)
    )
    edition.refresh_from_db()
    return edition


def engaged(edition: Edition, name: str, *, winner: bool = False) -> Employer:
    employer = make_employer(name)
    make_nomination(edition=edition, employer=employer, status=NominationStatus.ELIGIBLE)
    candidacy = Candidacy.objects.create(edition=edition, employer=employer)
    if winner:
        Award.objects.create(
            edition=edition,
            kind=AwardKind.TERRITORY_WINNER,
            territory=employer.territory,
            candidacy=candidacy,
        )
    return employer


def opened(response) -> Image.Image:
    image = Image.open(io.BytesIO(response.content))
    image.load()
    return image


def assert_share_png(response) -> None:
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "public, max-age=300"  # as long as the server keeps a public page
    image = opened(response)
    assert (image.format, image.size) == ("PNG", (1200, 630))


def test_winners_image_is_a_1200_by_630_png(client):
    edition = announce(make_edition(Phase.DELIBERATION))
    engaged(edition, "Café Élan", winner=True)

    assert_share_png(client.get(f"/en/winners/{edition.year}/share.png"))
    assert_share_png(client.get(f"/fr/winners/{edition.year}/share.png"))


def test_employer_image_is_a_1200_by_630_png_for_engaged_and_winning_employers(client):
    edition = announce(make_edition(Phase.DELIBERATION))
    winner = engaged(edition, "Café Élan", winner=True)
    other = engaged(edition, "Resto Ginette")

    winner_response = client.get(f"/en/employers/{winner.pk}/share.png")
    other_response = client.get(f"/en/employers/{other.pk}/share.png")

    assert_share_png(winner_response)
    assert_share_png(other_response)
    assert winner_response.content != other_response.content


def test_share_images_answer_404_until_the_announcement_time(client):
    edition = make_edition(Phase.DELIBERATION)
    employer = engaged(edition, "Café Élan", winner=True)
    urls = [f"/en/winners/{edition.year}/share.png", f"/en/employers/{employer.pk}/share.png"]

    before_publication = [client.get(url).status_code for url in urls]
    publish_edition(edition=edition, announce_at=timezone.now() + dt.timedelta(days=1))
    under_embargo = [client.get(url).status_code for url in urls]
    announce(edition)
    after = [client.get(url).status_code for url in urls]

    assert (before_publication, under_embargo, after) == ([404, 404], [404, 404], [200, 200])


def test_share_images_of_unknown_objects_and_opted_out_employers_answer_404(client):
    edition = announce(make_edition(Phase.DELIBERATION))
    employer = engaged(edition, "Garage Discret")
    Employer.objects.filter(pk=employer.pk).update(public_opt_out=True)

    assert client.get(f"/en/employers/{employer.pk}/share.png").status_code == 404
    assert client.get("/en/employers/999999/share.png").status_code == 404
    assert client.get("/en/winners/1999/share.png").status_code == 404


def test_share_image_is_cached_and_drawn_again_when_what_it_says_changes(client, monkeypatch):
    edition = announce(make_edition(Phase.DELIBERATION))
    employer = engaged(edition, "Café Élan")
    url = f"/en/employers/{employer.pk}/share.png"
    drawn = []
    render = share_images.render_card
    monkeypatch.setattr(share_images, "render_card", lambda card: drawn.append(card) or render(card))

    first = client.get(url).content
    again = client.get(url).content
    Employer.objects.filter(pk=employer.pk).update(name="Café Élan et fils")
    renamed = client.get(url).content

    assert first == again
    assert renamed != first
    assert [card.headline for card in drawn] == ["Café Élan", "Café Élan et fils"]


def test_share_images_are_kept_no_longer_than_the_public_pages(client, settings):
    """An employer who opts out must not stay on share images cached for an hour."""
    settings.PUBLIC_PAGES_CACHE_TIMEOUT = 60
    edition = announce(make_edition(Phase.DELIBERATION))
    employer = engaged(edition, "Café Élan", winner=True)

    for url in (f"/en/winners/{edition.year}/share.png", f"/en/employers/{employer.pk}/share.png"):
        assert client.get(url)["Cache-Control"] == "public, max-age=60"
