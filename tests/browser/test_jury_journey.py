"""A juror logs in, opens a candidacy, scores it and submits; staff see the progress. In Chromium."""

import re

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import Browser, expect

from contest.domain.roles import JUROR_GROUP, STAFF_GROUP
from contest.enums import Phase
from jury.enums import EvaluationStatus
from jury.models import Assignment, Evaluation
from nominations.enums import NominationStatus
from nominations.models import Candidacy
from tests.factories import make_edition, make_employer, make_nomination

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-juror-password-2026"


@pytest.fixture
def jury_world(reference_data):
    edition = make_edition(Phase.JURY)
    employer = make_employer("Quincaillerie Lavoie")
    make_nomination(
        edition=edition,
        employer=employer,
        status=NominationStatus.ELIGIBLE,
        testimonial="Mon boss me libère pendant les examens du ministère.",
    )
    candidacy = Candidacy.objects.create(edition=edition, employer=employer)
    juror = User.objects.create_user("juror1@example.org", "juror1@example.org", PASSWORD)
    juror.groups.add(Group.objects.get(name=JUROR_GROUP))
    staff = User.objects.create_user("staff@example.org", "staff@example.org", PASSWORD, is_staff=True)
    staff.groups.add(Group.objects.get(name=STAFF_GROUP))
    Assignment.objects.create(candidacy=candidacy, juror=juror)
    return {"edition": edition, "candidacy": candidacy}


def _log_in(page, live_server, email):
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign In", re.I)).click()


def test_juror_scores_and_submits_and_staff_see_the_progress(browser: Browser, live_server, jury_world):
    juror_page = browser.new_context(locale="en-CA").new_page()
    _log_in(juror_page, live_server, "juror1@example.org")

    expect(juror_page).to_have_url(re.compile(r"/en/jury/$"))
    expect(juror_page.get_by_role("heading", level=1)).to_be_visible()
    juror_page.get_by_role("link", name="Quincaillerie Lavoie").click()
    expect(juror_page.get_by_text("Mon boss me libère pendant les examens du ministère.")).to_be_visible()
    expect(juror_page.get_by_text("Léa")).to_have_count(0)  # anonymised by default
    juror_page.get_by_role("link", name=re.compile("Score this candidacy")).click()

    fieldsets = juror_page.locator("fieldset:has(input[type=radio])")
    expect(fieldsets).to_have_count(6)
    for index in range(6):
        # The rubric is at hand: each option's label carries its meaning.
        fieldsets.nth(index).get_by_label(re.compile(r"^3 — ")).check()
    juror_page.get_by_label("Comment").fill("Un dossier solide.")
    questions = []

    def answer(dialog):
        questions.append(dialog.message)
        dialog.accept()

    juror_page.once("dialog", answer)
    juror_page.get_by_role("button", name="Submit").click()
    expect(juror_page.get_by_text(re.compile("submitted", re.I)).first).to_be_visible()
    assert questions == ["Submit your scores? They are then locked."]

    evaluation = Evaluation.objects.get()
    assert evaluation.status == EvaluationStatus.SUBMITTED
    assert str(evaluation.weighted_total) == "75.00"
    juror_page.get_by_role("link", name=re.compile("See my scores")).click()
    expect(juror_page.get_by_text(re.compile("Your scores are locked"))).to_be_visible()

    staff_page = browser.new_context(locale="en-CA").new_page()
    _log_in(staff_page, live_server, "staff@example.org")
    staff_page.goto(f"{live_server.url}/en/staff/progress/")
    expect(staff_page.get_by_text(re.compile(r"1 of 1 evaluation submitted"))).to_be_visible()
    juror_row = staff_page.get_by_role("row").filter(has_text="juror1@example.org")
    expect(juror_row).to_have_count(1)
    expect(juror_row).to_contain_text("100")
