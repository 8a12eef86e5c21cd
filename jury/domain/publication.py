"""Publishing an edition's results, once its awards still hold.

``contest.domain.editions.publish_edition`` sets the announcement; this is the staff's way to it: it
refuses while a winner or a prize goes to a candidacy that is no longer judged (its nominations all
screened ineligible since the choice), which would show on the winners page but not among the engaged
employers, and get no badge."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from contest.domain.editions import publish_edition
from contest.models import Edition
from jury.domain.awards import check_awards
from jury.models import Award

# The announcement comes at most this long after now (or after the jury's end, if later): an edition's
# results are announced within weeks, and a date typed years ahead is a slip (far enough, it overflows).
ANNOUNCEMENT_YEARS_AHEAD = 2


def latest_announcement(edition: Edition, now: dt.datetime | None = None) -> dt.datetime:
    """The latest announcement time the staff may set for ``edition``."""
    start = max(now or timezone.now(), edition.jury_close_at)
    return start + dt.timedelta(days=365 * ANNOUNCEMENT_YEARS_AHEAD)


class PublicationError(Exception):
    """The results cannot be published: ``awards`` go to candidacies that are no longer judged."""

    def __init__(self, awards: list[Award]):
        super().__init__("awards_not_judged")
        self.awards = awards


@transaction.atomic
def publish_results(*, edition: Edition, announce_at: dt.datetime, actor=None) -> Edition:
    """Publish at ``announce_at`` (embargo until then), unless an award is no longer judged.

    The edition's row is locked first, as by a change of winner, so that the two cannot cross.
    Raises ``PublicationError``, or ``ValueError``: an announcement later than
    ``latest_announcement`` (``announce_too_late``), or before the jury closes (``publish_edition``)."""
    if announce_at > latest_announcement(edition):
        raise ValueError("announce_too_late")
    Edition.objects.select_for_update().get(pk=edition.pk)
    stale = check_awards(edition=edition).not_judged
    if stale:
        raise PublicationError(stale)
    return publish_edition(edition=edition, announce_at=announce_at, actor=actor)
