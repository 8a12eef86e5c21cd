"""The staff area, /<lang>/staff/: every page needs a staff account (contest.access.staff_required)."""

from django.urls import path

import contest.converters  # noqa: F401 (registers the <id:…> and <year:…> converters)
from contest import views_staff as contest_staff
from jury.views import deliberation, employer, invitations, staff, staff_merge
from nominations.views import staff as nominations_staff

app_name = "staff"
urlpatterns = [
    path("", nominations_staff.home, name="home"),
    path("screening/", nominations_staff.screening_queue, name="screening"),
    path("nominations/<id:pk>/", nominations_staff.nomination_detail, name="nomination"),
    path("employers/merge/", staff_merge.merge_employers, name="merge_employers"),
    path("panels/", staff.panels, name="panels"),
    path("panels/<slug:territory>/", staff.panel_edit, name="panel_edit"),
    path("conflicts/", staff.conflicts, name="conflicts"),
    path("assignments/", staff.assignments, name="assignments"),
    path("assignments/add/", staff.assignment_add, name="assignment_add"),
    path("assignments/<id:pk>/remove/", staff.assignment_remove, name="assignment_remove"),
    path("progress/", staff.progress, name="progress"),
    path("progress/remind/", staff.send_reminders, name="send_reminders"),
    path("evaluations/<id:pk>/reopen/", staff.evaluation_reopen, name="evaluation_reopen"),
    path("deliberation/", deliberation.overview, name="deliberation"),
    path("deliberation/<slug:territory>/", deliberation.territory, name="deliberation_territory"),
    path("deliberation/<slug:territory>/winner/", deliberation.choose_winner, name="choose_winner"),
    path("candidacies/<id:pk>/", deliberation.candidacy, name="candidacy"),
    path("prizes/", deliberation.prizes, name="prizes"),
    path("prizes/<id:pk>/remove/", deliberation.remove_prize, name="remove_prize"),
    path("publish/", deliberation.publish, name="publish"),
    path("employers/<id:pk>/send-claim-link/", employer.send_claim_link, name="send_claim_link"),
    path("jurors/", invitations.juror_list, name="jurors"),
    path("jurors/invite/", invitations.invite_juror, name="invite_juror"),
    path("audit/", contest_staff.audit_log, name="audit"),
    path("incidents/", contest_staff.incidents, name="incidents"),
    path("incidents/<id:pk>/", contest_staff.incident_edit, name="incident_edit"),
]
