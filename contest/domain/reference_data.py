"""Loading the region's territories and the default criteria (used by the data migration and load_demo)."""

import csv
from decimal import Decimal
from pathlib import Path

from django.utils.text import slugify

from contest.defaults import DEFAULT_CRITERIA, DEFAULT_RUBRIC

TERRITORIES_CSV = Path(__file__).resolve().parent.parent / "data" / "estrie-territories.csv"


def load_territories(*, territory_model, municipality_model, csv_path: Path = TERRITORIES_CSV) -> int:
    """Create the territories and municipalities of the CSV that do not exist yet. Returns rows read."""
    with csv_path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    territories = {}
    for row in rows:
        name = row["territory"]
        if name not in territories:
            territories[name], _ = territory_model.objects.get_or_create(
                name=name, defaults={"slug": slugify(name), "mrc_code": row["mrc_code"]}
            )
        municipality_model.objects.get_or_create(
            territory=territories[name],
            name=row["municipality"],
            designation=row["official_designation"],
        )
    return len(rows)


def copy_criteria(*, criterion_model, rubric_model, edition=None, source=None) -> list:
    """Create criteria for ``edition`` (None: the default set) from ``source`` criteria or the defaults."""
    created = []
    if source is None:
        for position, spec in enumerate(DEFAULT_CRITERIA, start=1):
            fields = {**spec, "weight": Decimal(spec["weight"]), "position": position}
            criterion = criterion_model.objects.create(edition=edition, **fields)
            rubric_model.objects.bulk_create(
                rubric_model(criterion=criterion, score=score, text=text, text_en=text_en)
                for score, text, text_en in DEFAULT_RUBRIC
            )
            created.append(criterion)
        return created
    for original in source:
        levels = list(original.rubric.all())
        criterion = criterion_model.objects.create(
            edition=edition,
            **{
                field: getattr(original, field)
                for field in (
                    "code",
                    "position",
                    "name",
                    "name_en",
                    "description",
                    "description_en",
                    "prompt",
                    "prompt_en",
                    "weight",
                    "scale_min",
                    "scale_max",
                )
            },
        )
        rubric_model.objects.bulk_create(
            rubric_model(criterion=criterion, score=level.score, text=level.text, text_en=level.text_en)
            for level in levels
        )
        created.append(criterion)
    return created
