"""Placeholder: being written."""

from django.http import HttpResponse

from contest.access import staff_required


@staff_required
def juror_list(request, *args, **kwargs):
    return HttpResponse("todo")


@staff_required
def invite_juror(request, *args, **kwargs):
    return HttpResponse("todo")


def accept_invitation(request, uidb64, token):
    return HttpResponse("todo")
