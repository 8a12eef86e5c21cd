"""The whole contest in Chromium, each person in their own browser: staff, three youths, three jurors,
the public and the winning employer, each step checked on what the person sees.

Staff open the edition themselves in the Django admin. Time then moves without sleeping: the
edition's dates are rewritten between phases. With SAVE_SCREENSHOTS=1 the main pages are saved into
docs/img/journey/fr/ and docs/img/journey/en/ (the page in the person's language, then the same page
in the other language, opened in a second tab of the same browser), which the guides in docs/ show;
SCREENS lists them and tests/test_docs.py checks that the guides show no other.
"""

import datetime as dt
import io
import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.utils import timezone
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from contest.domain.roles import STAFF_GROUP
from contest.enums import Phase
from contest.models import Criterion, Edition
from jury.enums import EvaluationStatus
from jury.models import Evaluation
from nominations.domain.employers import make_claim_token
from nominations.enums import NominationStatus
from nominations.models import Candidacy, Employer, Nomination
from tests.browser.test_nomination_journey import PHONE, fill_nomination_form, fr, heading
from tests.factories import PHASE_OFFSETS, make_employer, make_nomination

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-journey-password-2026"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "img" / "journey"
LANGUAGES = ("fr", "en")
# Every image the test writes into docs/img/journey/<language>/, in the order of the journey.
SCREENS = (
    "login",
    "admin-edition",
    "admin-editions",
    "admin-edition-criteria",
    "home",
    "staff-jurors",
    "nomination-form-phone",
    "private-page-phone",
    "nomination-form",
    "staff-home",
    "staff-screening",
    "staff-nomination",
    "staff-merge",
    "staff-panel-edit",
    "staff-panels",
    "staff-assignments",
    "jury-invitation",
    "jury-dashboard",
    "mfa-index",
    "mfa-activate",
    "jury-dossier",
    "jury-conflict",
    "jury-score-form",
    "jury-score-form-top",
    "jury-submitted",
    "staff-conflicts",
    "staff-progress",
    "public-leaderboard-before",
    "staff-deliberation",
    "staff-deliberation-territory",
    "staff-deliberation-territory-top",
    "staff-candidacy",
    "staff-prizes",
    "staff-publish",
    "public-winners",
    "public-employers",
    "public-employer",
    "public-leaderboard",
    "employer-profile",
    "employer-badge",
    "youth-withdraw",
    "admin-security",
)
MAX_HEIGHT = 2400  # pixels: a full-page screenshot is cut there
SCREEN_HEIGHT = 720  # pixels: Playwright's default viewport, 1280 × 720
COLOURS = 128  # the screenshots are reduced to this many colours (about 4 times smaller)
JURORS = [
    # e-mail, first name, last name
    ("juror1@example.org", "Chantal", "Gagnon"),
    ("juror2@example.org", "Marc", "Bélanger"),
    ("juror3@example.org", "Sophie", "Côté"),
]
YOUTHS = [
    # first name, e-mail, business as typed
    ("Léa", "lea@example.org", "Fromagerie Boivin"),
    ("Noah", "noah@example.org", "fromagerie  BOIVIN"),
    ("Maya", "maya@example.org", "Dépanneur Lavoie"),
]
SCORES = {"Fromagerie Boivin": "4", "Dépanneur Lavoie": "2"}
shot: set[str] = set()


def saving() -> bool:
    return os.environ.get("SAVE_SCREENSHOTS") == "1"


def save_png(data: bytes, language: str, name: str, *, height: int = MAX_HEIGHT) -> None:
    image = Image.open(io.BytesIO(data)).convert("RGB")
    if image.height > height:
        image = image.crop((0, 0, image.width, height))
    folder = SCREENSHOTS / language
    folder.mkdir(parents=True, exist_ok=True)
    image.quantize(colors=COLOURS).save(folder / f"{name}.png", optimize=True)


def save_shots(data: bytes, language: str, name: str, *, top: bool) -> None:
    save_png(data, language, name)
    if top:
        save_png(data, language, f"{name}-top", height=SCREEN_HEIGHT)


def language_of(page: Page) -> str:
    match = re.match(r"https?://[^/]+/(fr|en)/", page.url)
    return match[1] if match else page.evaluate("document.documentElement.lang")[:2]


def shoot(
    page: Page,
    name: str,
    *,
    full_page: bool = False,
    top: bool = False,
    redo: Callable[[Page], None] | None = None,
) -> None:
    """Save the page in its language, then the same page in the other language.

    The other language opens in a second tab of the same browser (same session): its URL with the
    other prefix, or for the admin (no prefix) Django's language cookie. ``redo`` repeats on that tab
    what the person did on the page since it loaded (a filled form, a scroll). With ``top``, the first
    screen of a full page is saved as well, as ``<name>-top`` (for the README)."""
    names = [name, f"{name}-top"] if top else [name]
    assert set(names) <= set(SCREENS), names
    shot.update(names)
    if not saving():
        return
    language = language_of(page)
    other = next(code for code in LANGUAGES if code != language)
    save_shots(page.screenshot(full_page=full_page), language, name, top=top)
    context = page.context
    url = re.sub(rf"^(https?://[^/]+)/{language}/", rf"\1/{other}/", page.url)
    if url == page.url:
        # Django's language cookie, for this one page (Chromium's locale sets Accept-Language).
        context.add_cookies([{"name": "django_language", "value": other, "url": page.url}])
    twin = context.new_page()
    try:
        twin.goto(url)
        assert language_of(twin) == other, url
        if redo:
            redo(twin)
        save_shots(twin.screenshot(full_page=full_page), other, name, top=top)
    finally:
        twin.close()
        context.clear_cookies(name="django_language")


def move_to(edition: Edition, phase: Phase) -> None:
    now = timezone.now()
    dates = [now + dt.timedelta(days=days) for days in PHASE_OFFSETS[phase]]
    fields = ["nominations_open_at", "nominations_close_at", "jury_open_at", "jury_close_at", "announce_at"]
    Edition.objects.filter(pk=edition.pk).update(**dict(zip(fields, dates, strict=True)))


def accept_next_dialog(page: Page) -> None:
    page.once("dialog", lambda dialog: dialog.accept())


def fill_edition_form(page: Page, year: int) -> None:
    """The admin's add form, by the fields' ids (the same in both languages): nominations open."""
    page.locator("#id_year").fill(str(year))
    page.locator("#id_number").fill("6")
    now = timezone.localtime()
    for field, days in zip(
        ["nominations_open_at", "nominations_close_at", "jury_open_at", "jury_close_at", "announce_at"],
        PHASE_OFFSETS[Phase.NOMINATIONS],
        strict=True,
    ):
        moment = now + dt.timedelta(days=days)
        page.locator(f"#id_{field}_0").fill(moment.strftime("%Y-%m-%d"))
        page.locator(f"#id_{field}_1").fill("09:00:00")
    page.locator("#id_jurors_per_candidacy").fill("2")


def fill_scores(page: Page, score: str) -> None:
    fieldsets = page.locator("fieldset:has(input[type=radio])")
    expect(fieldsets.first).to_be_visible()
    for criterion in range(fieldsets.count()):
        fieldsets.nth(criterion).get_by_label(re.compile(rf"^{score} — ")).check()


@pytest.fixture
def world(reference_data, settings):
    """Only the staff account: the edition, the jurors and the nominations come through the pages."""
    settings.NOMINATION_MIN_FILL_SECONDS = 0
    staff = User.objects.create_user("staff@example.org", "staff@example.org", PASSWORD, is_staff=True)
    staff.groups.add(Group.objects.get(name=STAFF_GROUP))
    shot.clear()


def test_the_whole_contest_from_nominations_to_results(browser: Browser, live_server, world):
    contexts = []

    def new_page(locale: str, **options) -> Page:
        context = browser.new_context(locale=locale, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    # 1. Staff sign in and open the edition in the admin; the default criteria are copied into it.
    staff = new_page("en-CA")
    staff.goto(f"{live_server.url}/en/accounts/login/")
    expect(heading(staff)).to_be_visible()
    shoot(staff, "login")
    staff.get_by_label("Email").fill("staff@example.org")
    staff.get_by_label("Password").fill(PASSWORD)
    staff.get_by_role("button", name=re.compile("Sign In", re.I)).click()
    expect(staff).not_to_have_url(re.compile("/accounts/login/"))
    year = timezone.localdate().year
    staff.goto(f"{live_server.url}/admin/contest/edition/")
    staff.get_by_role("link", name=re.compile("Add edition", re.I)).click()
    fill_edition_form(staff, year)
    shoot(staff, "admin-edition", full_page=True, redo=lambda twin: fill_edition_form(twin, year))
    staff.get_by_role("button", name="Save", exact=True).click()
    expect(staff.locator(".messagelist")).to_contain_text(f"Edition 6 ({year})")
    expect(staff.locator(".messagelist")).to_contain_text("was added successfully")
    expect(staff.locator(".messagelist")).to_contain_text(
        "The default criteria set was copied into this edition."
    )
    expect(staff.locator("#result_list")).to_contain_text("Nominations")
    shoot(staff, "admin-editions")
    edition = Edition.objects.get(year=year)
    assert edition.phase == Phase.NOMINATIONS
    assert edition.jurors_per_candidacy == 2
    criteria = Criterion.objects.filter(edition=edition)
    assert criteria.count() == Criterion.objects.default_set().count() > 0
    staff.locator("#result_list").get_by_role("link", name=str(year), exact=True).click()
    inline = staff.locator("#criteria-group")
    names = inline.locator("input[name^='criteria-'][name$='-name']:not([name*='__prefix__'])")
    expect(names).to_have_count(criteria.count())
    expect(names.first).to_have_value(criteria.order_by("position").first().name)

    def show_criteria(page: Page) -> None:
        page.locator("#criteria-group").scroll_into_view_if_needed()

    show_criteria(staff)
    shoot(staff, "admin-edition-criteria", redo=show_criteria)

    # 2. The public home page calls to nominate for this edition.
    public = new_page("fr-CA")
    public.goto(f"{live_server.url}/fr/")
    expect(
        public.get_by_text(fr("Edition %(number)s (%(year)s)") % {"number": 6, "year": year})
    ).to_be_visible()
    expect(public.get_by_role("main").get_by_role("link", name=fr("Nominate my boss"))).to_be_visible()
    shoot(public, "home")

    # 3. Staff invite the three jurors; each receives an e-mail with a link to choose a password.
    staff.goto(f"{live_server.url}/en/staff/jurors/")
    for email, first_name, last_name in JURORS:
        staff.get_by_label("E-mail address").fill(email)
        staff.get_by_label("First name").fill(first_name)
        staff.get_by_label("Last name").fill(last_name)
        staff.get_by_label("Language of the invitation").select_option("en")
        staff.get_by_role("button", name="Send the invitation").click()
        expect(staff.get_by_text(f"Invitation sent to {email}.")).to_be_visible()
    for email, _first, _last in JURORS:
        expect(staff.get_by_role("main").get_by_text(email).first).to_be_visible()
    shoot(staff, "staff-jurors")

    # 4. Three youths nominate, the first on a phone; each confirms through the e-mail's link.
    # The same business as « Dépanneur Lavoie », recorded under another spelling by an earlier nomination.
    make_nomination(edition=edition, employer=make_employer("Dep. Lavoie"), email="olivier@example.org")
    private_urls = {}
    for index, (first_name, email, business) in enumerate(YOUTHS):
        phone = {"viewport": PHONE, "is_mobile": True, "has_touch": True} if index == 0 else {}
        youth = new_page("fr-CA", **phone)
        youth.goto(f"{live_server.url}/fr/nominations/new/")
        expect(heading(youth)).to_have_text(fr("Nominate my boss"))
        if index < 2:
            shoot(youth, "nomination-form-phone" if index == 0 else "nomination-form")
        fill_nomination_form(youth, edition)
        youth.get_by_label(re.compile(f"^{fr('Your first name')}")).fill(first_name)
        youth.get_by_label(re.compile(f"^{fr('Your e-mail address')}")).fill(email)
        youth.get_by_label(re.compile(f"^{fr('Name of the business where you work')}")).fill(business)
        youth.get_by_role("button", name=fr("Send my nomination")).click()
        expect(heading(youth)).to_have_text(fr("Almost done: check your e-mail"))
        message = next(message for message in mail.outbox if message.to == [email])
        links = re.findall(r"https?://\S+", message.body)
        youth.goto(next(link for link in links if "/fr/nominations/confirm/" in link))
        expect(youth.get_by_role("status")).to_have_text(fr("Thank you! Your nomination is confirmed."))
        private_urls[first_name] = youth.url
        if index == 0:
            shoot(youth, "private-page-phone")
    # The two spellings of the cheese shop meet on one employer; the corner store is a duplicate.
    assert Employer.objects.filter(name__iexact="Fromagerie Boivin").count() == 1
    assert Nomination.objects.filter(employer__name="Fromagerie Boivin").count() == 2
    assert set(Employer.objects.values_list("name", flat=True)) == {
        "Fromagerie Boivin",
        "Dépanneur Lavoie",
        "Dep. Lavoie",
    }
    staff.goto(f"{live_server.url}/en/staff/")
    expect(heading(staff)).to_have_text("Staff area")
    shoot(staff, "staff-home")

    # 5. Nominations close: staff screen the three nominations and merge the duplicate.
    move_to(edition, Phase.SCREENING)
    staff.goto(f"{live_server.url}/en/staff/screening/")
    for name in ("Fromagerie Boivin", "Dépanneur Lavoie"):
        expect(staff.get_by_role("main").get_by_text(name).first).to_be_visible()
    shoot(staff, "staff-screening")
    for index, nomination in enumerate(
        Nomination.objects.exclude(email="olivier@example.org").order_by("pk")
    ):
        staff.goto(f"{live_server.url}/en/staff/nominations/{nomination.pk}/")
        expect(staff.get_by_role("main")).to_contain_text(nomination.employer.name)
        if index == 0:
            shoot(staff, "staff-nomination", full_page=True)
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
    shoot(staff, "staff-merge", full_page=True)
    staff.get_by_role("button", name="Merge them").click()
    expect(staff.get_by_text(re.compile("merged", re.I)).first).to_be_visible()
    assert not Employer.objects.filter(name="Dep. Lavoie").exists()
    assert Nomination.objects.filter(employer__name="Dépanneur Lavoie").count() == 2

    # 6. The jury opens: staff form the Sherbrooke panel and assign automatically.
    move_to(edition, Phase.JURY)
    staff.goto(f"{live_server.url}/en/staff/panels/sherbrooke/")
    shoot(staff, "staff-panel-edit", full_page=True)
    for email, first_name, last_name in JURORS:
        staff.get_by_label(f"{first_name} {last_name} <{email}>", exact=True).check()
    staff.get_by_role("button", name="Save the panel").click()
    staff.goto(f"{live_server.url}/en/staff/panels/")
    expect(staff.get_by_role("main").get_by_text("Sherbrooke").first).to_be_visible()
    shoot(staff, "staff-panels")
    staff.goto(f"{live_server.url}/en/staff/assignments/")
    staff.get_by_role("button", name="Assign automatically").click()
    expect(staff.get_by_text("Panel: 3 jurors.")).to_be_visible()
    shoot(staff, "staff-assignments")
    assert Evaluation.objects.count() == 0

    # 7. The jurors choose their password from the invitation and score; the first declares a
    # conflict on one candidacy first.
    for index, (email, first_name, _last) in enumerate(JURORS):
        juror = new_page("en-CA")
        message = next(message for message in mail.outbox if message.to == [email])
        juror.goto(
            next(link for link in re.findall(r"https?://\S+", message.body) if "/jury/invitation/" in link)
        )
        expect(juror.get_by_text(f"Welcome, {first_name}!")).to_be_visible()
        if index == 0:
            shoot(juror, "jury-invitation")
        juror.get_by_label("New password", exact=True).fill(PASSWORD)
        juror.get_by_label("New password confirmation").fill(PASSWORD)
        juror.get_by_role("button", name="Save my password").click()
        expect(juror).to_have_url(re.compile(r"/en/jury/$"))
        expect(juror.get_by_text("Your password is saved. Welcome to the jury!")).to_be_visible()
        if index == 0:
            shoot(juror, "jury-dashboard")
            juror.goto(f"{live_server.url}/en/accounts/2fa/")
            expect(heading(juror)).to_be_visible()
            shoot(juror, "mfa-index")
            juror.goto(f"{live_server.url}/en/accounts/2fa/totp/activate")
            # Signed in through the invitation link, the juror confirms their password first.
            expect(heading(juror)).to_have_text("Confirm Access")
            juror.get_by_label("Password").fill(PASSWORD)
            juror.get_by_role("button", name="Confirm").click()
            expect(juror).to_have_url(re.compile("/en/accounts/2fa/totp/activate/$"))
            expect(juror.get_by_label(re.compile("Authenticator code", re.I))).to_be_visible()
            shoot(juror, "mfa-activate")
            juror.goto(f"{live_server.url}/en/jury/")
            first = juror.get_by_role("main").get_by_role("link", name=re.compile("Lavoie|Boivin")).first
            conflicted = first.inner_text().strip()
            first.click()
            expect(heading(juror)).to_contain_text(conflicted)
            shoot(juror, "jury-dossier", full_page=True)
            juror.get_by_role("link", name="Declare a conflict of interest").click()
            shoot(juror, "jury-conflict")
            juror.get_by_label(re.compile("^Reason")).fill("Ma cousine y travaille.")
            juror.get_by_role("button", name="Declare the conflict").click()
            expect(juror.get_by_text(re.compile("is no longer on your list"))).to_be_visible()
            expect(juror.get_by_role("main").get_by_role("link", name=conflicted, exact=True)).to_have_count(
                0
            )
        for name, score in SCORES.items():
            link = juror.get_by_role("main").get_by_role("link", name=name, exact=True)
            if not link.count():
                continue
            link.click()
            juror.get_by_role("link", name=re.compile("Score this candidacy")).click()
            fill_scores(juror, score)
            if index == 0:
                shoot(
                    juror,
                    "jury-score-form",
                    full_page=True,
                    top=True,
                    redo=lambda twin, score=score: fill_scores(twin, score),
                )
            accept_next_dialog(juror)
            juror.get_by_role("button", name="Submit").click()
            expect(juror.get_by_text(re.compile("submitted", re.I)).first).to_be_visible()
            if index == 0:
                shoot(juror, "jury-submitted", full_page=True)
            juror.goto(f"{live_server.url}/en/jury/")
    assert Evaluation.objects.filter(status=EvaluationStatus.SUBMITTED).count() == 4
    staff.goto(f"{live_server.url}/en/staff/conflicts/")
    expect(staff.get_by_role("main")).to_contain_text("Ma cousine y travaille.")
    shoot(staff, "staff-conflicts")
    staff.goto(f"{live_server.url}/en/staff/progress/")
    expect(staff.get_by_role("main")).to_contain_text("juror1@example.org")
    shoot(staff, "staff-progress")

    # 8. Deliberation: the public sees how many nominations each territory received; staff choose the
    # top of Sherbrooke and publish now.
    move_to(edition, Phase.DELIBERATION)
    public.goto(f"{live_server.url}/fr/leaderboard/")
    expect(public.get_by_role("main")).to_contain_text("Sherbrooke")
    expect(public.get_by_text("Fromagerie Boivin")).to_have_count(0)
    shoot(public, "public-leaderboard-before")
    staff.goto(f"{live_server.url}/en/staff/deliberation/")
    expect(staff.get_by_role("main")).to_contain_text("Sherbrooke")
    shoot(staff, "staff-deliberation")
    staff.goto(f"{live_server.url}/en/staff/deliberation/sherbrooke/")
    expect(staff.get_by_text("Fromagerie Boivin").first).to_be_visible()
    shoot(staff, "staff-deliberation-territory", full_page=True, top=True)
    staff.goto(f"{live_server.url}/en/staff/deliberation/")
    staff.get_by_role("button", name="Choose the top of each territory").click()
    expect(staff.get_by_text("Fromagerie Boivin").first).to_be_visible()
    candidacy = Candidacy.objects.get(employer__name="Fromagerie Boivin")
    staff.goto(f"{live_server.url}/en/staff/candidacies/{candidacy.pk}/")
    expect(heading(staff)).to_contain_text("Fromagerie Boivin")
    shoot(staff, "staff-candidacy", full_page=True)
    staff.goto(f"{live_server.url}/en/staff/prizes/")
    expect(heading(staff)).to_be_visible()
    shoot(staff, "staff-prizes")
    staff.goto(f"{live_server.url}/en/staff/publish/")
    staff.get_by_label("Announcement date and time").fill(timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
    staff.get_by_role("button", name="Publish the results").click()
    expect(staff.get_by_text(re.compile("public since", re.I)).first).to_be_visible()
    shoot(staff, "staff-publish", full_page=True)

    # 9. The public sees the winners, the engaged employers and the leaderboard.
    winner = Employer.objects.get(name="Fromagerie Boivin")
    public.goto(f"{live_server.url}/fr/winners/")
    expect(public.get_by_role("link", name="Fromagerie Boivin").first).to_be_visible()
    shoot(public, "public-winners")
    public.goto(f"{live_server.url}/fr/employers/")
    expect(public.get_by_role("link", name="Fromagerie Boivin")).to_be_visible()
    expect(public.get_by_role("link", name="Dépanneur Lavoie")).to_be_visible()
    shoot(public, "public-employers")
    public.goto(f"{live_server.url}/fr/leaderboard/")
    expect(public.get_by_text("Fromagerie Boivin").first).to_be_visible()
    expect(public.get_by_text("Dépanneur Lavoie").first).to_be_visible()
    shoot(public, "public-leaderboard")

    # 10. The winner's employer claims its page and downloads its badge, in French and in English.
    claim = new_page("fr-CA", accept_downloads=True)
    claim.goto(f"{live_server.url}/fr/employer/{make_claim_token(winner)}/")
    claim.get_by_label(fr("Short description of the business")).fill("Fromages fins depuis 1985.")
    claim.get_by_role("button", name=fr("Save the profile")).click()
    expect(claim.get_by_role("status").first).to_be_visible()
    expect(claim.get_by_text(fr("Best boss of %(territory)s") % {"territory": "Sherbrooke"})).to_be_visible()
    shoot(claim, "employer-profile", full_page=True)
    for language in LANGUAGES:
        with claim.expect_download() as download_info:
            claim.locator(f"a[href*='badge.png'][lang='{language}']").first.click()
        with open(download_info.value.path(), "rb") as badge:
            data = badge.read()
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
        shot.add("employer-badge")
        if saving():
            save_png(data, language, "employer-badge")
    public.goto(f"{live_server.url}/fr/employers/{winner.pk}/")
    expect(public.get_by_text("Fromages fins depuis 1985.")).to_be_visible()
    shoot(public, "public-employer")

    # 11. A youth downloads their data, then withdraws; their private link is gone.
    youth = new_page("fr-CA", accept_downloads=True)
    private_url = private_urls["Noah"]
    youth.goto(private_url)
    expect(heading(youth)).to_have_text(fr("My nomination"))
    with youth.expect_download() as download_info:
        youth.get_by_role("link", name="JSON").click()
    with open(download_info.value.path(), encoding="utf-8") as data:
        assert "Noah" in json.dumps(json.load(data), ensure_ascii=False)
    youth.get_by_role("link", name=fr("Withdraw my nomination")).click()
    shoot(youth, "youth-withdraw")
    youth.get_by_role("button", name=fr("Yes, withdraw and destroy my data")).click()
    expect(heading(youth)).to_have_text(fr("Your nomination is withdrawn"))
    assert not Nomination.objects.filter(email="noah@example.org").exists()
    assert youth.goto(private_url).status == 404

    # 12. Staff find the security policy (two-factor authentication for staff) in the admin.
    staff.goto(f"{live_server.url}/admin/contest/securitypolicy/")
    expect(staff.get_by_label(re.compile("two-factor", re.I))).to_be_visible()
    shoot(staff, "admin-security")

    for context in contexts:
        context.close()
    # The guides show exactly these screens (tests/test_docs.py): none was forgotten on the way.
    assert shot == set(SCREENS)
