"""State changes of editions."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from contest.domain.audit import record_event
from contest.domain.public_cache import invalidate_public_pages
from contest.domain.reference_data import copy_criteria
from contest.models import Criterion, Edition, RubricLevel

# The announcement comes at most this long after now (or after the jury's end, if later): an edition's
# results are announced within weeks, and a date typed years ahead is a slip (far enough, it overflows).
ANNOUNCEMENT_YEARS_AHEAD = 2


@transaction.atomic
def create_edition(
    *,
    year: int,
    number: int,
    nominations_open_at: dt.datetime,
    nominations_close_at: dt.datetime,
    jury_open_at: dt.datetime,
    jury_close_at: dt.datetime,
    announce_at: dt.datetime,
    **options,
) -> Edition:
    """Create an edition with its own copy of the default criteria set."""
    edition = Edition(
        year=year,
        number=number,
        nominations_open_at=nominations_open_at,
        nominations_close_at=nominations_close_at,
        jury_open_at=jury_open_at,
        jury_close_at=jury_close_at,
        announce_at=announce_at,
        **options,
    )
    edition.full_clean()
    edition.save()
    give_default_criteria(edition=edition)
    invalidate_public_pages()
    return edition


def give_default_criteria(*, edition: Edition) -> None:
    """Copy the default criteria set into an edition that has none yet."""
    if edition.criteria.exists():
        return
    default_set = Criterion.objects.default_set().prefetch_related("rubric")
    copy_criteria(
        criterion_model=Criterion,
        rubric_model=RubricLevel,
        edition=edition,
        source=default_set if default_set.exists() else None,
    )


def lock_edition(edition_id: int) -> Edition:
    """The edition's row, locked until the end of the transaction. Taken before whatever decides what
    its results hold: choosing a winner, publishing (which checks that every winner still has an
    eligible nomination), and screening or destroying a nomination (which may take that away), so that
    none of these cross. Always the edition first, then the nomination: the same order everywhere, so
    that two of them cannot deadlock."""
    return Edition.objects.select_for_update().get(pk=edition_id)


def latest_announcement(edition: Edition, now: dt.datetime | None = None) -> dt.datetime:
    """The latest announcement time ``publish_edition`` accepts for ``edition``."""
    start = max(now or timezone.now(), edition.jury_close_at)
    return start + dt.timedelta(days=365 * ANNOUNCEMENT_YEARS_AHEAD)


def publish_edition(*, edition: Edition, announce_at: dt.datetime, actor=None) -> Edition:
    """Publish the edition's results at ``announce_at`` (embargo until then).

    Results show from that moment on, with no other action. Publishing again moves the time.
    ValueError when the announcement comes before the jury closes (``announce_before_jury_close``) or
    later than ``latest_announcement`` (``announce_too_late``)."""
    if announce_at < edition.jury_close_at:
        raise ValueError("announce_before_jury_close")
    if announce_at > latest_announcement(edition):
        raise ValueError("announce_too_late")
    Edition.objects.filter(pk=edition.pk).update(published_at=timezone.now(), announce_at=announce_at)
    record_event("edition.published", actor=actor, target=edition, announce_at=announce_at.isoformat())
    invalidate_public_pages()
    edition.refresh_from_db()
    return edition


def unpublish_edition(*, edition: Edition, actor=None) -> Edition:
    """Withdraw a publication that has not been announced yet (or correct a mistake)."""
    Edition.objects.filter(pk=edition.pk).update(published_at=None)
    record_event("edition.unpublished", actor=actor, target=edition)
    invalidate_public_pages()
    edition.refresh_from_db()
    return edition
