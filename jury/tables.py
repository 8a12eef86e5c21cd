"""Tables and row shapes of the staff's jury pages. Everything here reads data already loaded by the
view's queries: no cell triggers a query of its own."""

from __future__ import annotations

from dataclasses import dataclass, field

import django_tables2 as tables
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jury.enums import NOT_STARTED, EvaluationStatus
from jury.forms.staff import juror_label

STATUS_LABELS = {
    NOT_STARTED: _("Not started"),
    EvaluationStatus.DRAFT: EvaluationStatus.DRAFT.label,
    EvaluationStatus.SUBMITTED: EvaluationStatus.SUBMITTED.label,
}


def percent(part: int, whole: int) -> int | None:
    """Rounded down, so that 100 % means everything is done."""
    return None if not whole else part * 100 // whole


def _percent_text(value: int | None) -> str:
    return "—" if value is None else f"{value} %"


class StaffTable(tables.Table):
    """Not sortable, not paginated: the rows are few and already in a meaningful order."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("orderable", False)
        super().__init__(*args, **kwargs)


class PanelTable(StaffTable):
    """Territories with ``edition_panel`` (memberships with their juror) and ``candidacy_count``."""

    name = tables.Column(verbose_name=_("Territory"))
    members = tables.Column(verbose_name=_("Jurors"), empty_values=())
    juror_count = tables.Column(verbose_name=_("Panel size"), empty_values=())
    candidacy_count = tables.Column(verbose_name=_("Candidacies"))
    edit = tables.Column(verbose_name=_("Change"), empty_values=())

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition

    def render_members(self, record):
        if not record.edition_panel:
            return _("No juror yet")
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li>{}</li>", ((juror_label(m.juror),) for m in record.edition_panel)),
        )

    def render_juror_count(self, record):
        return len(record.edition_panel)

    def render_edit(self, record):
        url = reverse("staff:panel_edit", args=[record.slug])
        return format_html(
            '<a href="{}?edition={}" aria-label="{} — {}">{}</a>',
            url,
            self.edition.pk,
            _("Change the panel"),
            record.name,
            _("Change the panel"),
        )


class ConflictTable(tables.Table):
    """Conflicts with ``juror``, ``candidacy__employer__territory`` and ``declared_by`` selected.
    Sortable and paginated by the view: an edition may gather many."""

    juror = tables.Column(verbose_name=_("Juror"), empty_values=(), order_by=("juror__email",))
    candidacy = tables.Column(
        verbose_name=_("Candidacy"),
        empty_values=(),
        order_by=("candidacy__employer__name", "candidacy__employer__territory__name"),
    )
    reason = tables.Column(verbose_name=_("Reason"), orderable=False)
    declared_by = tables.Column(
        verbose_name=_("Declared by"), empty_values=(), order_by=("declared_by__email",)
    )
    created_at = tables.Column(verbose_name=_("Date"))

    def render_juror(self, record):
        return juror_label(record.juror)

    def render_candidacy(self, record):
        employer = record.candidacy.employer
        return f"{employer.name} — {employer.territory.name}"

    def render_declared_by(self, record):
        if record.declared_by is None:
            return "—"
        if record.declared_by_id == record.juror_id:
            return _("The juror")
        return juror_label(record.declared_by)

    def render_created_at(self, value):
        return date_format(localtime(value), "SHORT_DATETIME_FORMAT", use_l10n=True)


class JurorProgressTable(StaffTable):
    """Users annotated by ``progress_by_juror``: assigned, submitted, drafts."""

    juror = tables.Column(verbose_name=_("Juror"), empty_values=())
    assigned = tables.Column(verbose_name=_("Assigned"))
    # Translators: column of counts of evaluations.
    submitted = tables.Column(verbose_name=pgettext_lazy("evaluations", "Submitted"))
    drafts = tables.Column(verbose_name=_("Drafts"))
    # Translators: column of counts of evaluations.
    not_started = tables.Column(verbose_name=pgettext_lazy("evaluations", "Not started"), empty_values=())
    done = tables.Column(verbose_name=_("Done"), empty_values=())
    late = tables.Column(verbose_name=_("Work left"), empty_values=())

    def render_juror(self, record):
        return juror_label(record)

    def render_not_started(self, record):
        return record.assigned - record.submitted - record.drafts

    def render_done(self, record):
        return _percent_text(percent(record.submitted, record.assigned))

    def render_late(self, record):
        if record.submitted < record.assigned:
            return format_html('<span class="badge badge-wait">{}</span>', _("Not finished"))
        return format_html('<span class="badge badge-ok">{}</span>', _("Done"))


class TerritoryProgressTable(StaffTable):
    """Territories annotated by ``progress_by_territory``: candidacies, assigned, submitted."""

    name = tables.Column(verbose_name=_("Territory"))
    candidacies = tables.Column(verbose_name=_("Candidacies"))
    assigned = tables.Column(verbose_name=_("Assignments"))
    submitted = tables.Column(verbose_name=pgettext_lazy("evaluations", "Submitted"))
    done = tables.Column(verbose_name=_("Done"), empty_values=())

    def render_done(self, record):
        return _percent_text(percent(record.submitted, record.assigned))


@dataclass
class AssignmentRow:
    assignment: object
    status: str
    evaluation_id: int | None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def is_submitted(self) -> bool:
        return self.status == EvaluationStatus.SUBMITTED


@dataclass
class CandidacyRow:
    candidacy: object
    assignments: list[AssignmentRow]
    conflicted: list  # jurors with a declared conflict
    panel_choices: list  # jurors of the territory's panel that may still be added
    other_choices: list  # other jurors that may still be added


@dataclass
class TerritoryGroup:
    territory: object
    panel_size: int
    rows: list[CandidacyRow] = field(default_factory=list)


def assignment_status(assignment) -> tuple[str, int | None]:
    """The assignment's state and its evaluation's id, from the selected ``evaluation``."""
    evaluation = getattr(assignment, "evaluation", None)
    if evaluation is None:
        return NOT_STARTED, None
    return evaluation.status, evaluation.pk


def assignment_board(candidacies, *, all_jurors, panels: dict[int, set[int]]) -> list[TerritoryGroup]:
    """Group the candidacies (``board_candidacies``) by territory, each with its assignments'
    states and the jurors staff may still add (neither assigned already nor in conflict)."""
    groups: dict[int, TerritoryGroup] = {}
    for candidacy in candidacies:
        territory = candidacy.employer.territory
        group = groups.get(territory.pk)
        if group is None:
            group = groups[territory.pk] = TerritoryGroup(
                territory=territory, panel_size=len(panels.get(territory.pk, ()))
            )
        assignments = sorted(candidacy.assignments.all(), key=lambda a: a.juror.email)
        conflicted = sorted((c.juror for c in candidacy.conflicts.all()), key=lambda j: j.email)
        taken = {a.juror_id for a in assignments} | {j.pk for j in conflicted}
        panel = panels.get(territory.pk, set())
        free = [juror for juror in all_jurors if juror.pk not in taken]
        group.rows.append(
            CandidacyRow(
                candidacy=candidacy,
                assignments=[AssignmentRow(a, *assignment_status(a)) for a in assignments],
                conflicted=conflicted,
                panel_choices=[juror for juror in free if juror.pk in panel],
                other_choices=[juror for juror in free if juror.pk not in panel],
            )
        )
    return list(groups.values())
