"""Placeholder: being written."""

from django.http import HttpResponse

from contest.access import staff_required


@staff_required
def panels(request, *args, **kwargs):
    return HttpResponse("todo")


@staff_required
def panel_edit(request, *args, **kwargs):
    return HttpResponse("todo")


@staff_required
def conflicts(request, *args, **kwargs):
    return HttpResponse("todo")


@staff_required
def assignments(request, *args, **kwargs):
    return HttpResponse("todo")


@staff_required
def assignment_add(request, *args, **kwargs):
    return HttpResponse("todo")


@staff_required
def assignment_remove(request, *args, **kwargs):
    return HttpResponse("todo")


@staff_required
def progress(request, *args, **kwargs):
    return HttpResponse("todo")


@staff_required
def send_reminders(request, *args, **kwargs):
    return HttpResponse("todo")


@staff_required
def evaluation_reopen(request, *args, **kwargs):
    return HttpResponse("todo")
