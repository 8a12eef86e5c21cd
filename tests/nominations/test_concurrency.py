"""Simultaneous submissions of the public form, on a real PostgreSQL server.

The database constraints (one nomination per e-mail and employer, one employer per normalised
name and municipality) must turn a race into "one row, and every caller answered". SQLite
serialises writers and its in-memory test database is not shared between threads, so these tests
only mean something on PostgreSQL.
"""

import re
import threading

import pytest
from django.core import mail
from django.db import connections, transaction

from contest.enums import Phase
from contest.models import Municipality
from nominations.domain.nominations import Submission, submit_nomination, withdraw_nomination
from nominations.domain.tokens import hash_token
from nominations.models import Employer, Nomination
from tests.concurrency import NOMINATOR, POSTGRES_ONLY, run_together, wait_for_a_blocked_connection
from tests.factories import make_edition

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
    deleted, release = threading.Event(), threading.Event()
    outcome = {}

    def withdraw() -> None:
        try:
            with transaction.atomic():
                withdraw_nomination(nomination=Nomination.objects.get(pk=first.pk))
                deleted.set()
                release.wait(timeout=30)  # commit only once the submission waits for the deleted row
        finally:
            connections.close_all()

    def submit() -> None:
        try:
            deleted.wait(timeout=30)
            outcome["result"] = submit_nomination(
                **same_nomination(edition, sherbrooke, email="autre@example.org")(0)
            )
        except BaseException as error:
            outcome["error"] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=withdraw), threading.Thread(target=submit)]
    for thread in threads:
        thread.start()
    deleted.wait(timeout=30)
    blocked = wait_for_a_blocked_connection()
    release.set()
    for thread in threads:
        thread.join(timeout=60)

    assert blocked, "the submission never waited for the withdrawal: the race was not reproduced"
    assert "error" not in outcome, repr(outcome.get("error"))
    assert outcome["result"].created is True
    nomination = Nomination.objects.select_related("employer").get()
    assert (nomination.email, nomination.employer.normalized_name) == (
        "autre@example.org",
        "resto chez ginette",
    )
