"""Placeholder: being written."""

from django.http import HttpResponse


def winners(request, *args, **kwargs):
    return HttpResponse("todo")


def winners_share_image(request, *args, **kwargs):
    return HttpResponse("todo")


def engaged_employers(request, *args, **kwargs):
    return HttpResponse("todo")


def employer_page(request, *args, **kwargs):
    return HttpResponse("todo")


def employer_share_image(request, *args, **kwargs):
    return HttpResponse("todo")


def leaderboard(request, *args, **kwargs):
    return HttpResponse("todo")


def editions(request, *args, **kwargs):
    return HttpResponse("todo")
