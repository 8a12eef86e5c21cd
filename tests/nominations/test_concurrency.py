"""Simultaneous submissions of the public form, and a publication crossing a screening or a withdrawal,
on a real PostgreSQL server.

The database constraints (one nomination per e-mail and employer, one employer per normalised
name and municipality) must turn a race into "one row, and every caller answered". SQLite
serialises writers and its in-memory test database is not shared between threads, so these tests
only mean something on PostgreSQL.
"""

import re

import pytest
from django.core import mail

from contest.enums import Phase
from contest.models import Edition, Municipality
from jury.domain.publication import PublicationError, publish_results
from jury.enums import AwardKind
from jury.models import Award
from nominations.domain.nominations import Submission, submit_nomination, withdraw_nomination
from nominations.domain.screening import screen_nomination
from nominations.domain.tokens import hash_token
from nominations.enums import NominationStatus
from nominations.models import Candidacy, Employer, Nomination
from tests.concurrency import NOMINATOR, POSTGRES_ONLY, held_while, run_together
from tests.factories import make_edition, make_nomination

pytestmark = POSTGRES_ONLY


@pytest.fixture
def edition(reference_data):
    return make_edition(Phase.NOMINATIONS)


@pytest.fixture
def sherbrooke(reference_data):
    return Municipality.objects.get(name="Sherbrooke")


def submit_together(count: int, submission_for) -> tuple[list[Submission | None], list[BaseException]]:
    """Call ``submit_nomination(**submission_for(i))`` in ``count`` threads released at once."""
    results, errors, _seconds = run_together(count, lambda index: submit_nomination(**submission_for(index)))
    return results, errors


def same_nomination(edition, municipality, *, email: str = "lea@example.org"):
    return lambda index: {
        "edition": edition,
        "email": email,
        "employer_name": "Resto Chez Ginette",
        "municipality": municipality,
        "sector": "food_service",
        "nominator": NOMINATOR,
        "answers": {},
        "site_url": "http://testserver/",
    }


@pytest.mark.parametrize("count", [2, 10])
def test_concurrent_submissions_of_the_same_nomination_make_one_row(count, edition, sherbrooke):
    results, errors = submit_together(count, same_nomination(edition, sherbrooke))

    assert errors == []
    assert sorted(result.created for result in results) == [False] * (count - 1) + [True]
    nomination = Nomination.objects.get()
    assert {result.nomination.pk for result in results} == {nomination.pk}
    assert (nomination.email, nomination.employer.name) == ("lea@example.org", "Resto Chez Ginette")
    assert Employer.objects.count() == 1
    # Each caller was answered by e-mail: one confirmation, the others their link to the first one.
    # Each answer replaces the private link, so exactly one of the links sent still opens it.
    assert len(mail.outbox) == count
    assert {message.to[0] for message in mail.outbox} == {"lea@example.org"}
    tokens = [re.search(r"/nominations/mine/([^/]+)/", message.body).group(1) for message in mail.outbox]
    assert [hash_token(token) for token in tokens].count(nomination.token_hash) == 1


def test_concurrent_submissions_with_differently_written_addresses_make_one_row(edition, sherbrooke):
    addresses = ["lea@example.org", "Lea@Example.org", " LEA@EXAMPLE.ORG ", "lea@EXAMPLE.org"]

    results, errors = submit_together(
        len(addresses),
        lambda index: {**same_nomination(edition, sherbrooke)(index), "email": addresses[index]},
    )

    assert errors == []
    assert sorted(result.created for result in results) == [False, False, False, True]
    assert Nomination.objects.count() == 1


def test_concurrent_nominations_of_a_new_employer_make_one_employer(edition, sherbrooke):
    count = 10
    spellings = ["Resto Chez Ginette", "resto chez ginette", "RESTO  CHEZ GINETTE", "Resto Chez Ginette inc."]

    results, errors = submit_together(
        count,
        lambda index: {
            **same_nomination(edition, sherbrooke, email=f"jeune{index}@example.org")(index),
            "employer_name": spellings[index % len(spellings)],
        },
    )

    assert errors == []
    assert [result.created for result in results] == [True] * count
    employer = Employer.objects.get()
    assert employer.name in {" ".join(name.split()) for name in spellings}
    assert (employer.normalized_name, employer.municipality_id) == ("resto chez ginette", sherbrooke.pk)
    assert Nomination.objects.filter(employer=employer).count() == count
    assert set(Nomination.objects.values_list("email", flat=True)) == {
        f"jeune{index}@example.org" for index in range(count)
    }


def test_nomination_of_an_employer_whose_last_nomination_is_being_withdrawn_is_kept(edition, sherbrooke):
    """Withdrawing the last nomination deletes its employer; a new nomination of that employer
    that found it just before must still be saved (the employer created again)."""
    first = submit_nomination(**same_nomination(edition, sherbrooke)(0)).nomination

    blocked, outcome = held_while(
        lambda: withdraw_nomination(nomination=Nomination.objects.get(pk=first.pk)),
        lambda: submit_nomination(**same_nomination(edition, sherbrooke, email="autre@example.org")(0)),
    )

    assert blocked, "the submission never waited for the withdrawal: the race was not reproduced"
    assert "error" not in outcome, repr(outcome.get("error"))
    assert outcome["result"].created is True
    nomination = Nomination.objects.select_related("employer").get()
    assert (nomination.email, nomination.employer.normalized_name) == (
        "autre@example.org",
        "resto chez ginette",
    )


def _screen_out(nomination) -> None:
    screen_nomination(
        nomination=nomination,
        decision=NominationStatus.INELIGIBLE,
        reason="Pas aux études.",
        site_url="http://testserver/",
    )


def _withdraw(nomination) -> None:
    withdraw_nomination(nomination=nomination)


@pytest.mark.parametrize("take_out", [_screen_out, _withdraw], ids=["screened out", "withdrawn"])
def test_a_publication_waits_for_the_winners_last_nomination_going_and_is_refused(take_out, reference_data):
    """publish_results checks under the edition's lock that every winner still has an eligible
    nomination; a screening or a withdrawal under way takes that lock first, so the publication sees
    its outcome instead of publishing a winner that is no longer judged."""
    edition = make_edition(Phase.DELIBERATION)
    employer = Employer.objects.create(name="Resto Chez Ginette", municipality=Municipality.objects.first())
    nomination, _token = make_nomination(edition=edition, employer=employer, status=NominationStatus.ELIGIBLE)
    candidacy = Candidacy.objects.create(edition=edition, employer=employer)
    Award.objects.create(
        edition=edition, kind=AwardKind.TERRITORY_WINNER, territory=employer.territory, candidacy=candidacy
    )

    blocked, outcome = held_while(
        lambda: take_out(Nomination.objects.get(pk=nomination.pk)),
        lambda: publish_results(edition=Edition.objects.get(pk=edition.pk), announce_at=edition.announce_at),
    )

    assert blocked, "the publication never waited for the edition's lock"
    assert isinstance(outcome.get("error"), PublicationError), repr(outcome)
    assert Edition.objects.get(pk=edition.pk).published_at is None
    assert list(Candidacy.objects.values_list("pk", flat=True)) == [candidacy.pk]
