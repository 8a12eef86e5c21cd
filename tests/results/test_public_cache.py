"""The cache of the public pages: served from the cache for anonymous visitors, and stale at once when
what a page shows changes (a publication, the embargo lifting, an opt-out, a screening decision)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from contest.domain.editions import publish_edition
from contest.enums import Phase
from jury.domain.public_cache import GENERATION_KEY, invalidate_public_pages
from nominations.domain.employers import update_employer_profile
from nominations.domain.screening import screen_nomination
from nominations.enums import NominationStatus
from nominations.models import Employer
from tests.factories import make_edition, make_employer, make_nomination
from tests.results.test_public_pages import engaged, published_edition, win

pytestmark = pytest.mark.django_db

PUBLIC_URLS = ("/en/", "/en/rules/", "/en/winners/", "/en/employers/", "/en/leaderboard/", "/en/editions/")


def queries_of(client, url: str) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_second_anonymous_get_is_served_from_the_cache_with_one_query(client, url):
    engaged(published_edition(), "Boulangerie Tremblay")
    first_count, first = queries_of(client, url)

    second_count, second = queries_of(client, url)

    assert first_count > 1
    # The one query reads the editions' dates: the embargo and the phases move with the clock.
    assert second_count == 1
    assert second.context is None  # not rendered
    assert second.content == first.content


def test_employer_page_is_served_from_the_cache(client):
    employer = engaged(published_edition(), "Boulangerie Tremblay")
    url = f"/en/employers/{employer.pk}/"
    client.get(url)

    count, response = queries_of(client, url)

    assert count == 1
    assert "Boulangerie Tremblay" in response.content.decode()


def test_a_write_outside_the_domain_functions_is_not_seen_until_invalidation(client):
    employer = engaged(published_edition(), "Boulangerie Tremblay")
    client.get("/en/employers/")
    Employer.objects.filter(pk=employer.pk).update(public_opt_out=True)

    stale = client.get("/en/employers/").content.decode()
    invalidate_public_pages()
    fresh = client.get("/en/employers/").content.decode()

    assert "Boulangerie Tremblay" in stale
    assert "Boulangerie Tremblay" not in fresh


def test_query_string_and_language_have_their_own_entries(client):
    edition = published_edition()
    engaged(edition, "Boulangerie Tremblay")
    engaged(edition, "Garage Côté", municipality_name="Magog")
    client.get("/en/employers/")

    filtered = client.get("/en/employers/?q=Garage")
    french = client.get("/fr/employers/")

    assert [employer.name for employer in filtered.context["page"].object_list] == ["Garage Côté"]
    assert french.context is not None
    assert 'lang="fr-CA"' in french.content.decode()


def test_publication_shows_at_once_on_winners_and_leaderboard(client):
    edition = make_edition(Phase.DELIBERATION)
    win(edition, engaged(edition, "Boulangerie Tremblay"))
    winners_url = "/en/winners/"
    leaderboard_url = f"/en/leaderboard/{edition.year}/"
    assert "Boulangerie Tremblay" not in client.get(winners_url).content.decode()
    assert client.get(leaderboard_url).context["published"] is False

    publish_edition(edition=edition, announce_at=timezone.now())

    winners = client.get(winners_url)
    leaderboard = client.get(leaderboard_url)
    assert "Boulangerie Tremblay" in winners.content.decode()
    assert winners.context["edition"] == edition
    assert leaderboard.context["published"] is True


def test_embargo_lifting_at_the_announcement_time_shows_at_once_without_any_write(client, monkeypatch):
    edition = make_edition(Phase.DELIBERATION)
    win(edition, engaged(edition, "Boulangerie Tremblay"))
    announce_at = timezone.now() + dt.timedelta(hours=1)
    publish_edition(edition=edition, announce_at=announce_at)
    url = "/en/winners/"
    before = client.get(url)
    assert client.get(url).context is None  # cached
    assert "Boulangerie Tremblay" not in before.content.decode()

    monkeypatch.setattr(timezone, "now", lambda: announce_at + dt.timedelta(seconds=1))
    after = client.get(url)

    assert after.context["edition"] == edition
    assert "Boulangerie Tremblay" in after.content.decode()


def test_opt_out_hides_the_employer_at_once(client):
    edition = published_edition()
    employer = engaged(edition, "Boulangerie Tremblay")
    win(edition, employer)
    page_url = f"/en/employers/{employer.pk}/"
    assert "Boulangerie Tremblay" in client.get("/en/employers/").content.decode()
    assert "Boulangerie Tremblay" in client.get("/en/winners/").content.decode()
    assert client.get(page_url).status_code == 200

    update_employer_profile(employer=employer, description="", website="", public_opt_out=True)

    assert "Boulangerie Tremblay" not in client.get("/en/employers/").content.decode()
    assert "Boulangerie Tremblay" not in client.get("/en/winners/").content.decode()
    assert client.get(page_url).status_code == 404


def test_screening_decision_updates_the_leaderboard_counts_at_once(client):
    edition = make_edition(Phase.NOMINATIONS)
    nomination, _token = make_nomination(edition=edition, status=NominationStatus.CONFIRMED)
    make_nomination(edition=edition, employer=make_employer(municipality_name="Magog"))
    url = f"/en/leaderboard/{edition.year}/"
    assert client.get(url).context["total_nominations"] == 2
    assert client.get(url).context is None  # cached

    screen_nomination(
        nomination=nomination,
        decision=NominationStatus.INELIGIBLE,
        reason="Pas un emploi.",
        site_url="http://testserver",
    )

    response = client.get(url)
    assert response.context["total_nominations"] == 1
    assert response.context["total_employers"] == 1


def test_invalidation_bumps_the_generation(client):
    client.get("/en/")
    before = cache.get(GENERATION_KEY)

    invalidate_public_pages()

    assert cache.get(GENERATION_KEY) == before + 1


def test_signed_in_visitor_is_never_served_from_or_stored_in_the_cache(client):
    engaged(published_edition(), "Boulangerie Tremblay")
    user = User.objects.create_user("someone@example.org", "someone@example.org", "pw")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    client.get("/en/winners/")

    signed_in = client.get("/en/winners/")
    client.logout()
    anonymous = client.get("/en/winners/")

    assert signed_in.context is not None
    assert anonymous.context is not None  # nothing stored by the signed-in requests


def test_visitor_with_a_pending_message_is_not_served_from_the_cache(client):
    client.get("/en/")
    client.cookies["messages"] = "pending"

    response = client.get("/en/")

    assert response.context is not None
