"""The objects the benchmark's pages need, and the in-process measurement (inside Django)."""

import statistics
import time
import tracemalloc

from django.contrib.auth.models import Group, User
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from contest.domain.incidents import record_incident
from contest.domain.queries import current_edition
from contest.domain.roles import JUROR_GROUP
from contest.models import PrivacyIncident, Territory
from jury.models import Assignment, Award, Evaluation
from nominations.domain.employers import make_claim_token
from nominations.domain.privacy import make_parent_code
from nominations.domain.tokens import make_confirmation_code, new_private_token
from nominations.enums import NominationStatus
from nominations.models import Candidacy, Nomination

from .catalog import PAGES

STAFF_EMAIL = "staff@example.org"
JUROR_EMAIL = "juror1@example.org"
INVITED_EMAIL = "bench-invited@example.org"


def _largest_territory(edition) -> Territory:
    """Sherbrooke where it exists (the largest in the demo data), else the territory with most
    candidacies."""
    sherbrooke = Territory.objects.filter(slug__icontains="sherbrooke").first()
    if sherbrooke:
        return sherbrooke
    return Territory.objects.annotate(n=Count("employers__candidacies")).order_by("-n", "pk").first()


def prepare() -> dict:
    """Objects and URL arguments for every row of PAGES, in the database as load_demo left it. Adds
    what the demo data lacks: an invited juror, a privacy incident, a youth under 14 awaiting a
    parent, and fresh private tokens (the demo keeps only their hashes)."""
    edition = current_edition()
    staff = User.objects.get(email=STAFF_EMAIL)
    juror = User.objects.get(email=JUROR_EMAIL)
    territory = _largest_territory(edition)
    assignment = Assignment.objects.filter(juror=juror, candidacy__edition=edition).order_by("pk").first()
    candidacy = assignment.candidacy if assignment else Candidacy.objects.filter(edition=edition).first()
    evaluation = Evaluation.objects.filter(assignment=assignment).first() if assignment else None
    award = Award.objects.filter(edition=edition).select_related("candidacy").order_by("pk").first()
    employer = award.candidacy.employer if award else candidacy.employer
    nominations = Nomination.objects.filter(edition=edition).order_by("pk")
    nomination = nominations.first()
    token, token_hash = new_private_token()
    Nomination.objects.filter(pk=nomination.pk).update(token_hash=token_hash)
    under_14 = nominations.exclude(pk=nomination.pk).first()
    Nomination.objects.filter(pk=under_14.pk).update(
        age=13, parent_email="parent@example.org", status=NominationStatus.AWAITING_PARENT
    )
    under_14.refresh_from_db()
    invited, created = User.objects.get_or_create(username=INVITED_EMAIL, defaults={"email": INVITED_EMAIL})
    if created:
        invited.set_unusable_password()
        invited.save()
        invited.groups.add(Group.objects.get(name=JUROR_GROUP))
    incident = PrivacyIncident.objects.first() or record_incident(
        recorded_by=staff,
        occurred_on=edition.nominations_open_at.date(),
        discovered_on=edition.nominations_open_at.date(),
        nature="Benchmark",
        data_concerned="None",
        people_affected="None",
        measures_taken="None",
    )
    kwargs = {
        None: {},
        "year": {"year": edition.year},
        "employer": {"pk": employer.pk},
        "token": {"token": token},
        "code": {"code": make_confirmation_code(nomination_id=nomination.pk, token=token)},
        "parent_code": {"code": make_parent_code(under_14)},
        "invitation": {
            "uidb64": urlsafe_base64_encode(force_bytes(invited.pk)),
            "token": default_token_generator.make_token(invited),
        },
        "claim": {"token": make_claim_token(employer)},
        "candidacy": {"pk": candidacy.pk},
        "nomination": {"pk": nomination.pk},
        "territory": {"territory": territory.slug},
        "incident": {"pk": incident.pk},
        "evaluation": {"pk": evaluation.pk if evaluation else 0},
    }
    return {"kwargs": kwargs, "users": {"staff": staff, "juror": juror}, "territory": territory}


def page_url(name: str, key, query: str, kwargs: dict) -> str:
    with translation.override("fr"):
        return reverse(name, kwargs=kwargs[key]) + query


def clients(users: dict) -> dict:
    result = {"anonymous": Client()}
    for role, user in users.items():
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        result[role] = client
    return result


def _body_size(response) -> int:
    if response.streaming:
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def measure_page(client: Client, url: str, *, repeat: int = 7) -> dict:
    """Queries of a request with the cache cleared (cold) and of the next one (warm, with its status
    and size), the median server time over
    ``repeat`` requests, and the peak Python memory (tracemalloc) of one request, body read."""
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        _body_size(client.get(url))
    cold_count = len(cold.captured_queries)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        size = _body_size(response)
    # Read now: the next request clears the connection's query log.
    query_count = len(queries.captured_queries)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        _body_size(client.get(url))
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    _body_size(client.get(url))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "status": response.status_code,
        "cold_queries": cold_count,
        "queries": query_count,
        "ms": round(statistics.median(times) * 1000, 1),
        "bytes": size,
        "streaming": bool(response.streaming),
        "peak_kib": round(peak / 1024),
    }


def measure_all(*, repeat: int = 7, only: list[str] | None = None) -> tuple[dict, dict]:
    """Measure every row of PAGES; returns (results by label, prepared objects)."""
    prepared = prepare()
    by_role = clients(prepared["users"])
    results = {}
    for label, name, key, role, query in PAGES:
        if only and label not in only:
            continue
        url = page_url(name, key, query, prepared["kwargs"])
        results[label] = {"url": url, "role": role, **measure_page(by_role[role], url, repeat=repeat)}
    prepared["clients"] = by_role
    return results, prepared
