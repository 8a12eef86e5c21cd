"""Placeholder: being written."""

from django.http import HttpResponse

from contest.access import juror_required


@juror_required
def dashboard(request, *args, **kwargs):
    return HttpResponse("todo")


@juror_required
def dossier(request, *args, **kwargs):
    return HttpResponse("todo")


@juror_required
def evaluate(request, *args, **kwargs):
    return HttpResponse("todo")


@juror_required
def declare_conflict(request, *args, **kwargs):
    return HttpResponse("todo")
