"""Placeholder: being written."""

from django.http import HttpResponse

from contest.access import staff_required


@staff_required
def overview(request, *args, **kwargs):
    return HttpResponse("todo")


@staff_required
def territory(request, *args, **kwargs):
    return HttpResponse("todo")


@staff_required
def choose_winner(request, *args, **kwargs):
    return HttpResponse("todo")


@staff_required
def candidacy(request, *args, **kwargs):
    return HttpResponse("todo")


@staff_required
def prizes(request, *args, **kwargs):
    return HttpResponse("todo")


@staff_required
def remove_prize(request, *args, **kwargs):
    return HttpResponse("todo")


@staff_required
def publish(request, *args, **kwargs):
    return HttpResponse("todo")


def juror_territory(request, *args, **kwargs):
    return HttpResponse("todo")
