"""Publishing an edition's results, once its awards still hold.

``contest.domain.editions.publish_edition`` sets the announcement within its bounds; this is the staff's
way to it: it refuses while a winner or a prize goes to a candidacy that is no longer judged (its
nominations all screened ineligible since the choice), which would show on the winners page but not among
the engaged employers, and get no badge."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from contest.domain.editions import lock_edition, publish_edition
from contest.models import Edition
from jury.domain.awards import check_awards
from jury.models import Award


class PublicationError(Exception):
    """The results cannot be published: ``awards`` go to candidacies that are no longer judged."""

    def __init__(self, awards: list[Award]):
        super().__init__("awards_not_judged")
        self.awards = awards


@transaction.atomic
def publish_results(*, edition: Edition, announce_at: dt.datetime, actor=None) -> Edition:
    """Publish at ``announce_at`` (embargo until then), unless an award is no longer judged.

    The edition's row is locked first, as by a change of winner, so that the two cannot cross.
    Raises ``PublicationError``, or ``publish_edition``'s ``ValueError`` (the announcement's bounds)."""
    lock_edition(edition.pk)
    stale = check_awards(edition=edition).not_judged
    if stale:
        raise PublicationError(stale)
    return publish_edition(edition=edition, announce_at=announce_at, actor=actor)
