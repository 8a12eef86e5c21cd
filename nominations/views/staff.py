"""The staff's overview and screening pages (/<lang>/staff/). Every view needs a staff account."""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from contest.access import staff_required
from contest.domain.queries import current_edition
from contest.tables import PageConfig
from nominations.domain.queries import visible_to_staff
from nominations.domain.screening import SCREENING_DECISIONS, ScreeningError, screen_nomination
from nominations.enums import NominationStatus
from nominations.filters import ScreeningFilter, screening_queryset
from nominations.forms.staff import ScreeningForm
from nominations.models import Candidacy, EmployerNotice, Nomination
from nominations.tables import SCREENING_PAGE_SIZE, ScreeningTable


def _status_counts(edition) -> list[dict]:
    """How many nominations of the edition are in each status, in one query."""
    counts = Nomination.objects.filter(edition=edition).aggregate(
        **{status.value: Count("pk", filter=Q(status=status)) for status in NominationStatus}
    )
    return [
        {"status": status.value, "label": status.label, "count": counts[status.value]}
        for status in NominationStatus
    ]


@never_cache
@staff_required
@require_safe
def home(request):
    edition = current_edition()
    context = {"edition": edition}
    if edition is not None:
        context["status_counts"] = _status_counts(edition)
        context["candidacies_count"] = Candidacy.objects.filter(edition=edition).count()
    return render(request, "staff/home.html", context)


@never_cache
@staff_required
@require_safe
def screening_queue(request):
    filterset = ScreeningFilter(request.GET, queryset=screening_queryset(), default_edition=current_edition())
    table = ScreeningTable(filterset.qs, next_url=request.get_full_path())
    PageConfig(request, paginate={"per_page": SCREENING_PAGE_SIZE}).configure(table)
    return render(request, "staff/screening.html", {"filter": filterset, "table": table})


def _safe_next(request, url: str | None) -> str | None:
    # A path of this site only: redirect() would take a bare word ("0", "home") for a view name.
    if (
        url
        and url.startswith("/")
        and url_has_allowed_host_and_scheme(
            url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return url
    return None


@never_cache
@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def nomination_detail(request, pk: int):
    # A nomination waiting for a parent's consent answers 404, as if it did not exist.
    nomination = get_object_or_404(
        visible_to_staff().select_related("edition", "employer__municipality", "employer__territory"),
        pk=pk,
    )
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    status = 200
    if request.method == "POST":
        form = ScreeningForm(request.POST)
        if form.is_valid():
            try:
                screened = screen_nomination(
                    nomination=nomination,
                    decision=NominationStatus(form.cleaned_data["decision"]),
                    reason=form.cleaned_data["reason"],
                    site_url=request.build_absolute_uri("/"),
                    actor=request.user,
                )
            except ScreeningError as error:
                form.add_error("decision", str(error))
            else:
                messages.success(
                    request,
                    _("Nomination of %(employer)s: %(status)s.")
                    % {"employer": screened.employer.name, "status": screened.get_status_display()},
                )
                return redirect(next_url or reverse("staff:screening"))
        status = 400
    else:
        initial = {"reason": nomination.screening_reason}
        if nomination.status in SCREENING_DECISIONS:
            initial["decision"] = nomination.status
        form = ScreeningForm(initial=initial)

    others = (
        visible_to_staff()
        .filter(edition=nomination.edition, employer=nomination.employer)
        .exclude(pk=nomination.pk)
        .order_by("created_at", "pk")
    )
    answers = nomination.answers.select_related("criterion")
    candidacy = Candidacy.objects.filter(edition=nomination.edition, employer=nomination.employer).first()
    notice = EmployerNotice.objects.filter(edition=nomination.edition, employer=nomination.employer).first()
    return render(
        request,
        "staff/nomination.html",
        {
            "nomination": nomination,
            "answers": answers,
            "others": others,
            "candidacy": candidacy,
            "employer_notice": notice,
            "form": form,
            "next_url": next_url,
            "queue_url": next_url or reverse("staff:screening"),
        },
        status=status,
    )
