"""Small builders for test data. Reference data (territories, municipalities, default criteria) comes
from the migrations, as in production."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from contest.domain.editions import create_edition
from contest.enums import Phase
from contest.models import Edition, Municipality
from nominations.domain.tokens import new_private_token
from nominations.enums import NominationStatus, SchoolLevel
from nominations.models import Employer, Nomination

_years = itertools.count(2030)
_counter = itertools.count(1)

# Offsets (days from now) of each date so that the edition stands in the given phase.
PHASE_OFFSETS = {
    Phase.UPCOMING: (10, 40, 45, 60, 70),
    Phase.NOMINATIONS: (-10, 20, 25, 40, 50),
    Phase.SCREENING: (-40, -10, 5, 20, 30),
    Phase.JURY: (-60, -30, -5, 10, 20),
    Phase.DELIBERATION: (-90, -60, -40, -10, 5),
}


def make_edition(phase: Phase = Phase.NOMINATIONS, *, year: int | None = None, **options) -> Edition:
    now = timezone.now()
    offsets = PHASE_OFFSETS[phase]
    dates = [now + dt.timedelta(days=days) for days in offsets]
    return create_edition(
        year=year or next(_years),
        number=6,
        nominations_open_at=dates[0],
        nominations_close_at=dates[1],
        jury_open_at=dates[2],
        jury_close_at=dates[3],
        announce_at=dates[4],
        **options,
    )


def municipality(name: str = "Sherbrooke") -> Municipality:
    return Municipality.objects.select_related("territory").filter(name=name).first()


def make_employer(name: str | None = None, *, municipality_name: str = "Sherbrooke") -> Employer:
    return Employer.objects.create(
        name=name or f"Commerce {next(_counter)}", municipality=municipality(municipality_name)
    )


def make_nomination(
    *,
    edition: Edition,
    employer: Employer | None = None,
    email: str | None = None,
    status: NominationStatus = NominationStatus.CONFIRMED,
    **fields,
) -> tuple[Nomination, str]:
    """A nomination and its private token."""
    token, token_hash = new_private_token()
    values = {
        "first_name": "Léa",
        "last_name": "Tremblay",
        "age": 16,
        "school": "École secondaire du Triolet",
        "school_level": SchoolLevel.SECONDARY,
        "hours_per_week": 12,
        "boss_name": "Martin Roy",
        "boss_role": "Gérant",
        "testimonial": "Mon boss adapte mon horaire pendant les examens.",
        **fields,
    }
    nomination = Nomination.objects.create(
        edition=edition,
        employer=employer or make_employer(),
        email=email or f"jeune{next(_counter)}@example.org",
        status=status,
        token_hash=token_hash,
        confirmed_at=timezone.now() if status != NominationStatus.PENDING else None,
        **values,
    )
    return nomination, token


def nomination_post_data(edition: Edition, **overrides) -> dict:
    """A complete, valid POST of the public form (without the guard fields)."""
    data = {
        "first_name": "Léa",
        "last_name": "Tremblay",
        "email": "lea@example.org",
        "age": "16",
        "is_student": "on",
        "school": "École secondaire du Triolet",
        "school_level": SchoolLevel.SECONDARY,
        "hours_per_week": "12",
        "employer_name": "Resto Chez Ginette inc.",
        "municipality": str(municipality("Sherbrooke").pk),
        "sector": "food_service",
        "employer_contact_email": "",
        "boss_name": "Ginette Roy",
        "boss_role": "Propriétaire",
        "testimonial": "Elle me laisse étudier pendant les examens.",
    }
    for criterion in edition.criteria.all():
        data[f"answer_{criterion.pk}"] = f"Réponse pour {criterion.code}"
    data.update(overrides)
    return data
