"""Builders for the jury's scoring tests (plain functions; each test module declares its fixtures)."""

from __future__ import annotations

import itertools
from decimal import Decimal

from django.contrib.auth.models import Group, User

from contest.domain.roles import JUROR_GROUP
from contest.models import Criterion, Edition, RubricLevel
from jury.models import Assignment
from nominations.enums import NominationStatus
from nominations.models import Candidacy, Employer
from tests.factories import make_employer, make_nomination

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
