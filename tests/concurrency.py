"""What the PostgreSQL race tests share: their marks, a nominator, threads released together, and a
wait for a lock. SQLite serialises writers and its in-memory test database is not shared between
threads, so these tests only mean something on PostgreSQL."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from django.db import connection, connections, transaction

from nominations.enums import SchoolLevel

POSTGRES_ONLY = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL (set DATABASE_URL=postgres://...): SQLite cannot run concurrent writers",
    ),
    # Each thread has its own connection: the rows must be committed to be seen, and to collide.
    pytest.mark.django_db(transaction=True),
]

NOMINATOR = {
    "first_name": "Léa",
    "last_name": "Tremblay",
    "age": 16,
    "school": "École secondaire du Triolet",
    "school_level": SchoolLevel.SECONDARY,
    "hours_per_week": 12,
    "boss_name": "Ginette Roy",
    "boss_role": "Propriétaire",
    "testimonial": "Elle adapte mon horaire pendant les examens.",
}


def run_together(count: int, work: Callable[[int], object]) -> tuple[list, list[BaseException], float]:
    """Call ``work(i)`` in ``count`` threads released at once by a barrier; each thread opens its own
    connection before the barrier (so that the calls, not the handshakes, run side by side) and
    closes it at the end. The results, the errors and the seconds from the release to the last end."""
    barrier = threading.Barrier(count + 1)
    results: list = [None] * count
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            connection.ensure_connection()
            barrier.wait(timeout=30)
            results[index] = work(index)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    barrier.wait(timeout=30)
    started = time.monotonic()
    for thread in threads:
        thread.join(timeout=120)
    elapsed = time.monotonic() - started
    assert not any(thread.is_alive() for thread in threads), "a thread never returned"
    return results, errors, elapsed


def wait_for_a_blocked_connection(timeout: float = 10) -> bool:
    """True once another connection to the test database waits for a lock."""
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.01)
    return False


def held_while(hold: Callable[[], object], then: Callable[[], object]) -> tuple[bool, dict]:
    """Call ``hold()`` in a transaction of one thread, and ``then()`` in another once ``hold`` is done;
    the transaction commits only once ``then`` waits for a lock (or after 30 s). Whether it waited, and
    the outcome: ``then``'s {"result": …} or {"error": …}, plus {"hold_error": …} if ``hold`` raised."""
    done, release = threading.Event(), threading.Event()
    outcome = {}

    def run_hold() -> None:
        try:
            with transaction.atomic():
                hold()
                done.set()
                release.wait(timeout=30)
        except BaseException as error:
            outcome["hold_error"] = error
            done.set()
        finally:
            connections.close_all()

    def run_then() -> None:
        try:
            done.wait(timeout=30)
            outcome["result"] = then()
        except BaseException as error:
            outcome["error"] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run_hold), threading.Thread(target=run_then)]
    for thread in threads:
        thread.start()
    done.wait(timeout=30)
    blocked = wait_for_a_blocked_connection()
    release.set()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a thread never returned"
    return blocked, outcome
