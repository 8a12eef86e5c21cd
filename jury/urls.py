"""The jury area, /<lang>/jury/: every page needs a juror, except the invitation link (private)."""

from django.urls import path

import contest.converters  # noqa: F401 (registers the <id:…> and <year:…> converters)
from jury.views import deliberation, invitations, juror

app_name = "jury"
urlpatterns = [
    path("", juror.dashboard, name="dashboard"),
    path("candidacies/<id:pk>/", juror.dossier, name="dossier"),
    path("candidacies/<id:pk>/evaluate/", juror.evaluate, name="evaluate"),
    path("candidacies/<id:pk>/conflict/", juror.declare_conflict, name="declare_conflict"),
    path("deliberation/<slug:territory>/", deliberation.juror_territory, name="deliberation"),
    path("invitation/<str:uidb64>/<str:token>/", invitations.accept_invitation, name="accept_invitation"),
]
