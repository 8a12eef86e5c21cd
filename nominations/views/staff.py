"""Placeholder: being written."""

from django.http import HttpResponse

from contest.access import staff_required


@staff_required
def home(request, *args, **kwargs):
    return HttpResponse("todo")


@staff_required
def screening_queue(request, *args, **kwargs):
    return HttpResponse("todo")


@staff_required
def nomination_detail(request, *args, **kwargs):
    return HttpResponse("todo")
