"""The staff area, /<lang>/staff/: every page needs a staff account (contest.access.staff_required)."""

from django.urls import path

from jury.views import invitations, staff, staff_merge
from nominations.views import staff as nominations_staff

app_name = "staff"
urlpatterns = [
    path("", nominations_staff.home, name="home"),
    path("screening/", nominations_staff.screening_queue, name="screening"),
    path("nominations/<int:pk>/", nominations_staff.nomination_detail, name="nomination"),
    path("employers/merge/", staff_merge.merge_employers, name="merge_employers"),
    path("panels/", staff.panels, name="panels"),
    path("panels/<slug:territory>/", staff.panel_edit, name="panel_edit"),
    path("conflicts/", staff.conflicts, name="conflicts"),
    path("assignments/", staff.assignments, name="assignments"),
    path("assignments/add/", staff.assignment_add, name="assignment_add"),
    path("assignments/<int:pk>/remove/", staff.assignment_remove, name="assignment_remove"),
    path("progress/", staff.progress, name="progress"),
    path("progress/remind/", staff.send_reminders, name="send_reminders"),
    path("evaluations/<int:pk>/reopen/", staff.evaluation_reopen, name="evaluation_reopen"),
    path("jurors/", invitations.juror_list, name="jurors"),
    path("jurors/invite/", invitations.invite_juror, name="invite_juror"),
]
