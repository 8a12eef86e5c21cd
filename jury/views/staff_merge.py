"""Merging two employers that are the same business (/<lang>/staff/employers/merge/).

Search (GET ?q=), choose the two employers, see what would move (GET with source and target), then
confirm (POST with confirm)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from contest.access import staff_required
from jury.domain.merge import MergeError, preview_employer_merge
from jury.domain.merge import merge_employers as merge_employers_domain
from jury.forms.merge import MergeEmployersForm

# The merge's domain refusal (MergeError("submitted_after_jury")); the preview says which evaluations.
MERGE_REFUSED = gettext_lazy(
    "The employers were not merged: that would throw away a submitted evaluation of an edition whose "
    "jury window has closed. Nothing was changed."
)


@never_cache
@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def merge_employers(request):
    params = request.POST if request.method == "POST" else request.GET
    query = params.get("q", "").strip()
    # Both employers chosen: check them and preview. One only: keep it while searching for the other.
    chosen = request.method == "POST" or ("source" in params and "target" in params)
    initial = {"source": params.get("source"), "target": params.get("target")}
    form = MergeEmployersForm(params if chosen else None, query=query, initial=initial)
    preview = None
    status = 200
    if chosen:
        if form.is_valid():
            source, target = form.cleaned_data["source"], form.cleaned_data["target"]
            if request.method == "POST" and "confirm" in request.POST:
                source_name = source.name
                try:
                    kept = merge_employers_domain(source=source, target=target, actor=request.user)
                except MergeError:
                    messages.error(request, MERGE_REFUSED)
                    status = 409
                else:
                    messages.success(
                        request,
                        _("%(source)s was merged into %(target)s.")
                        % {"source": source_name, "target": kept.name},
                    )
                    return redirect(f"{reverse('staff:merge_employers')}?{urlencode({'q': kept.name})}")
            preview = preview_employer_merge(source=source, target=target)
        else:
            status = 400
    return render(
        request,
        "staff/merge.html",
        {"form": form, "query": query, "employers": form.candidates, "preview": preview},
        status=status,
    )
