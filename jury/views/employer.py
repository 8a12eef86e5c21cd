"""Placeholder: being written."""

from django.http import HttpResponse


def profile(request, *args, **kwargs):
    return HttpResponse("todo")


def badge(request, *args, **kwargs):
    return HttpResponse("todo")


def certificate(request, *args, **kwargs):
    return HttpResponse("todo")


def send_claim_link(request, *args, **kwargs):
    return HttpResponse("todo")
