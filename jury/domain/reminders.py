"""Reminders to jurors who still have candidacies to score.

Each e-mail is built from its own juror's assignments only: never another juror's name, scores or
progress. French first with the English below, as we keep no language preference for jurors."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q
from django.urls import reverse
from django.utils import translation

from contest.domain.roles import jurors
from contest.enums import Phase
from contest.models import Edition
from jury.enums import EvaluationStatus
from jury.models import Assignment
from nominations.domain.emails import send_templated_email

REMINDER_LANGUAGE = "fr"


class ReminderError(ValueError):
    """Reminders go out only while the jury is at work."""


def reminders_can_be_sent(edition: Edition) -> bool:
    """Only during the jury window: before it nothing can be scored, after it nothing can be submitted
    (and the e-mail would give a closing date already past)."""
    return edition.phase == Phase.JURY


def unsubmitted_assignments(edition: Edition):
    """The edition's assignments whose evaluation is not submitted (not started or draft), of active
    jurors (members of the Jurors group: nobody else can open the jury area), with what the reminder
    shows."""
    return (
        Assignment.objects.filter(candidacy__edition=edition, juror__in=jurors().values("pk"))
        .filter(Q(evaluation__isnull=True) | ~Q(evaluation__status=EvaluationStatus.SUBMITTED))
        .select_related("juror", "candidacy__employer__territory", "evaluation")
        .order_by("juror_id", "candidacy__employer__territory__name", "candidacy__employer__name")
    )


def _dashboard_urls(site_url: str) -> dict[str, str]:
    urls = {}
    for language in ("fr", "en"):
        with translation.override(language):
            urls[language] = site_url.rstrip("/") + reverse("jury:dashboard")
    return urls


def send_jury_reminders(*, edition: Edition, site_url: str) -> int:
    """E-mail every active juror who has unsubmitted assignments in the edition; return how many
    e-mails were sent. Jurors with nothing left to do receive nothing. ReminderError outside the jury
    window."""
    if not reminders_can_be_sent(edition):
        raise ReminderError("closed")
    by_juror: dict[int, list[Assignment]] = defaultdict(list)
    jurors = {}
    for assignment in unsubmitted_assignments(edition):
        by_juror[assignment.juror_id].append(assignment)
        jurors[assignment.juror_id] = assignment.juror
    urls = _dashboard_urls(site_url)
    sent = 0
    for juror_id, assignments in by_juror.items():
        juror = jurors[juror_id]
        if not juror.email:
            continue
        candidacies = [
            {
                "employer": assignment.candidacy.employer.name,
                "territory": assignment.candidacy.employer.territory.name,
                "is_draft": getattr(assignment, "evaluation", None) is not None,
            }
            for assignment in assignments
        ]
        send_templated_email(
            to=juror.email,
            template="juror_reminder",
            context={
                "edition": edition,
                "juror_name": juror.first_name or juror.get_full_name(),
                "candidacies": candidacies,
                "remaining": len(candidacies),
                "drafts": sum(1 for c in candidacies if c["is_draft"]),
                "dashboard_url": urls["fr"],
                "dashboard_url_en": urls["en"],
            },
            language=REMINDER_LANGUAGE,
        )
        sent += 1
    return sent
