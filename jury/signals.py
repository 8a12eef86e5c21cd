"""Saves and deletions that change an input of the ranking mark the stored ranking stale
(``jury.domain.ranking_store``): the edition's settings and criteria, territories, municipalities
and employers (names order ties; every edition), candidacies and nominations (their edition).

This catches the Django admin and any ``save()``; the domain functions that write with ``update()``
or in bulk call ``mark_stale`` themselves."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from contest.models import Criterion, Edition, Municipality, Territory
from jury.domain.ranking_store import mark_stale
from jury.models import RankingState
from nominations.enums import NominationStatus
from nominations.models import Candidacy, Employer, Nomination

# Fields of a nomination the ranking reads (eligibility, and which candidacy it counts for).
NOMINATION_FIELDS = {"status", "employer", "employer_id", "edition", "edition_id"}


def _edition(sender, instance, created=False, raw=False, **kwargs) -> None:
    if raw:
        return  # loaddata (a restored backup): the stored ranking comes with it
    if created:
        # Its state row from the start, so that its first ranking costs what the next ones do.
        RankingState.objects.bulk_create([RankingState(edition=instance)], ignore_conflicts=True)
    else:
        mark_stale(edition=instance.pk)


def _by_edition_id(sender, instance, raw=False, **kwargs) -> None:
    if not raw and instance.edition_id is not None:
        mark_stale(edition=instance.edition_id)


def _everything(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        mark_stale()


def _nomination_saved(sender, instance, created, update_fields=None, raw=False, **kwargs) -> None:
    if raw:
        return
    if created and instance.status != NominationStatus.ELIGIBLE:
        return  # a new nomination counts once it is screened eligible
    if update_fields is not None and not NOMINATION_FIELDS.intersection(update_fields):
        return
    mark_stale(edition=instance.edition_id)


def connect() -> None:
    post_save.connect(_edition, sender=Edition, dispatch_uid="ranking-edition-saved")
    post_delete.connect(_edition, sender=Edition, dispatch_uid="ranking-edition-deleted")
    for model in (Criterion, Candidacy):
        post_save.connect(_by_edition_id, sender=model, dispatch_uid=f"ranking-{model.__name__}-saved")
        post_delete.connect(_by_edition_id, sender=model, dispatch_uid=f"ranking-{model.__name__}-deleted")
    for model in (Territory, Municipality, Employer):
        post_save.connect(_everything, sender=model, dispatch_uid=f"ranking-{model.__name__}-saved")
        post_delete.connect(_everything, sender=model, dispatch_uid=f"ranking-{model.__name__}-deleted")
    post_save.connect(_nomination_saved, sender=Nomination, dispatch_uid="ranking-nomination-saved")
    post_delete.connect(_by_edition_id, sender=Nomination, dispatch_uid="ranking-nomination-deleted")
