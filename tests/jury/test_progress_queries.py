import pytest

from jury.domain.queries import progress_by_juror, progress_by_territory
from tests.jury.fixtures_scoring import assign

pytestmark = pytest.mark.django_db


def test_progress_by_juror_counts_each_jurors_work_and_lists_idle_panel_members(
    jury_edition, territory, candidacies_in, panel_of, submit
):
    busy, idle = panel_of(jury_edition, territory, 2)
    first, second, third = candidacies_in(jury_edition, territory, 3)
    submit(assign(first, busy))
    assign(second, busy)
    assign(third, busy)

    rows = {row.email: (row.assigned, row.submitted, row.drafts) for row in progress_by_juror(jury_edition)}

    assert rows == {busy.email: (3, 1, 0), idle.email: (0, 0, 0)}


def test_progress_by_territory_counts_candidacies_assignments_and_submissions(
    jury_edition, territory, candidacies_in, panel_of, submit
):
    (juror,) = panel_of(jury_edition, territory, 1)
    first, second = candidacies_in(jury_edition, territory, 2)
    submit(assign(first, juror))
    assign(second, juror)

    row = next(t for t in progress_by_territory(jury_edition) if t.pk == territory.pk)

    assert (row.candidacies, row.assigned, row.submitted) == (2, 2, 1)
