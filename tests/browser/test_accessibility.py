"""axe-core finds no WCAG 2.1 AA violation on the public, jury and staff pages, in French and English;
the score form works with the keyboard alone. In Chromium.

The pages are audited in browser contexts created with ``bypass_csp=True``: the site's CSP
(``script-src 'self'``) would otherwise block the axe-core script that the test injects.
"""

import datetime as dt
import io
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.contrib.auth.tokens import default_token_generator
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from playwright.sync_api import Browser, expect

from contest.domain.incidents import record_incident
from contest.domain.roles import JUROR_GROUP
from contest.enums import Phase
from contest.models import Edition
from jury.forms.scoring import SCORE_PREFIX
from jury.models import Assignment, Evaluation
from nominations.domain.employers import make_claim_token
from nominations.domain.privacy import make_parent_code
from nominations.enums import NominationStatus
from nominations.models import Candidacy
from tests.browser.axe import axe_source, axe_violations, describe, report
from tests.factories import make_edition, make_employer, make_nomination

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
ALL_ROLES = [None, "juror", "staff"]  # anonymous, juror, staff
# The pages whose content changes once the jury window closes and once the results are published.
PHASE_PAGES = {
    "contest:home",
    "results:winners",
    "results:winners_of",
    "results:employer",
    "results:employer_profile",
    "results:leaderboard",
    "jury:dashboard",
    "jury:dossier",
    "jury:evaluate",
    "staff:home",
    "staff:progress",
    "staff:deliberation",
    "staff:deliberation_territory",
    "staff:candidacy",
    "staff:prizes",
    "staff:publish",
}


@pytest.fixture
def demo(reference_data, phase):
    """The demo: a published 2025 edition and the current one in ``phase``, with jurors and staff."""
    call_command("load_demo", phase=str(phase), nominations=40, force=True, stdout=io.StringIO())
    published, current = Edition.objects.order_by("year")
    juror = User.objects.get(email="juror1@example.org")
    staff = User.objects.get(email="staff@example.org")
    assignment = Assignment.objects.filter(juror=juror, candidacy__edition=current).first()
    candidacy = Candidacy.objects.filter(edition=current).first()
    winner_employer = Candidacy.objects.filter(edition=published).first().employer
    nomination, token = make_nomination(edition=current, status=NominationStatus.ELIGIBLE)
    under_14, _token = make_nomination(
        edition=current, status=NominationStatus.AWAITING_PARENT, age=13, parent_email="parent@example.org"
    )
    invited = User.objects.create_user("invited@example.org", "invited@example.org")
    invited.set_unusable_password()
    invited.save()
    invited.groups.add(Group.objects.get(name=JUROR_GROUP))
    today = timezone.localdate()
    incident = record_incident(
        recorded_by=staff,
        occurred_on=today - dt.timedelta(days=2),
        discovered_on=today - dt.timedelta(days=1),
        nature="Courriel envoyé aux mauvaises personnes",
        data_concerned="Adresses courriel",
        people_affected="Environ 40 jeunes de Coaticook",
        measures_taken="Rappel du courriel",
    )
    territory = candidacy.employer.territory.slug
    public = [
        ("contest:home", {}),
        ("contest:rules", {}),
        ("contest:privacy", {}),
        ("nominations:private", {"token": token}),
        ("nominations:edit", {"token": token}),
        ("nominations:withdraw", {"token": token}),
        ("nominations:sent", {}),
        ("nominations:withdrawn", {}),
        ("nominations:parent", {"code": make_parent_code(under_14)}),
        ("results:winners", {}),
        ("results:engaged_employers", {}),
        ("results:employer", {"pk": winner_employer.pk}),
        ("results:winners_of", {"year": published.year}),
        ("results:leaderboard", {}),
        ("results:leaderboard_of", {"year": published.year}),
        ("results:editions", {}),
        ("results:employer_profile", {"token": make_claim_token(winner_employer)}),
        (
            "jury:accept_invitation",
            {
                "uidb64": urlsafe_base64_encode(force_bytes(invited.pk)),
                "token": default_token_generator.make_token(invited),
            },
        ),
        ("account_login", {}),
        ("account_reset_password", {}),
    ]
    jury = [
        ("jury:dashboard", {}),
        ("jury:dossier", {"pk": assignment.candidacy_id}),
        ("jury:evaluate", {"pk": assignment.candidacy_id}),
        ("jury:declare_conflict", {"pk": assignment.candidacy_id}),
    ]
    staff_pages = [
        ("staff:home", {}),
        ("staff:screening", {}),
        ("staff:nomination", {"pk": nomination.pk}),
        ("staff:merge_employers", {}),
        ("staff:jurors", {}),
        ("staff:panels", {}),
        ("staff:panel_edit", {"territory": territory}),
        ("staff:conflicts", {}),
        ("staff:assignments", {}),
        ("staff:progress", {}),
        ("staff:deliberation", {}),
        ("staff:deliberation_territory", {"territory": territory}),
        ("staff:candidacy", {"pk": candidacy.pk}),
        ("staff:prizes", {}),
        ("staff:publish", {}),
        ("staff:audit", {}),
        ("staff:incidents", {}),
        ("staff:incident_edit", {"pk": incident.pk}),
    ]
    return {
        "users": {"juror": juror, "staff": staff},
        "pages": {None: public, "juror": jury, "staff": staff_pages},
    }


def _context_as(browser: Browser, live_server, user=None, viewport=DESKTOP):
    """A browser context logged in as ``user`` with a forced session cookie.

    ``bypass_csp``: the site's CSP (script-src 'self') would block the axe-core script injected."""
    context = browser.new_context(
        bypass_csp=True,
        locale="fr-CA",
        service_workers="block",
        viewport=viewport,
        has_touch=viewport == PHONE,
    )
    context.set_default_timeout(10_000)
    if user is not None:
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return context


def _audit(page, source, url, label, found):
    response = page.goto(url)
    assert response.status == 200, f"{label}: {url} answered {response.status}"
    found[label] = axe_violations(page, source)


# Every page in both languages with the current edition in its jury window; the pages that change
# with the phase once more in the later phases; the public pages on a phone, as most youths see them.
@pytest.mark.parametrize(
    ("phase", "language", "viewport", "roles", "only"),
    [
        (Phase.JURY, "fr", DESKTOP, ALL_ROLES, None),
        (Phase.JURY, "en", DESKTOP, ALL_ROLES, None),
        (Phase.DELIBERATION, "fr", DESKTOP, ALL_ROLES, PHASE_PAGES),
        (Phase.PUBLISHED, "en", DESKTOP, ALL_ROLES, PHASE_PAGES),
        (Phase.PUBLISHED, "fr", PHONE, [None], None),
    ],
    ids=["jury-fr", "jury-en", "deliberation-fr", "published-en", "published-fr-phone"],
)
def test_pages_have_no_wcag_violation(
    browser: Browser, live_server, demo, phase, language, viewport, roles, only
):
    source = axe_source()
    found = {}
    expected = 0
    for role in roles:
        pages = [(name, kwargs) for name, kwargs in demo["pages"][role] if only is None or name in only]
        expected += len(pages)
        context = _context_as(browser, live_server, demo["users"].get(role), viewport)
        page = context.new_page()
        with translation.override(language):
            urls = [(name, reverse(name, kwargs=kwargs)) for name, kwargs in pages]
        for name, path in urls:
            _audit(page, source, f"{live_server.url}{path}", f"{name} ({path})", found)
        context.close()

    report(f"{phase}-{language}-{viewport['width']}px", found)
    assert len(found) == expected
    assert describe(found) == ""


@pytest.mark.parametrize(
    ("language", "viewport"), [("fr", DESKTOP), ("en", DESKTOP), ("fr", PHONE)], ids=["fr", "en", "fr-phone"]
)
def test_nomination_form_and_its_errors_have_no_wcag_violation(
    browser: Browser, live_server, open_edition, language, viewport
):
    source = axe_source()
    found = {}
    page = _context_as(browser, live_server, viewport=viewport).new_page()
    with translation.override(language):
        url = f"{live_server.url}{reverse('nominations:nominate')}"
    _audit(page, source, url, "nominations:nominate", found)
    page.locator("form button[type=submit]").last.click()
    expect(page.get_by_role("alert").first).to_be_visible()
    found["nominations:nominate with errors"] = axe_violations(page, source)

    report(f"nomination-form-{language}-{viewport['width']}px", found)
    assert describe(found) == ""


@pytest.mark.parametrize("language", ["fr", "en"])
def test_error_page_has_no_wcag_violation(browser: Browser, live_server, open_edition, language):
    source = axe_source()
    page = _context_as(browser, live_server).new_page()

    response = page.goto(f"{live_server.url}/{language}/employers/999999/")

    assert response.status == 404
    found = {"404": axe_violations(page, source)}
    report(f"error-page-{language}", found)
    assert describe(found) == ""


def test_axe_reports_a_violation_it_is_shown(browser: Browser, live_server, reference_data):
    """The audit can fail: an image without text alternative added to the home page is reported."""
    source = axe_source()
    page = _context_as(browser, live_server).new_page()
    with translation.override("en"):
        page.goto(f"{live_server.url}{reverse('contest:home')}")
    page.evaluate("() => document.querySelector('main').append(document.createElement('img'))")

    violations = axe_violations(page, source)

    assert [violation["id"] for violation in violations] == ["image-alt"]
    assert violations[0]["impact"] == "critical"
    assert violations[0]["targets"] == ["#main > img"]
    assert "image-alt" in describe({"home": violations})


@pytest.fixture
def scoring_juror(reference_data):
    """A juror assigned to one candidacy of an edition in its jury window."""
    edition = make_edition(Phase.JURY)
    employer = make_employer("Quincaillerie Lavoie")
    make_nomination(edition=edition, employer=employer, status=NominationStatus.ELIGIBLE)
    candidacy = Candidacy.objects.create(edition=edition, employer=employer)
    juror = User.objects.create_user("juror1@example.org", "juror1@example.org")
    juror.groups.add(Group.objects.get(name=JUROR_GROUP))
    assignment = Assignment.objects.create(candidacy=candidacy, juror=juror)
    return {"juror": juror, "assignment": assignment, "criteria": list(edition.criteria.order_by("position"))}


def test_score_form_can_be_completed_with_the_keyboard_alone_and_announces_its_errors(
    browser: Browser, live_server, scoring_juror
):
    criteria = scoring_juror["criteria"]
    names = [f"{SCORE_PREFIX}{criterion.pk}" for criterion in criteria]
    page = _context_as(browser, live_server, scoring_juror["juror"]).new_page()
    questions = []

    def answer(dialog):
        questions.append(dialog.message)
        dialog.accept()

    page.on("dialog", answer)
    with translation.override("en"):
        url = reverse("jury:evaluate", kwargs={"pk": scoring_juror["assignment"].candidacy_id})
    page.goto(f"{live_server.url}{url}")

    def focused(attribute: str) -> str:
        return page.evaluate(f"document.activeElement.getAttribute('{attribute}') || ''")

    def tab_to(name: str, limit: int = 40) -> None:
        for _ in range(limit):
            if focused("name") == name:
                return
            page.keyboard.press("Tab")
        raise AssertionError(f"Tab never reached {name}")

    def score(criterion, value: int) -> None:
        # Space checks the first option of the group; each arrow moves to and checks the next one.
        page.keyboard.press("Space")
        for _ in range(value - criterion.scale_min):
            page.keyboard.press("ArrowDown")

    # Only the first criterion scored, then Submit: refused, and the error summary takes the focus.
    tab_to(names[0])
    score(criteria[0], 3)
    expect(page.get_by_role("status")).to_contain_text(f"Criteria scored: 1/{len(criteria)}")
    tab_to("action")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_accessible_name("Submit")
    page.keyboard.press("Space")

    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Please check the form")
    expect(summary.get_by_role("link")).to_have_count(len(criteria) - 1)
    assert Evaluation.objects.filter(submitted_at__isnull=False).count() == 0

    # The rest with the keyboard: the first score was kept.
    expect(page.locator(f"input[name={names[0]}][value='3']")).to_be_checked()
    tab_to(names[1])
    for index, criterion in enumerate(criteria[1:], start=1):
        assert focused("name") == names[index]
        score(criterion, 3)
        page.keyboard.press("Tab")
    assert focused("name") == "comment"
    page.keyboard.type("Un dossier solide.")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_accessible_name("Save draft")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_accessible_name("Submit")
    page.keyboard.press("Space")

    expect(page.get_by_text(re.compile("are submitted")).first).to_be_visible()
    assert questions == ["Submit your scores? They are then locked."] * 2
    evaluation = Evaluation.objects.get()
    assert evaluation.submitted_at is not None
    assert evaluation.comment == "Un dossier solide."
    assert str(evaluation.weighted_total) == "75.00"
