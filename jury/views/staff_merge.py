"""Placeholder: being written."""

from django.http import HttpResponse

from contest.access import staff_required


@staff_required
def merge_employers(request, *args, **kwargs):
    return HttpResponse("todo")
