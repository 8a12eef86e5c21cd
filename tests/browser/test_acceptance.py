"""The whole contest in Chromium, each person in their own browser: staff, three youths, three jurors,
the public and the winning employer, each step checked on what the person sees.

Time moves without sleeping: the edition's dates are rewritten between phases. With
SAVE_SCREENSHOTS=1 the main pages are saved into docs/img/journey/ (fr-… for French pages).
"""

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from contest.domain.roles import JUROR_GROUP, STAFF_GROUP
from contest.enums import Phase
from contest.models import Edition
from jury.enums import EvaluationStatus
from jury.models import Evaluation
from nominations.domain.employers import make_claim_token
from nominations.enums import NominationStatus
from nominations.models import Employer, Nomination
from tests.browser.test_nomination_journey import PHONE, fill_nomination_form, fr, heading
from tests.factories import PHASE_OFFSETS, make_edition, make_employer, make_nomination

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-journey-password-2026"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "img" / "journey"
JURORS = ["juror1@example.org", "juror2@example.org", "juror3@example.org"]
YOUTHS = [
    # first name, e-mail, business as typed
    ("Léa", "lea@example.org", "Fromagerie Boivin"),
    ("Noah", "noah@example.org", "fromagerie  BOIVIN"),
    ("Maya", "maya@example.org", "Dépanneur Lavoie"),
]


def shoot(page: Page, name: str) -> None:
    if os.environ.get("SAVE_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


def move_to(edition: Edition, phase: Phase) -> None:
    now = timezone.now()
    dates = [now + dt.timedelta(days=days) for days in PHASE_OFFSETS[phase]]
    fields = ["nominations_open_at", "nominations_close_at", "jury_open_at", "jury_close_at", "announce_at"]
    Edition.objects.filter(pk=edition.pk).update(**dict(zip(fields, dates, strict=True)))


def log_in(page: Page, live_server, email: str) -> None:
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign In", re.I)).click()


def accept_next_dialog(page: Page) -> None:
    page.once("dialog", lambda dialog: dialog.accept())


@pytest.fixture
def world(reference_data, settings):
    settings.NOMINATION_MIN_FILL_SECONDS = 0
    edition = make_edition(Phase.NOMINATIONS, jurors_per_candidacy=2)
    staff = User.objects.create_user("staff@example.org", "staff@example.org", PASSWORD, is_staff=True)
    staff.groups.add(Group.objects.get(name=STAFF_GROUP))
    for email in JURORS:
        juror = User.objects.create_user(email, email, PASSWORD)
        juror.groups.add(Group.objects.get(name=JUROR_GROUP))
    # The same business as « Dépanneur Lavoie », recorded under another spelling by an earlier nomination.
    make_nomination(edition=edition, employer=make_employer("Dep. Lavoie"), email="olivier@example.org")
    return edition


def test_the_whole_contest_from_nominations_to_results(browser: Browser, live_server, world):
    edition = world
    contexts = []

    def new_page(locale: str, **options) -> Page:
        context = browser.new_context(locale=locale, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    # 1. Staff log in and see their home.
    staff = new_page("en-CA")
    log_in(staff, live_server, "staff@example.org")
    staff.goto(f"{live_server.url}/en/staff/")
    expect(heading(staff)).to_have_text("Staff area")
    shoot(staff, "en-staff-home")

    # 2. Three youths nominate, the first on a phone; each confirms through the e-mail's link.
    private_urls = {}
    for index, (first_name, email, business) in enumerate(YOUTHS):
        phone = {"viewport": PHONE, "is_mobile": True, "has_touch": True} if index == 0 else {}
        youth = new_page("fr-CA", **phone)
        youth.goto(f"{live_server.url}/fr/nominations/new/")
        expect(heading(youth)).to_have_text(fr("Nominate my boss"))
        fill_nomination_form(youth, edition)
        youth.get_by_label(re.compile(f"^{fr('Your first name')}")).fill(first_name)
        youth.get_by_label(re.compile(f"^{fr('Your e-mail address')}")).fill(email)
        youth.get_by_label(re.compile(f"^{fr('Name of the business where you work')}")).fill(business)
        if index == 0:
            shoot(youth, "fr-nomination-form-phone")
        youth.get_by_role("button", name=fr("Send my nomination")).click()
        expect(heading(youth)).to_have_text(fr("Almost done: check your e-mail"))
        message = next(message for message in mail.outbox if message.to == [email])
        links = re.findall(r"https?://\S+", message.body)
        youth.goto(next(link for link in links if "/fr/nominations/confirm/" in link))
        expect(youth.get_by_role("status")).to_have_text(fr("Thank you! Your nomination is confirmed."))
        private_urls[first_name] = youth.url
        if index == 0:
            shoot(youth, "fr-private-page-phone")
    # The two spellings of the cheese shop meet on one employer; the corner store is a duplicate.
    assert Employer.objects.filter(name__iexact="Fromagerie Boivin").count() == 1
    assert Nomination.objects.filter(employer__name="Fromagerie Boivin").count() == 2
    assert set(Employer.objects.values_list("name", flat=True)) == {
        "Fromagerie Boivin",
        "Dépanneur Lavoie",
        "Dep. Lavoie",
    }

    # 3. Nominations close: staff screen the three nominations and merge the duplicate.
    move_to(edition, Phase.SCREENING)
    for nomination in Nomination.objects.exclude(email="olivier@example.org").order_by("pk"):
        staff.goto(f"{live_server.url}/en/staff/nominations/{nomination.pk}/")
        staff.get_by_label("Eligible", exact=True).check()
        staff.get_by_role("button", name="Save the decision").click()
        expect(staff.get_by_text(re.compile("eligible", re.I)).first).to_be_visible()
        nomination.refresh_from_db()
        assert nomination.status == NominationStatus.ELIGIBLE
    staff.goto(f"{live_server.url}/en/staff/employers/merge/?q=Lavoie")
    staff.get_by_role("link", name="Merge Dep. Lavoie away").click()
    staff.get_by_role("link", name="Keep Dépanneur Lavoie").click()
    staff.get_by_role("button", name="See what would move").click()
    preview = staff.locator(".merge-preview")
    expect(preview.locator("div", has_text="Nominations moving").locator("dd")).to_have_text("1")
    expect(preview.locator("div", has_text="Candidacies moving").locator("dd")).to_have_text("0")
    preview.scroll_into_view_if_needed()
    shoot(staff, "en-staff-merge-preview")
    staff.get_by_role("button", name="Merge them").click()
    expect(staff.get_by_text(re.compile("merged", re.I)).first).to_be_visible()
    assert not Employer.objects.filter(name="Dep. Lavoie").exists()
    assert Nomination.objects.filter(employer__name="Dépanneur Lavoie").count() == 2

    # 4. The jury opens: staff form the Sherbrooke panel and assign automatically.
    move_to(edition, Phase.JURY)
    staff.goto(f"{live_server.url}/en/staff/panels/sherbrooke/")
    for email in JURORS:
        staff.get_by_label(email, exact=True).check()
    staff.get_by_role("button", name="Save the panel").click()
    staff.goto(f"{live_server.url}/en/staff/assignments/")
    staff.get_by_role("button", name="Assign automatically").click()
    expect(staff.get_by_text("Panel: 3 jurors.")).to_be_visible()
    shoot(staff, "en-staff-assignments")
    assert Evaluation.objects.count() == 0

    # 5. The jurors score; the first declares a conflict on one candidacy first.
    scores = {"Fromagerie Boivin": "4", "Dépanneur Lavoie": "2"}
    for index, email in enumerate(JURORS):
        juror = new_page("en-CA")
        log_in(juror, live_server, email)
        expect(juror).to_have_url(re.compile(r"/en/jury/$"))
        if index == 0:
            shoot(juror, "en-juror-dashboard")
            first = juror.get_by_role("main").get_by_role("link", name=re.compile("Lavoie|Boivin")).first
            conflicted = first.inner_text().strip()
            first.click()
            juror.get_by_role("link", name="Declare a conflict of interest").click()
            juror.get_by_label(re.compile("^Reason")).fill("Ma cousine y travaille.")
            juror.get_by_role("button", name="Declare the conflict").click()
            expect(juror.get_by_text(re.compile("is no longer on your list"))).to_be_visible()
            expect(juror.get_by_role("main").get_by_role("link", name=conflicted, exact=True)).to_have_count(
                0
            )
        for name, score in scores.items():
            link = juror.get_by_role("main").get_by_role("link", name=name, exact=True)
            if not link.count():
                continue
            link.click()
            juror.get_by_role("link", name=re.compile("Score this candidacy")).click()
            fieldsets = juror.locator("fieldset:has(input[type=radio])")
            for criterion in range(fieldsets.count()):
                fieldsets.nth(criterion).get_by_label(re.compile(rf"^{score} — ")).check()
            if index == 0:
                shoot(juror, "en-juror-score-form")
            accept_next_dialog(juror)
            juror.get_by_role("button", name="Submit").click()
            expect(juror.get_by_text(re.compile("submitted", re.I)).first).to_be_visible()
            juror.goto(f"{live_server.url}/en/jury/")
    assert Evaluation.objects.filter(status=EvaluationStatus.SUBMITTED).count() == 4

    # 6. Deliberation: staff choose the top of Sherbrooke and publish now.
    move_to(edition, Phase.DELIBERATION)
    staff.goto(f"{live_server.url}/en/staff/deliberation/sherbrooke/")
    expect(staff.get_by_text("Fromagerie Boivin").first).to_be_visible()
    shoot(staff, "en-staff-deliberation-sherbrooke")
    staff.goto(f"{live_server.url}/en/staff/deliberation/")
    staff.get_by_role("button", name="Choose the top of each territory").click()
    expect(staff.get_by_text("Fromagerie Boivin").first).to_be_visible()
    staff.goto(f"{live_server.url}/en/staff/publish/")
    staff.get_by_label("Announcement date and time").fill(timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
    staff.get_by_role("button", name="Publish the results").click()
    expect(staff.get_by_text(re.compile("public since", re.I)).first).to_be_visible()

    # 7. The public sees the winners, the engaged employers and the leaderboard.
    public = new_page("fr-CA")
    public.goto(f"{live_server.url}/fr/winners/")
    expect(public.get_by_role("link", name="Fromagerie Boivin").first).to_be_visible()
    shoot(public, "fr-winners")
    public.goto(f"{live_server.url}/fr/employers/")
    expect(public.get_by_role("link", name="Fromagerie Boivin")).to_be_visible()
    expect(public.get_by_role("link", name="Dépanneur Lavoie")).to_be_visible()
    shoot(public, "fr-engaged-employers")
    public.goto(f"{live_server.url}/fr/leaderboard/")
    expect(public.get_by_text("Fromagerie Boivin").first).to_be_visible()
    expect(public.get_by_text("Dépanneur Lavoie").first).to_be_visible()
    shoot(public, "fr-leaderboard")

    # 8. The winner's employer claims its page and downloads its badge.
    winner = Employer.objects.get(name="Fromagerie Boivin")
    claim = new_page("fr-CA", accept_downloads=True)
    claim.goto(f"{live_server.url}/fr/employer/{make_claim_token(winner)}/")
    claim.get_by_label(fr("Short description of the business")).fill("Fromages fins depuis 1985.")
    claim.get_by_role("button", name=fr("Save the profile")).click()
    expect(claim.get_by_role("status").first).to_be_visible()
    expect(claim.get_by_text(fr("Best boss of %(territory)s") % {"territory": "Sherbrooke"})).to_be_visible()
    shoot(claim, "fr-employer-profile")
    with claim.expect_download() as download_info:
        claim.locator("a[href*='badge.png'][lang='fr']").first.click()
    with open(download_info.value.path(), "rb") as badge:
        assert badge.read(8) == b"\x89PNG\r\n\x1a\n"
    public.goto(f"{live_server.url}/fr/employers/{winner.pk}/")
    expect(public.get_by_text("Fromages fins depuis 1985.")).to_be_visible()

    # 9. A youth downloads their data, then withdraws; their private link is gone.
    youth = new_page("fr-CA", accept_downloads=True)
    private_url = private_urls["Noah"]
    youth.goto(private_url)
    expect(heading(youth)).to_have_text(fr("My nomination"))
    with youth.expect_download() as download_info:
        youth.get_by_role("link", name="JSON").click()
    with open(download_info.value.path(), encoding="utf-8") as data:
        assert "Noah" in json.dumps(json.load(data), ensure_ascii=False)
    youth.get_by_role("link", name=fr("Withdraw my nomination")).click()
    youth.get_by_role("button", name=fr("Yes, withdraw and destroy my data")).click()
    expect(heading(youth)).to_have_text(fr("Your nomination is withdrawn"))
    assert not Nomination.objects.filter(email="noah@example.org").exists()
    assert youth.goto(private_url).status == 404

    for context in contexts:
        context.close()
