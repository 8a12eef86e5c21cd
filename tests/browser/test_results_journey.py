"""Staff choose the winners and publish; the public sees the winners, the leaderboard and the engaged
employers; an employer claims its page and downloads its badge. In Chromium."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone
from playwright.sync_api import Browser, expect

from contest.domain.roles import STAFF_GROUP
from contest.enums import Phase
from jury.enums import EvaluationStatus
from jury.models import Assignment, Evaluation
from nominations.domain.employers import make_claim_token
from nominations.enums import NominationStatus
from nominations.models import Candidacy
from tests.factories import make_edition, make_employer, make_nomination

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-staff-password-2026"
QUOTE = "Ma patronne me libère pendant les examens du ministère."


@pytest.fixture
def deliberation(reference_data):
    """An edition in deliberation: two candidacies of Sherbrooke scored by two jurors."""
    edition = make_edition(Phase.DELIBERATION)
    jurors = [User.objects.create_user(f"j{n}@example.org", f"j{n}@example.org", PASSWORD) for n in (1, 2)]
    candidacies = {}
    for name, totals, consent in [("Fromagerie Boivin", (90, 80), True), ("Garage Roy", (60, 50), False)]:
        employer = make_employer(name)
        make_nomination(
            edition=edition,
            employer=employer,
            status=NominationStatus.ELIGIBLE,
            testimonial=QUOTE if consent else "Texte privé du garage.",
            consent_publish_testimonial=consent,
        )
        candidacy = Candidacy.objects.create(edition=edition, employer=employer)
        for juror, total in zip(jurors, totals, strict=True):
            Evaluation.objects.create(
                assignment=Assignment.objects.create(candidacy=candidacy, juror=juror),
                status=EvaluationStatus.SUBMITTED,
                weighted_total=Decimal(total),
                submitted_at=timezone.now(),
            )
        candidacies[name] = candidacy
    staff = User.objects.create_user("staff@example.org", "staff@example.org", PASSWORD, is_staff=True)
    staff.groups.add(Group.objects.get(name=STAFF_GROUP))
    return {"edition": edition, "candidacies": candidacies}


def test_staff_publish_and_the_public_and_the_employer_see_the_results(
    browser: Browser, live_server, deliberation
):
    edition = deliberation["edition"]
    public = browser.new_context(locale="en-CA").new_page()
    # Embargo: nothing of the results before publication.
    assert public.goto(f"{live_server.url}/en/winners/{edition.year}/").status == 404

    staff = browser.new_context(locale="en-CA").new_page()
    staff.goto(f"{live_server.url}/en/accounts/login/")
    staff.get_by_label("Email").fill("staff@example.org")
    staff.get_by_label("Password").fill(PASSWORD)
    staff.get_by_role("button", name="Sign In").click()
    staff.goto(f"{live_server.url}/en/staff/deliberation/")
    staff.get_by_role("button", name="Choose the top of each territory").click()
    expect(staff.get_by_text("Fromagerie Boivin").first).to_be_visible()
    staff.goto(f"{live_server.url}/en/staff/publish/")
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    staff.get_by_label("Announcement date and time").fill(now)
    staff.get_by_role("button", name="Publish the results").click()
    expect(staff.get_by_text(re.compile("public since", re.I)).first).to_be_visible()

    public.goto(f"{live_server.url}/en/winners/")
    expect(public.get_by_role("link", name="Fromagerie Boivin").first).to_be_visible()
    expect(public.get_by_text(QUOTE[:40])).to_be_visible()
    expect(public.get_by_text("Texte privé du garage.")).to_have_count(0)
    public.goto(f"{live_server.url}/en/leaderboard/")
    expect(public.get_by_text("Fromagerie Boivin").first).to_be_visible()
    expect(public.get_by_text("Garage Roy").first).to_be_visible()
    public.goto(f"{live_server.url}/en/employers/")
    expect(public.get_by_role("link", name="Garage Roy")).to_be_visible()

    employer = deliberation["candidacies"]["Fromagerie Boivin"].employer
    claim = browser.new_context(locale="fr-CA", accept_downloads=True).new_page()
    claim.goto(f"{live_server.url}/en/employer/{make_claim_token(employer)}/")
    claim.get_by_label("Short description of the business").fill("Fromages fins depuis 1985.")
    claim.get_by_role("button", name="Save the profile").click()
    expect(claim.get_by_text(re.compile("saved", re.I)).first).to_be_visible()
    with claim.expect_download() as download_info:
        claim.locator("a[href*='badge.png'][lang='fr']").first.click()
    download = download_info.value
    assert download.suggested_filename.endswith("-fr.png")
    with open(download.path(), "rb") as badge:
        assert badge.read(8) == b"\x89PNG\r\n\x1a\n"

    public.goto(f"{live_server.url}/en/employers/{employer.pk}/")
    expect(public.get_by_text("Fromages fins depuis 1985.")).to_be_visible()
