"""Public results pages (no login): winners, engaged employers, an employer's page, the leaderboard,
the editions, and their share images.

Nothing of an edition's results shows before its announcement time: every page decides through
``contest.domain.queries.published_editions()`` / ``is_published()`` (via ``jury.domain.public_queries``).
An edition under embargo, an unknown year, an employer who opted out or who is engaged only in
editions under embargo all answer 404. Pages for anonymous visitors are cached
(``contest.domain.public_cache``): every change of what they show invalidates them.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from contest.domain.public_cache import cache_public_page, cache_timeout
from contest.domain.queries import current_edition, is_published
from jury.domain import public_queries, share_images
from jury.filters_public import EngagedEmployerFilter

ENGAGED_PAGE_SIZE = 50


def _png(content: bytes) -> HttpResponse:
    """A share image, kept by browsers and proxies no longer than a public page is kept by the server
    (``PUBLIC_PAGES_CACHE_TIMEOUT``): an employer's opt-out, or a withdrawn publication, reaches the
    image as soon as the page."""
    response = HttpResponse(content, content_type="image/png")
    patch_cache_control(response, public=True, max_age=cache_timeout())
    return response


@require_safe
@cache_public_page
def winners(request, year: int | None = None):
    edition = public_queries.published_edition(year=year)
    if edition is None:
        if year is not None:
            raise Http404
        return render(request, "results/winners.html", {"edition": None, "results": None})
    results = public_queries.edition_results(edition=edition)
    context = {
        "edition": edition,
        "results": results,
        "other_editions": public_queries.other_published_editions(edition=edition),
        "share_image_url": request.build_absolute_uri(
            reverse("results:winners_share_image", kwargs={"year": edition.year})
        ),
        "page_url": request.build_absolute_uri(reverse("results:winners_of", kwargs={"year": edition.year})),
    }
    return render(request, "results/winners.html", context)


@require_safe
def winners_share_image(request, year: int):
    edition = public_queries.published_edition(year=year)
    if edition is None:
        raise Http404
    results = public_queries.edition_results(edition=edition)
    return _png(share_images.winners_image(edition=edition, winners_count=results.winners_count))


@require_safe
@cache_public_page
def engaged_employers(request):
    filterset = EngagedEmployerFilter(request.GET, queryset=public_queries.engaged_employers())
    page = Paginator(filterset.qs, ENGAGED_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "results/engaged_employers.html", {"filter": filterset, "page": page})


def _profile_or_404(pk: int) -> public_queries.EmployerProfile:
    profile = public_queries.employer_profile(pk=pk)
    if profile is None:
        raise Http404
    return profile


@require_safe
@cache_public_page
def employer_page(request, pk: int):
    profile = _profile_or_404(pk)
    context = {
        "profile": profile,
        "employer": profile.employer,
        "share_image_url": request.build_absolute_uri(reverse("results:employer_share_image", args=[pk])),
        "page_url": request.build_absolute_uri(reverse("results:employer", args=[pk])),
    }
    return render(request, "results/employer.html", context)


@require_safe
def employer_share_image(request, pk: int):
    profile = _profile_or_404(pk)
    latest = profile.latest
    return _png(
        share_images.employer_image(
            employer=profile.employer, edition=latest.edition, territory_winner=latest.is_winner
        )
    )


@require_safe
@cache_public_page
def leaderboard(request, year: int | None = None):
    if year is None:
        edition = current_edition()
    else:
        edition = public_queries.started_edition(year=year)
        if edition is None:
            raise Http404
    context = {"edition": edition, "published": False}
    if edition is not None and is_published(edition):
        context["published"] = True
        context["rankings"] = public_queries.published_leaderboard(edition=edition)
    elif edition is not None:
        territories = list(public_queries.nomination_counts(edition=edition))
        context["territories"] = territories
        context["total_nominations"] = sum(territory.nominations for territory in territories)
        context["total_employers"] = sum(territory.employers_nominated for territory in territories)
    return render(request, "results/leaderboard.html", context)


@require_safe
@cache_public_page
def editions(request):
    return render(request, "results/editions.html", {"editions": public_queries.editions_overview()})
