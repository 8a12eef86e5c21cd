"""Builders for the jury's scoring tests (plain functions; each test module declares its fixtures)."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from django.contrib.auth.models import Group, User
from django.utils import timezone

from contest.domain.roles import JUROR_GROUP
from contest.enums import Phase
from contest.models import Criterion, Edition, RubricLevel
from jury.models import Assignment
from nominations.enums import NominationStatus
from nominations.models import Candidacy, Employer
from tests.factories import PHASE_OFFSETS, make_employer, make_nomination

_counter = itertools.count(1)


def make_juror(email: str | None = None) -> User:
    email = email or f"juror{next(_counter)}@example.org"
    user = User.objects.create_user(username=email, email=email, password="pw")
    user.groups.add(Group.objects.get(name=JUROR_GROUP))
    return user


def make_candidacy(
    edition: Edition, *, employer: Employer | None = None, testimonials: int = 1, **nomination_fields
) -> Candidacy:
    """A candidacy with ``testimonials`` eligible nominations."""
    employer = employer or make_employer()
    for _ in range(testimonials):
        make_nomination(
            edition=edition, employer=employer, status=NominationStatus.ELIGIBLE, **nomination_fields
        )
    return Candidacy.objects.create(edition=edition, employer=employer)


def assign(candidacy: Candidacy, juror: User) -> Assignment:
    return Assignment.objects.create(candidacy=candidacy, juror=juror)


def use_two_criteria(edition: Edition) -> tuple[Criterion, Criterion]:
    """Replace the edition's criteria by two on a 0–4 scale, weighted 1.5 and 1, with a rubric."""
    edition.criteria.all().delete()
    first = Criterion.objects.create(
        edition=edition, code="horaire", position=1, name="Horaire", name_en="Schedule", weight=Decimal("1.5")
    )
    second = Criterion.objects.create(
        edition=edition, code="heures", position=2, name="Heures", name_en="Hours", weight=Decimal("1")
    )
    for criterion in (first, second):
        RubricLevel.objects.bulk_create(
            RubricLevel(
                criterion=criterion,
                score=score,
                text=f"Niveau {score} de {criterion.code}",
                text_en=f"Level {score} of {criterion.code}",
            )
            for score in range(0, 5)
        )
    return first, second


# Days from now of an edition's dates once its results are published (the announcement is past).
PUBLISHED_OFFSETS = (-120, -90, -60, -30, -2)
DATE_FIELDS = ("nominations_open_at", "nominations_close_at", "jury_open_at", "jury_close_at", "announce_at")


def move_to(edition: Edition, phase: Phase) -> Edition:
    """Move the edition's dates (and the publish action, for PUBLISHED) so that it stands in ``phase``:
    work done in one phase, then looked at in another."""
    now = timezone.now()
    offsets = PUBLISHED_OFFSETS if phase == Phase.PUBLISHED else PHASE_OFFSETS[phase]
    values = {name: now + dt.timedelta(days=days) for name, days in zip(DATE_FIELDS, offsets, strict=True)}
    values["published_at"] = now - dt.timedelta(days=3) if phase == Phase.PUBLISHED else None
    Edition.objects.filter(pk=edition.pk).update(**values)
    edition.refresh_from_db()
    assert edition.phase == phase
    return edition
