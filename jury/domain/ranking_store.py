"""The stored ranking: ``rank_candidacies`` computed once per change, read page by page.

``rank_candidacies`` stays the only computation. ``fresh_state`` makes sure an edition's stored rows
(``RankingEntry``, ``RankingTerritory``) match its inputs, recomputing them when ``mark_stale`` was
called since; every domain function that changes an input calls ``mark_stale`` in its transaction
(evaluations submitted or reopened, screening, merges, withdrawals and purges, anonymisation), and
saves of the contest's settings (edition, criteria, territories, employers, candidacies, nominations
edited in the admin) call it through ``jury.signals``.

Concurrency: ``mark_stale`` adds 1 to the edition's version (an UPDATE: it waits for a refresh that
holds the row); a refresh reads the version before reading the inputs, and stores its rows under a
lock of the same row, marking them fresh only if the version has not moved meanwhile. A change made
while a refresh computes therefore leaves the edition stale, and the next reader computes again.
"""

from __future__ import annotations

import json
from collections import defaultdict
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connection, transaction
from django.db.models import F, JSONField, QuerySet
from django.utils import timezone

from contest.models import Edition, Territory
from jury.domain.agreement import territory_agreement
from jury.domain.ranking import (
    JurorDistribution,
    distribution,
    rank_candidacies,
    totals_by_territory,
)
from jury.models import RankingEntry, RankingState, RankingTerritory

INSERT_BATCH = 2000


def mark_stale(*, edition: Edition | int | None = None) -> None:
    """The stored ranking of ``edition`` (of every edition when None) no longer matches its inputs.
    One query; call it inside the transaction that changes the input."""
    states = RankingState.objects.all()
    if edition is not None:
        states = states.filter(edition_id=getattr(edition, "pk", edition))
    states.update(version=F("version") + 1)


def _state(edition: Edition) -> RankingState:
    state = RankingState.objects.filter(edition=edition).first()
    if state is not None:
        return state
    try:
        with transaction.atomic():
            return RankingState.objects.create(edition=edition)
    except IntegrityError:  # created meanwhile by another reader
        return RankingState.objects.get(edition=edition)


def _entry(edition: Edition, position: int, row) -> RankingEntry:
    return RankingEntry(
        edition=edition,
        territory_id=row.candidacy.employer.territory_id,
        candidacy_id=row.candidacy.pk,
        position=position,
        rank=row.rank,
        method=edition.aggregation_method,
        score_value=row.score,
        evaluations=row.evaluations,
        mean=row.mean,
        median=row.median,
        normalised=row.normalised,
        spread=row.spread,
        disagreement=row.disagreement,
        criterion_means={str(pk): float(mean) for pk, mean in row.criterion_means.items()},
        eligible_nominations=row.eligible_nominations,
        tie_rule=row.tie_rule,
    )


FIGURES = ("mean", "minimum", "first_quartile", "median", "third_quartile", "maximum")


def _stored_distribution(figures: JurorDistribution) -> dict:
    """A juror's box-plot figures as JSON (``juror`` is the juror's id): the figures, and each
    distinct total with how often it was given (not every total: thousands in a large territory)."""
    return {
        "juror": figures.juror,
        "count": figures.count,
        **{name: str(getattr(figures, name)) for name in FIGURES},
        "totals": [[str(total), count] for total, count in figures.value_counts],
    }


def _insert(model, objects: list) -> None:
    """INSERT every object in one query, whatever their number: the rows travel as one JSON array
    that the database unpacks (SQLite's json_each, PostgreSQL's jsonb_to_recordset). Elsewhere, or
    with nothing to insert, ``bulk_create``."""
    vendor = connection.vendor
    if not objects or vendor not in {"sqlite", "postgresql"}:
        model.objects.bulk_create(objects, batch_size=INSERT_BATCH)
        return
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    rows = []
    for obj in objects:
        row = {}
        for field in fields:
            value = getattr(obj, field.attname)
            if not isinstance(field, JSONField):
                value = field.get_db_prep_value(value, connection, prepared=False)
            row[field.column] = value
        rows.append(row)
    payload = json.dumps(rows, cls=DjangoJSONEncoder)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    if vendor == "sqlite":
        values = ", ".join(f"json_extract(value, '$.{field.column}')" for field in fields)
        source = "json_each(%s)"
    else:
        values = columns
        types = ", ".join(f"{quote(field.column)} {field.db_type(connection)}" for field in fields)
        source = f"jsonb_to_recordset(%s::jsonb) AS rows({types})"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(model._meta.db_table)} ({columns}) SELECT {values} FROM {source}",  # noqa: S608
            [payload],
        )


def refresh(edition: Edition, state: RankingState | None = None) -> RankingState:
    """Compute the edition's ranking and store it: a constant number of queries (about 15)."""
    state = state or _state(edition)
    version = state.version
    edition = Edition.objects.select_related("tie_break_criterion").get(pk=edition.pk)
    ranking = rank_candidacies(edition=edition)
    agreement = territory_agreement(edition=edition)
    totals = totals_by_territory(edition=edition)

    entries = []
    figures: dict[int, RankingTerritory] = {}
    position: dict[int, int] = defaultdict(int)
    for row in ranking:
        territory_id = row.candidacy.employer.territory_id
        position[territory_id] += 1
        entries.append(_entry(edition, position[territory_id], row))
        summary = figures.setdefault(
            territory_id, RankingTerritory(edition=edition, territory_id=territory_id)
        )
        summary.candidacies += 1
        summary.evaluations += row.evaluations
        summary.disagreements += row.disagreement
    for territory_id in set(agreement) | set(totals):
        figures.setdefault(territory_id, RankingTerritory(edition=edition, territory_id=territory_id))
    for territory_id, summary in figures.items():
        summary.agreement = agreement.get(territory_id)
        summary.distributions = [
            _stored_distribution(distribution(juror_id, values))
            for juror_id, values in sorted(totals.get(territory_id, {}).items())
        ]

    with transaction.atomic():
        state = RankingState.objects.select_for_update().get(pk=state.pk)
        RankingEntry.objects.filter(edition=edition).delete()
        RankingTerritory.objects.filter(edition=edition).delete()
        _insert(RankingEntry, entries)
        _insert(RankingTerritory, list(figures.values()))
        # Fresh only if nothing changed since the version was read; else the next reader computes.
        state.computed_version = version
        state.computed_at = timezone.now()
        state.save(update_fields=["computed_version", "computed_at"])
    return state


def fresh_state(edition: Edition) -> RankingState:
    """The edition's state, its stored rows brought up to date first if they are stale
    (one query when they are fresh)."""
    state = _state(edition)
    if not state.is_fresh:
        state = refresh(edition, state)
    return state


# --- Reading -------------------------------------------------------------------------------------


def entries(edition: Edition, territory: Territory | None = None) -> QuerySet[RankingEntry]:
    """The stored rows in ranking order (call ``fresh_state`` first), with employer and municipality."""
    rows = RankingEntry.objects.filter(edition=edition)
    if territory is not None:
        rows = rows.filter(territory=territory)
    return rows.select_related("candidacy__employer__municipality").order_by("position", "pk")


def territory_figures(edition: Edition, territory: Territory) -> RankingTerritory:
    """The territory's stored figures (empty ones when it has nothing to judge)."""
    found = RankingTerritory.objects.filter(edition=edition, territory=territory).first()
    return found or RankingTerritory(edition=edition, territory=territory)


def distributions(figures: RankingTerritory, jurors) -> list[JurorDistribution]:
    """Each juror's box-plot figures from the stored totals, ordered by e-mail; ``jurors`` maps the
    ids to users. STAFF ONLY."""
    result = [
        JurorDistribution(
            juror=jurors[stored["juror"]],
            count=stored["count"],
            **{name: Decimal(stored[name]) for name in FIGURES},
            counts=[(Decimal(total), count) for total, count in stored["totals"]],
        )
        for stored in figures.distributions
        if stored["count"] and stored["juror"] in jurors
    ]
    return sorted(result, key=lambda d: (d.juror.email, d.juror.pk))


def juror_ids(figures: RankingTerritory) -> list[int]:
    return [stored["juror"] for stored in figures.distributions]
