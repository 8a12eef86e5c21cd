import pytest

from contest.enums import Phase
from contest.models import Criterion, Territory
from jury.domain.panels import set_panel
from jury.domain.scoring import save_evaluation
from nominations.models import Employer
from tests.factories import make_edition
from tests.jury.fixtures_scoring import make_candidacy, make_juror


@pytest.fixture
def jury_edition(db):
    """An edition in its jury window (evaluations can be saved and submitted)."""
    return make_edition(Phase.JURY)


@pytest.fixture
def territory(db):
    return Territory.objects.get(slug="sherbrooke")


@pytest.fixture
def other_territory(db):
    return Territory.objects.get(slug="coaticook")


def employer_in(territory: Territory, name: str) -> Employer:
    return Employer.objects.create(name=name, municipality=territory.municipalities.order_by("pk").first())


@pytest.fixture
def candidacies_in():
    """``candidacies_in(edition, territory, count)``: that many candidacies, each with an eligible
    nomination, of employers of the territory."""

    def build(edition, territory, count):
        return [
            make_candidacy(edition, employer=employer_in(territory, f"{territory.slug} commerce {i}"))
            for i in range(count)
        ]

    return build


@pytest.fixture
def panel_of():
    """``panel_of(edition, territory, count)``: that many new jurors, made the territory's panel."""

    def build(edition, territory, count):
        jurors = [make_juror() for _ in range(count)]
        set_panel(edition=edition, territory=territory, jurors=jurors)
        return jurors

    return build


@pytest.fixture
def submit():
    """``submit(assignment)``: the juror scores every criterion and submits (jury window only)."""

    def run(assignment, *, final=True):
        criteria = Criterion.objects.for_edition(assignment.candidacy.edition)
        return save_evaluation(
            assignment=assignment, values={c.pk: c.scale_max for c in criteria}, submit=final
        )

    return run
