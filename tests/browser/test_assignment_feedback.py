"""The automatic assignment says what is happening while it runs, then what it did. In Chromium."""

import re

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import Browser, expect

from contest.domain.roles import JUROR_GROUP, STAFF_GROUP
from contest.enums import Phase
from contest.models import Territory
from jury.domain.panels import set_panel
from jury.models import Assignment
from nominations.enums import NominationStatus
from nominations.models import Candidacy
from tests.factories import make_edition, make_employer, make_nomination

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-staff-password-2026"
POST_TO_ASSIGNMENTS = re.compile(r"/staff/assignments/(\?.*)?$")


@pytest.fixture
def waiting_candidacy(reference_data):
    """A candidacy of Sherbrooke without jurors, a panel of three there, a staff member."""
    edition = make_edition(Phase.JURY)
    employer = make_employer("Quincaillerie Lavoie")
    make_nomination(edition=edition, employer=employer, status=NominationStatus.ELIGIBLE)
    candidacy = Candidacy.objects.create(edition=edition, employer=employer)
    jurors = []
    for number in range(3):
        email = f"juror{number}@example.org"
        juror = User.objects.create_user(email, email, PASSWORD)
        juror.groups.add(Group.objects.get(name=JUROR_GROUP))
        jurors.append(juror)
    set_panel(edition=edition, territory=Territory.objects.get(slug="sherbrooke"), jurors=jurors)
    staff = User.objects.create_user("staff@example.org", "staff@example.org", PASSWORD, is_staff=True)
    staff.groups.add(Group.objects.get(name=STAFF_GROUP))
    return candidacy


def test_assign_button_shows_progress_then_the_result(browser: Browser, live_server, waiting_candidacy):
    context = browser.new_context(locale="en-CA")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Email").fill("staff@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign In", re.I)).click()
    expect(page).to_have_url(re.compile(r"/en/staff/"))
    page.goto(f"{live_server.url}/en/staff/assignments/")

    # Hold the POST until the page has been checked: the server's work looks slow.
    held = []

    def hold_the_post(route):
        if route.request.method == "POST":
            held.append(route)
        else:
            route.continue_()

    page.route(POST_TO_ASSIGNMENTS, hold_the_post)
    button = page.get_by_role("button", name="Assign automatically")
    status = page.locator("[data-busy-status]")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_have_text("")
    # While the request is pending the page cannot be queried (Playwright waits for the navigation):
    # the page reports what it shows through the console, and tries to send the form a second time.
    seen = []
    page.on("console", lambda message: seen.append(message.text))
    page.evaluate(
        """() => {
            const form = document.querySelector("form[data-busy-form]");
            const button = form.querySelector("button[type=submit]");
            const status = form.querySelector("[data-busy-status]");
            form.addEventListener("submit", () => setTimeout(() => {
                console.log(`status=${status.textContent}|disabled=${button.disabled}`);
                form.requestSubmit();
            }, 50));
        }"""
    )
    button.click(no_wait_after=True)
    page.wait_for_timeout(500)

    assert seen[:1] == ["status=Assignment in progress… this may take a few seconds|disabled=true"]
    assert len(held) == 1  # the second sending sent nothing
    assert not Assignment.objects.exists()

    held[0].continue_()
    expect(page.get_by_text("3 assignments created.")).to_be_visible()
    expect(page.get_by_role("button", name="Assign automatically")).to_be_enabled()
    assert Assignment.objects.filter(candidacy=waiting_candidacy).count() == 3
