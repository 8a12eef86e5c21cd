"""The cache of the public pages: served from the cache for anonymous visitors, and stale at once when
what a page shows changes (a publication, the embargo lifting, an opt-out, a screening decision)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.forms import MultiWidget
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import formats, timezone

from contest.domain.editions import create_edition, publish_edition
from contest.domain.public_cache import GENERATION_KEY, invalidate_public_pages
from contest.enums import Phase
from nominations.domain.employers import update_employer_profile
from nominations.domain.nominations import update_nomination
from nominations.domain.privacy import anonymise_edition
from nominations.domain.screening import screen_nomination
from nominations.enums import NominationStatus
from nominations.models import Employer, Nomination
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
def test_second_anonymous_get_is_served_from_the_cache_without_any_query(client, url):
    engaged(published_edition(), "Boulangerie Tremblay")
    first_count, first = queries_of(client, url)

    second_count, second = queries_of(client, url)

    assert first_count > 1
    # The editions' dates are cached with the interval over which they hold: no query either.
    assert second_count == 0
    assert second.context is None  # not rendered
    assert second.content == first.content


def test_employer_page_is_served_from_the_cache(client):
    employer = engaged(published_edition(), "Boulangerie Tremblay")
    url = f"/en/employers/{employer.pk}/"
    client.get(url)

    count, response = queries_of(client, url)

    assert count == 0
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


def test_the_editions_dates_are_read_again_only_when_the_clock_passes_one_of_them(client, monkeypatch):
    edition = make_edition(Phase.DELIBERATION)
    announce_at = timezone.now() + dt.timedelta(hours=1)
    publish_edition(edition=edition, announce_at=announce_at)
    client.get("/en/winners/")
    assert queries_of(client, "/en/winners/")[0] == 0

    monkeypatch.setattr(timezone, "now", lambda: announce_at - dt.timedelta(seconds=1))
    still_before, _response = queries_of(client, "/en/winners/")
    monkeypatch.setattr(timezone, "now", lambda: announce_at)
    at_the_announcement, _response = queries_of(client, "/en/winners/")
    then, _response = queries_of(client, "/en/winners/")

    assert still_before == 0
    assert at_the_announcement > 1  # the dates read again, the page rendered afresh
    assert then == 0


def test_embargo_lifting_is_served_from_the_cache_once_rendered(client, monkeypatch):
    edition = make_edition(Phase.DELIBERATION)
    win(edition, engaged(edition, "Boulangerie Tremblay"))
    announce_at = timezone.now() + dt.timedelta(hours=1)
    publish_edition(edition=edition, announce_at=announce_at)
    assert (
        "Boulangerie Tremblay"
        not in client.get("/en/").content.decode() + client.get("/en/winners/").content.decode()
    )

    monkeypatch.setattr(timezone, "now", lambda: announce_at + dt.timedelta(minutes=1))
    client.get("/en/winners/")
    count, after = queries_of(client, "/en/winners/")

    assert count == 0
    assert "Boulangerie Tremblay" in after.content.decode()


def test_phase_opening_shows_at_once_without_any_write(client, monkeypatch):
    opens_at = timezone.now() + dt.timedelta(hours=2)
    create_edition(
        year=2031,
        number=7,
        nominations_open_at=opens_at,
        nominations_close_at=opens_at + dt.timedelta(days=30),
        jury_open_at=opens_at + dt.timedelta(days=35),
        jury_close_at=opens_at + dt.timedelta(days=50),
        announce_at=opens_at + dt.timedelta(days=60),
    )
    before = client.get("/en/")
    assert client.get("/en/").context is None  # cached
    assert "Nominations open on" in before.content.decode()

    monkeypatch.setattr(timezone, "now", lambda: opens_at + dt.timedelta(seconds=1))
    after = client.get("/en/")

    assert after.context is not None
    assert after.context["edition"].accepts_nominations
    assert "Nominations close on" in after.content.decode()
    assert "Nominations open on" not in after.content.decode()


def test_a_new_edition_shows_at_once(client):
    assert "will be announced soon" in client.get("/en/").content.decode()
    assert client.get("/en/").context is None  # cached

    edition = make_edition(Phase.NOMINATIONS)

    response = client.get("/en/")
    assert response.context["edition"] == edition
    assert "Nominations close on" in response.content.decode()


def admin_post_data(response) -> dict:
    """The admin change form's current values, inlines included, as the browser would post them."""
    data = {}

    def add(form) -> None:
        for field in form:
            value = field.value()
            widget = field.field.widget
            if isinstance(widget, MultiWidget):
                for index, (part, sub) in enumerate(
                    zip(widget.decompress(value), widget.widgets, strict=True)
                ):
                    data[f"{field.html_name}_{index}"] = sub.format_value(part) or ""
            elif isinstance(value, bool):
                if value:
                    data[field.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[field.html_name] = [str(item) for item in value]
            else:
                data[field.html_name] = "" if value is None else str(value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    return data


def test_an_edition_edited_in_the_admin_shows_at_once(
    client, admin_client, django_capture_on_commit_callbacks
):
    edition = make_edition(Phase.NOMINATIONS)
    new_close = (edition.nominations_close_at + dt.timedelta(days=3)).replace(second=0, microsecond=0)
    old_text = formats.date_format(timezone.localtime(edition.nominations_close_at), "j F Y")
    new_text = formats.date_format(timezone.localtime(new_close), "j F Y")
    assert old_text in client.get("/en/").content.decode()
    assert client.get("/en/").context is None  # cached
    url = f"/admin/contest/edition/{edition.pk}/change/"
    data = admin_post_data(admin_client.get(url))
    local_close = timezone.localtime(new_close)
    data["nominations_close_at_0"] = formats.localize_input(local_close.date())
    data["nominations_close_at_1"] = formats.localize_input(local_close.time())

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    edition.refresh_from_db()
    assert edition.nominations_close_at == new_close
    page = client.get("/en/")
    assert page.context is not None
    assert new_text in page.content.decode()
    assert old_text not in page.content.decode()


def test_an_employer_renamed_in_the_admin_shows_at_once(
    client, admin_client, django_capture_on_commit_callbacks
):
    employer = engaged(published_edition(), "Boulangerie Tremblay")
    assert "Boulangerie Tremblay" in client.get("/en/employers/").content.decode()
    url = f"/admin/nominations/employer/{employer.pk}/change/"
    data = admin_post_data(admin_client.get(url))
    data["name"] = "Boulangerie Côté"

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    page = client.get("/en/employers/").content.decode()
    assert "Boulangerie Côté" in page
    assert "Boulangerie Tremblay" not in page


def _quoted_winner(edition):
    employer = engaged(
        edition,
        "Boulangerie Tremblay",
        first_name="Maya",
        consent_publish_first_name=True,
        consent_publish_testimonial=True,
        testimonial="Elle adapte mon horaire aux examens.",
    )
    win(edition, employer)
    return employer, Nomination.objects.get(employer=employer)


def test_consents_taken_back_by_the_youth_leave_the_public_pages_at_once(client):
    edition = published_edition()
    employer, nomination = _quoted_winner(edition)
    urls = ("/fr/winners/", f"/fr/employers/{employer.pk}/")
    for url in urls:
        page = client.get(url).content.decode()
        assert "Maya" in page
        assert "Elle adapte mon horaire aux examens." in page

    update_nomination(
        nomination=nomination,
        nominator={"consent_publish_first_name": False, "consent_publish_testimonial": False},
    )

    visitor = Client()  # a new anonymous visitor: no cookie that would skip the cache
    for url in urls:
        page = visitor.get(url).content.decode()
        assert "Maya" not in page, url
        assert "Elle adapte mon horaire aux examens." not in page, url


def test_anonymisation_removes_first_names_from_the_public_pages_at_once(client):
    edition = published_edition()
    employer, _nomination = _quoted_winner(edition)
    assert "Maya" in client.get(f"/fr/employers/{employer.pk}/").content.decode()

    anonymise_edition(edition=edition)

    page = Client().get(f"/fr/employers/{employer.pk}/").content.decode()
    assert "Maya" not in page
    assert "Elle adapte mon horaire aux examens." in page  # a consented quote stays, without a name
