"""The staff's overview, screening queue and nomination page."""

import datetime as dt
import re
from urllib.parse import quote

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contest.enums import Phase
from contest.models import Criterion
from nominations.domain.nominations import give_parental_consent
from nominations.enums import NominationStatus
from nominations.models import Candidacy, EmployerNotice, Nomination, TestimonialAnswer
from tests.factories import make_edition, make_employer, make_nomination

pytestmark = pytest.mark.django_db

QUEUE = "/en/staff/screening/"


@pytest.fixture
def current():
    """The current edition: the latest one that has started, here in its screening phase."""
    older = make_edition(Phase.DELIBERATION)
    edition = make_edition(Phase.SCREENING)
    assert older.nominations_open_at < edition.nominations_open_at
    return edition


def _detail(nomination) -> str:
    return f"/en/staff/nominations/{nomination.pk}/"


def _staff_urls(nomination) -> list[str]:
    return ["/en/staff/", QUEUE, _detail(nomination), "/en/staff/employers/merge/"]


def _rows(response) -> list[str]:
    return [row.record.employer.name for row in response.context["table"].paginated_rows]


# Access.


def test_every_screening_page_sends_anonymous_visitors_to_the_login_page(client, current):
    nomination, _ = make_nomination(edition=current)

    for url in _staff_urls(nomination):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url == f"/en/accounts/login/?next={quote(url)}", url
    response = client.post(_detail(nomination), {"decision": "eligible"})

    assert response.status_code == 302
    assert response.url.startswith("/en/accounts/login/")
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.CONFIRMED


def test_every_screening_page_is_forbidden_to_a_juror(juror_client, current):
    nomination, _ = make_nomination(edition=current)

    statuses = [juror_client.get(url).status_code for url in _staff_urls(nomination)]
    posted = juror_client.post(_detail(nomination), {"decision": "eligible"})

    assert statuses == [403, 403, 403, 403]
    assert posted.status_code == 403
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.CONFIRMED


# Overview.


def test_home_shows_the_current_edition_its_phase_and_counts(staff_client, current):
    employer = make_employer("Resto Ginette")
    make_nomination(edition=current, employer=employer, status=NominationStatus.ELIGIBLE)
    Candidacy.objects.create(edition=current, employer=employer)
    make_nomination(edition=current)
    make_nomination(edition=current)
    make_nomination(edition=current, status=NominationStatus.PENDING)
    make_nomination(edition=make_edition(Phase.DELIBERATION))  # another edition: not counted

    response = staff_client.get("/en/staff/")

    assert response.status_code == 200
    assert response.context["edition"] == current
    assert {row["status"]: row["count"] for row in response.context["status_counts"]} == {
        "pending": 1,
        "awaiting_parent": 0,
        "confirmed": 2,
        "eligible": 1,
        "ineligible": 0,
        "duplicate": 0,
        "spam": 0,
    }
    assert response.context["candidacies_count"] == 1
    page = response.content.decode()
    assert '<span class="phase phase-screening">Screening</span>' in page
    assert f'href="/en/staff/screening/?edition={current.pk}&amp;status=confirmed"' in page
    for url in [
        "/en/staff/employers/merge/",
        "/en/staff/jurors/",
        "/en/staff/panels/",
        "/en/staff/progress/",
    ]:
        assert f'href="{url}"' in page


def test_home_without_any_edition(staff_client):
    response = staff_client.get("/en/staff/")

    assert response.status_code == 200
    assert "No edition yet" in response.content.decode()


# The queue.


def test_queue_lists_the_nominations_to_screen_of_the_current_edition(staff_client, current):
    make_nomination(edition=current, employer=make_employer("Alpha"))
    make_nomination(edition=current, employer=make_employer("Bravo"))
    make_nomination(edition=current, employer=make_employer("Pending"), status=NominationStatus.PENDING)
    make_nomination(edition=current, employer=make_employer("Done"), status=NominationStatus.ELIGIBLE)
    make_nomination(edition=make_edition(Phase.DELIBERATION), employer=make_employer("Old"))

    response = staff_client.get(QUEUE)

    assert response.status_code == 200
    assert _rows(response) == ["Alpha", "Bravo"]
    assert "2 nominations" in response.content.decode()


def test_queue_shows_pending_nominations_only_when_asked(staff_client, current):
    make_nomination(edition=current, employer=make_employer("Alpha"))
    make_nomination(edition=current, employer=make_employer("Pending"), status=NominationStatus.PENDING)
    make_nomination(edition=current, employer=make_employer("Done"), status=NominationStatus.ELIGIBLE)
    make_nomination(edition=current, employer=make_employer("Junk"), status=NominationStatus.SPAM)

    pending = staff_client.get(QUEUE, {"status": "pending"})
    every_status = staff_client.get(QUEUE, {"status": ""})
    eligible = staff_client.get(QUEUE, {"status": "eligible"})

    assert _rows(pending) == ["Pending"]
    assert _rows(every_status) == ["Alpha", "Done", "Junk"]
    assert _rows(eligible) == ["Done"]


def test_queue_filters_by_edition(staff_client, current):
    older = make_edition(Phase.DELIBERATION)
    make_nomination(edition=current, employer=make_employer("Now"))
    make_nomination(edition=older, employer=make_employer("Before"))

    assert _rows(staff_client.get(QUEUE, {"edition": older.pk})) == ["Before"]
    assert _rows(staff_client.get(QUEUE, {"edition": ""})) == ["Now", "Before"]


def test_queue_filters_by_territory(staff_client, current):
    make_nomination(edition=current, employer=make_employer("Sherbrookois"))
    magog = make_employer("Magogois", municipality_name="Magog")
    make_nomination(edition=current, employer=magog)

    response = staff_client.get(QUEUE, {"territory": magog.territory_id})

    assert _rows(response) == ["Magogois"]
    assert magog.territory.name == "Memphrémagog"


def test_queue_searches_employer_boss_and_school(staff_client, current):
    make_nomination(edition=current, employer=make_employer("Épicerie Bédard"))
    make_nomination(edition=current, employer=make_employer("Garage"), boss_name="Nathalie Gosselin")
    make_nomination(edition=current, employer=make_employer("Ferme"), school="Polyvalente Montcalm")
    make_nomination(edition=current, employer=make_employer("Autre"))

    assert _rows(staff_client.get(QUEUE, {"q": "epicerie bedard"})) == ["Épicerie Bédard"]
    assert _rows(staff_client.get(QUEUE, {"q": "gosselin"})) == ["Garage"]
    assert _rows(staff_client.get(QUEUE, {"q": "Montcalm"})) == ["Ferme"]
    assert _rows(staff_client.get(QUEUE, {"q": "nobody"})) == []


def test_queue_sorts_by_a_column(staff_client, current):
    for name in ["Charlie", "Alpha", "Bravo"]:
        make_nomination(edition=current, employer=make_employer(name))

    assert _rows(staff_client.get(QUEUE)) == ["Charlie", "Alpha", "Bravo"]  # oldest first
    assert _rows(staff_client.get(QUEUE, {"sort": "employer"})) == ["Alpha", "Bravo", "Charlie"]
    assert _rows(staff_client.get(QUEUE, {"sort": "-employer"})) == ["Charlie", "Bravo", "Alpha"]


def test_queue_counts_the_employers_eligible_nominations(staff_client, current):
    employer = make_employer("Resto Ginette")
    make_nomination(edition=current, employer=employer)
    make_nomination(edition=current, employer=employer, status=NominationStatus.ELIGIBLE)
    make_nomination(edition=current, employer=employer, status=NominationStatus.ELIGIBLE)

    response = staff_client.get(QUEUE)

    assert [row.record.employer_eligible for row in response.context["table"].paginated_rows] == [2]


def test_queue_shows_25_nominations_a_page(staff_client, current):
    for index in range(26):
        make_nomination(edition=current, employer=make_employer(f"Commerce {index:02}"))

    first = staff_client.get(QUEUE)
    second = staff_client.get(QUEUE, {"page": 2})

    assert len(_rows(first)) == 25
    assert 'href="?page=2"' in first.content.decode()
    assert _rows(second) == ["Commerce 25"]
    assert first.context["table"].paginator.num_pages == 2


def test_queue_rows_link_to_the_nomination_with_the_way_back(staff_client, current):
    nomination, _ = make_nomination(edition=current, employer=make_employer("Alpha"))

    response = staff_client.get(QUEUE, {"q": "alpha", "sort": "employer"})

    back = quote("/en/staff/screening/?q=alpha&sort=employer", safe="")
    assert f'<a href="{_detail(nomination)}?next={back}">Alpha</a>' in response.content.decode()


def test_queue_query_count_does_not_grow_with_rows(staff_client, current):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = staff_client.get(QUEUE)
        assert response.status_code == 200
        return len(queries)

    make_nomination(edition=current)
    one = count_queries()
    assert len(_rows(staff_client.get(QUEUE))) == 1
    make_nomination(edition=current, employer=make_employer(municipality_name="Magog"))
    make_nomination(edition=current, employer=make_employer(municipality_name="Coaticook"))
    three = count_queries()

    assert len(_rows(staff_client.get(QUEUE))) == 3
    assert three == one


# The nomination's page.


def test_nomination_page_shows_the_youth_the_testimonial_and_the_other_nominations(staff_client, current):
    employer = make_employer("Resto Ginette")
    nomination, _ = make_nomination(
        edition=current, employer=employer, email="lea@example.org", testimonial="Un boss en or."
    )
    criterion = Criterion.objects.for_edition(current).first()
    TestimonialAnswer.objects.create(nomination=nomination, criterion=criterion, text="Congé en examens.")
    sibling, _ = make_nomination(
        edition=current, employer=employer, email="zoe@example.org", status=NominationStatus.ELIGIBLE
    )
    make_nomination(edition=make_edition(Phase.DELIBERATION), employer=employer, email="ancien@example.org")

    response = staff_client.get(_detail(nomination))

    page = response.content.decode()
    assert response.status_code == 200
    assert "lea@example.org" in page
    assert "École secondaire du Triolet" in page
    assert "Congé en examens." in page
    assert "Un boss en or." in page
    assert list(response.context["others"]) == [sibling]
    assert "zoe@example.org" in page
    assert "ancien@example.org" not in page
    assert 'type="radio" name="decision" value="ineligible"' in page


def test_nomination_page_shows_when_the_employer_was_told_of_its_candidacy(staff_client, current):
    told, untold = make_employer("Resto Ginette"), make_employer("Garage Côté")
    nominations = [make_nomination(edition=current, employer=e)[0] for e in (told, untold)]
    for employer in (told, untold):
        Candidacy.objects.create(edition=current, employer=employer)
    sent_at = dt.datetime(2026, 3, 9, 15, tzinfo=dt.UTC)
    EmployerNotice.objects.create(edition=current, employer=told, sent_at=sent_at)

    pages = [staff_client.get(_detail(nomination)).content.decode() for nomination in nominations]

    assert "<dd>yes — employer told on 9 March 2026</dd>" in pages[0]
    assert "<dd>yes</dd>" in pages[1]


def test_nomination_page_answers_404_for_an_unknown_nomination(staff_client, current):
    assert staff_client.get("/en/staff/nominations/999999/").status_code == 404


def test_nomination_page_query_count_does_not_grow_with_other_nominations(staff_client, current):
    employer = make_employer()
    nomination, _ = make_nomination(edition=current, employer=employer)

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = staff_client.get(_detail(nomination))
        assert response.status_code == 200
        return len(queries)

    make_nomination(edition=current, employer=employer)
    one = count_queries()
    make_nomination(edition=current, employer=employer)
    make_nomination(edition=current, employer=employer)
    three = count_queries()

    assert three == one


def test_screening_eligible_goes_back_to_the_queue_as_it_was(
    staff_client, current, django_capture_on_commit_callbacks
):
    nomination, _ = make_nomination(edition=current)
    back = "/en/staff/screening/?q=commerce&page=2"

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            _detail(nomination), {"decision": "eligible", "reason": "", "next": back}
        )

    assert response.status_code == 302
    assert response.url == back
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.ELIGIBLE
    assert Candidacy.objects.filter(edition=current, employer=nomination.employer).count() == 1
    followed = staff_client.get(QUEUE)
    assert f"Nomination of {nomination.employer.name}: Eligible." in followed.content.decode()


def test_screening_ignores_a_foreign_next(staff_client, current):
    nomination, _ = make_nomination(edition=current)

    response = staff_client.post(
        _detail(nomination), {"decision": "spam", "next": "https://evil.example.org/phish"}
    )

    assert response.status_code == 302
    assert response.url == QUEUE
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.SPAM


def test_screening_ineligible_without_reason_keeps_what_was_chosen(staff_client, current):
    nomination, _ = make_nomination(edition=current)

    response = staff_client.post(
        _detail(nomination), {"decision": "ineligible", "reason": "  ", "next": "/en/staff/screening/?q=x"}
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert '<p class="error-text" id="id_reason_error">Give the reason the youth will receive.</p>' in page
    assert re.search(r'value="ineligible" id="id_decision_1"[^>]* checked>', page)
    assert '<input type="hidden" name="next" value="/en/staff/screening/?q=x">' in page
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.CONFIRMED


def test_screening_ineligible_sends_the_reason_to_the_youth(
    staff_client, current, django_capture_on_commit_callbacks
):
    nomination, _ = make_nomination(edition=current, email="kim@example.org")
    Nomination.objects.filter(pk=nomination.pk).update(language="en")

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            _detail(nomination), {"decision": "ineligible", "reason": "You do not work there."}
        )

    assert response.status_code == 302
    nomination.refresh_from_db()
    assert (nomination.status, nomination.screening_reason) == ("ineligible", "You do not work there.")
    assert [message.to for message in mail.outbox] == [["kim@example.org"]]
    assert "You do not work there." in mail.outbox[0].body


def test_screening_a_pending_nomination_shows_the_error_next_to_the_decision(staff_client, current):
    nomination, _ = make_nomination(edition=current, status=NominationStatus.PENDING)

    response = staff_client.post(_detail(nomination), {"decision": "eligible"})

    page = response.content.decode()
    assert response.status_code == 400
    assert (
        '<p class="error-text" id="id_decision_error">'
        "This nomination has not been confirmed by its author yet.</p>" in page
    )
    assert re.search(r'value="eligible" id="id_decision_0"[^>]* checked>', page)
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.PENDING
    assert Candidacy.objects.count() == 0


def test_screening_refuses_an_unknown_decision(staff_client, current):
    nomination, _ = make_nomination(edition=current)

    response = staff_client.post(_detail(nomination), {"decision": "confirmed"})

    assert response.status_code == 400
    assert 'id="id_decision_error"' in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.CONFIRMED


# Under 14, until a parent or tutor consents, staff see no nomination: only its number on the overview.


def _under_14(edition, status, **fields):
    """A youth under 14 whose parent has not consented: before (PENDING) or after confirming their e-mail."""
    nomination, _token = make_nomination(
        edition=edition, status=status, age=13, parent_email="parent@example.org", **fields
    )
    return nomination


@pytest.fixture
def younger_admitted():
    return make_edition(Phase.SCREENING, minimum_age=12, admits_younger_with_consent=True)


def test_queue_never_shows_nominations_waiting_for_a_parent(staff_client, younger_admitted):
    edition = younger_admitted
    _under_14(edition, NominationStatus.AWAITING_PARENT, employer=make_employer("Attente"))
    _under_14(edition, NominationStatus.PENDING, employer=make_employer("Attente courriel"))
    make_nomination(edition=edition, employer=make_employer("Confirmé"))
    make_nomination(edition=edition, employer=make_employer("Non confirmé"), status=NominationStatus.PENDING)

    every_status = staff_client.get(QUEUE, {"edition": edition.pk, "status": ""})
    awaiting = staff_client.get(QUEUE, {"edition": edition.pk, "status": "awaiting_parent"})
    pending = staff_client.get(QUEUE, {"edition": edition.pk, "status": "pending"})
    searched = staff_client.get(QUEUE, {"edition": edition.pk, "status": "", "q": "attente"})

    assert _rows(every_status) == ["Confirmé"]
    assert _rows(awaiting) == ["Confirmé"]  # not a choice: the status filter is ignored
    assert _rows(pending) == ["Non confirmé"]
    assert _rows(searched) == []
    choices = [value for value, _label in every_status.context["filter"].form.fields["status"].choices]
    assert "awaiting_parent" not in choices
    assert "Attente" not in every_status.content.decode()


def test_nomination_page_answers_404_while_a_parent_has_not_consented(staff_client, younger_admitted):
    awaiting = _under_14(younger_admitted, NominationStatus.AWAITING_PARENT)
    unconfirmed = _under_14(younger_admitted, NominationStatus.PENDING)

    statuses = [staff_client.get(_detail(nomination)).status_code for nomination in (awaiting, unconfirmed)]
    posted = staff_client.post(_detail(awaiting), {"decision": "eligible"})

    assert statuses == [404, 404]
    assert posted.status_code == 404
    awaiting.refresh_from_db()
    assert awaiting.status == NominationStatus.AWAITING_PARENT


def test_nomination_page_leaves_out_other_nominations_waiting_for_a_parent(staff_client, younger_admitted):
    employer = make_employer("Resto Ginette")
    nomination, _ = make_nomination(edition=younger_admitted, employer=employer)
    _under_14(
        younger_admitted,
        NominationStatus.AWAITING_PARENT,
        employer=employer,
        first_name="Mathis",
        email="mathis@example.org",
    )
    _under_14(younger_admitted, NominationStatus.PENDING, employer=employer, email="noah@example.org")

    response = staff_client.get(_detail(nomination))

    page = response.content.decode()
    assert response.status_code == 200
    assert list(response.context["others"]) == []
    assert "Mathis" not in page
    assert "mathis@example.org" not in page
    assert "noah@example.org" not in page


def test_nomination_page_shows_a_nomination_once_the_parent_consented(staff_client, younger_admitted):
    nomination = _under_14(younger_admitted, NominationStatus.AWAITING_PARENT)
    give_parental_consent(nomination=nomination)

    response = staff_client.get(_detail(nomination))

    assert response.status_code == 200
    assert response.context["nomination"] == nomination


def test_home_counts_nominations_waiting_for_a_parent_without_a_link(staff_client, younger_admitted):
    _under_14(younger_admitted, NominationStatus.AWAITING_PARENT)

    response = staff_client.get("/en/staff/")

    page = response.content.decode()
    counts = {row["status"]: row["count"] for row in response.context["status_counts"]}
    assert counts["awaiting_parent"] == 1
    assert "status=awaiting_parent" not in page
    assert "Waiting for a parent&#x27;s consent" in page
