"""A youth nominates their boss in a real browser: home page, form, e-mail, confirmation, private
page, withdrawal. What the person reads is checked in French, through the translation catalog, so
these tests follow the wording that translators choose."""

import re

import pytest
from django.core import mail
from django.utils import translation
from playwright.sync_api import Page, expect

from contest.models import Municipality
from nominations.domain import guards
from nominations.enums import NominationStatus
from nominations.models import Employer, Nomination, TestimonialAnswer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
EMPLOYER = "Resto Chez Ginette"


def fr(message: str) -> str:
    """What a French-speaking visitor reads for this source string."""
    with translation.override("fr"):
        return translation.gettext(message)


def fr_person(message: str) -> str:
    """The same, for a string translated in the "person" context (boss the person)."""
    with translation.override("fr"):
        return translation.pgettext("person", message)


def field(page: Page, label: str):
    """The form control whose label reads ``label``, with or without its "(optional)"/"(required)"
    marker."""
    marker = rf"( \({re.escape(fr('required'))}\)| {re.escape(fr('(optional)'))})?"
    return page.get_by_label(re.compile(rf"^{re.escape(label)}{marker}$"))


def fill_nomination_form(page: Page, edition, *, skip: tuple[str, ...] = ()) -> None:
    """Fill every field through its visible label, except those named in ``skip``."""
    texts = {
        "first_name": (fr("Your first name"), "Léa"),
        "last_name": (fr("Your last name"), "Tremblay"),
        "email": (fr("Your e-mail address"), "lea@example.org"),
        "age": (fr("Your age"), "16"),
        "school": (fr("Your school"), "École secondaire du Triolet"),
        "hours_per_week": (fr("Hours you work per week, on average, during the school year"), "12"),
        "employer_name": (fr("Name of the business where you work"), EMPLOYER),
        "boss_name": (fr_person("Your boss's first and last name"), "Ginette Roy"),
        "testimonial": (fr("In your own words: why is your boss the best?"), "Elle adapte mon horaire."),
    }
    for name, (label, value) in texts.items():
        if name not in skip:
            field(page, label).fill(value)
    field(page, fr("Your school level")).select_option("secondary")
    field(page, fr("Municipality of the business")).select_option(label="Sherbrooke")
    field(page, fr("Sector of the business")).select_option("food_service")
    first_criterion = edition.criteria.order_by("position").first()
    page.locator(f"#id_answer_{first_criterion.pk}").fill("Congé pendant les examens.")
    field(
        page, fr("I am a student (high school, vocational training, adult education, cégep or university)")
    ).check()
    field(page, fr("I agree that my first name may be published if my boss wins.")).check()
    field(page, fr("I agree that my testimonial, or a quote of it, may be published.")).check()


def heading(page: Page):
    return page.get_by_role("heading", level=1)


@pytest.mark.browser_context_args(viewport=PHONE, is_mobile=True, has_touch=True)
def test_nomination_journey_on_a_phone_from_home_page_to_withdrawal(page: Page, live_server, open_edition):
    assert fr("Nominate my boss") != "Nominate my boss", "no French catalogue: run compilemessages"
    # The home page, in French, calls to nominate.
    page.goto(f"{live_server.url}/fr/")
    expect(page.locator("html")).to_have_attribute("lang", "fr-CA")
    call_to_action = page.get_by_role("main").get_by_role("link", name=fr("Nominate my boss"))
    expect(call_to_action).to_have_attribute("href", "/fr/nominations/new/")
    call_to_action.click()

    # The form fits the phone's width and is filled through its labels.
    expect(page).to_have_url(f"{live_server.url}/fr/nominations/new/")
    expect(heading(page)).to_have_text(fr("Nominate my boss"))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    fill_nomination_form(page, open_edition)
    page.get_by_role("button", name=fr("Send my nomination")).click()

    # "Check your e-mail"; the nomination waits for its confirmation.
    expect(page).to_have_url(f"{live_server.url}/fr/nominations/sent/")
    expect(heading(page)).to_have_text(fr("Almost done: check your e-mail"))
    expect(page.get_by_role("main")).to_contain_text(
        fr("We sent you an e-mail with a link. Your nomination counts only once you click that link.")
    )
    nomination = Nomination.objects.get()
    assert (nomination.status, nomination.confirmed_at, nomination.language) == (
        NominationStatus.PENDING,
        None,
        "fr",
    )
    assert (nomination.employer.name, nomination.employer.municipality.name) == (EMPLOYER, "Sherbrooke")
    assert (
        nomination.consent_publish_first_name,
        nomination.consent_publish_testimonial,
        nomination.consent_tell_employer,
        nomination.consent_results_email,
    ) == (True, True, False, False)
    assert list(nomination.answers.values_list("text", flat=True)) == ["Congé pendant les examens."]

    # One e-mail: plain text and an HTML alternative, both with the confirmation link.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lea@example.org"]
    assert message.subject == fr("Confirm your nomination — Mon boss c'est le meilleur")
    assert "<" not in message.body
    links = re.findall(r"https?://\S+", message.body)
    confirm_url = next(link for link in links if "/fr/nominations/confirm/" in link)
    private_url = next(link for link in links if "/fr/nominations/mine/" in link)
    assert confirm_url.startswith(f"{live_server.url}/fr/nominations/confirm/")
    assert [mimetype for _content, mimetype in message.alternatives] == ["text/html"]
    html = message.alternatives[0][0]
    assert f'href="{confirm_url}"' in html
    assert f'href="{private_url}"' in html
    assert fr("Confirm my nomination") in html

    # The link confirms and opens the private page.
    page.goto(confirm_url)
    expect(page).to_have_url(private_url)
    expect(heading(page)).to_have_text(fr("My nomination"))
    expect(page.get_by_role("status")).to_have_text(fr("Thank you! Your nomination is confirmed."))
    expect(page.locator(".status-line .badge")).to_have_text(fr("Confirmed"))
    expect(page.get_by_role("main")).to_contain_text(EMPLOYER)
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.CONFIRMED
    assert nomination.confirmed_at is not None

    # Withdrawing asks first, then destroys everything.
    page.get_by_role("link", name=fr("Withdraw my nomination")).click()
    expect(heading(page)).to_have_text(fr("Withdraw my nomination"))
    expect(page.get_by_role("main")).to_contain_text(EMPLOYER)
    assert Nomination.objects.count() == 1
    page.get_by_role("button", name=fr("Yes, withdraw and destroy my data")).click()

    expect(page).to_have_url(f"{live_server.url}/fr/nominations/withdrawn/")
    expect(heading(page)).to_have_text(fr("Your nomination is withdrawn"))
    assert Nomination.objects.count() == 0
    assert TestimonialAnswer.objects.count() == 0
    assert not Employer.objects.filter(name=EMPLOYER).exists()
    assert page.goto(private_url).status == 404


def test_nomination_form_can_be_filled_and_sent_with_the_keyboard_alone(
    page: Page, live_server, open_edition
):
    page.goto(f"{live_server.url}/fr/nominations/new/")
    answers = [
        f"id_answer_{pk}" for pk in open_edition.criteria.order_by("position").values_list("pk", flat=True)
    ]
    space, arrow_down = "Space", "ArrowDown"
    # Each stop of the tab order, in the order it is reached, and the key pressed or text typed there.
    steps = [
        ("id_first_name", "Léa"),
        ("id_last_name", "Tremblay"),
        ("id_email", "lea@example.org"),
        ("id_age", "16"),
        ("id_is_student", space),
        ("id_school", "École secondaire du Triolet"),
        ("id_school_level", arrow_down),  # the first level: high school
        ("id_hours_per_week", "12"),
        ("id_employer_name", EMPLOYER),
        ("id_municipality", "Sherbrooke"),  # typing selects the option, as in any select
        ("id_sector", arrow_down),  # the first sector: food service
        ("id_employer_contact_email", None),
        ("id_boss_name", "Ginette Roy"),
        ("id_boss_role", None),
        *[(answer, None) for answer in answers[:-1]],
        (answers[-1], "Elle me libère pendant les examens."),
        ("id_testimonial", "Elle adapte mon horaire."),
        ("id_photo_upload", None),
        ("id_consent_publish_first_name", space),
        ("id_consent_publish_testimonial", None),
        ("id_consent_tell_employer", space),
        ("id_consent_results_email", space),
    ]

    def focused_id() -> str:
        return page.evaluate("document.activeElement.id")

    # From the top of the page, through the header's links, to the form's first field; the bots'
    # honeypot is never a stop.
    passed = []
    while focused_id() != "id_first_name" and len(passed) < 20:
        page.keyboard.press("Tab")
        passed.append(focused_id())
    assert passed[-1] == "id_first_name"
    assert f"id_{guards.HONEYPOT_FIELD}" not in passed
    for index, (element_id, keys) in enumerate(steps):
        if index:
            page.keyboard.press("Tab")
        assert focused_id() == element_id
        if keys in {space, arrow_down}:
            page.keyboard.press(keys)
        elif keys:
            page.keyboard.type(keys)
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_accessible_name(fr("Send my nomination"))
    page.keyboard.press(space)

    expect(page).to_have_url(f"{live_server.url}/fr/nominations/sent/")
    expect(heading(page)).to_have_text(fr("Almost done: check your e-mail"))
    nomination = Nomination.objects.select_related("employer__municipality").get()
    assert (
        nomination.first_name,
        nomination.email,
        nomination.age,
        nomination.school_level,
        nomination.hours_per_week,
        nomination.employer.name,
        nomination.employer.municipality.name,
        nomination.employer.sector,
        nomination.boss_name,
    ) == (
        "Léa",
        "lea@example.org",
        16,
        "secondary",
        12,
        EMPLOYER,
        "Sherbrooke",
        "food_service",
        "Ginette Roy",
    )
    assert (
        nomination.consent_publish_first_name,
        nomination.consent_publish_testimonial,
        nomination.consent_tell_employer,
        nomination.consent_results_email,
    ) == (True, False, True, True)
    assert list(nomination.answers.values_list("text", flat=True)) == ["Elle me libère pendant les examens."]
    assert len(mail.outbox) == 1


def test_nomination_form_with_a_missing_field_shows_the_error_beside_it_and_keeps_the_answers(
    page: Page, live_server, open_edition
):
    page.goto(f"{live_server.url}/fr/nominations/new/")
    fill_nomination_form(page, open_edition, skip=("boss_name",))

    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        page.get_by_role("button", name=fr("Send my nomination")).click()

    assert posted.value.status == 400
    summary = page.get_by_role("alert")
    expect(summary.get_by_role("heading")).to_have_text(fr("Please check the form"))
    expect(summary.get_by_role("link")).to_have_attribute("href", "#id_boss_name")
    boss_name = page.locator("#id_boss_name")
    with translation.override("fr"):
        required_message = translation.gettext("This field is required.")
    # The message sits in the field's own block, and is what a screen reader reads with the field.
    expect(page.locator(".field", has=boss_name).locator(".error-text")).to_have_text(required_message)
    expect(boss_name).to_have_attribute("aria-invalid", "true")
    expect(boss_name).to_have_accessible_description(required_message)
    # What was typed, chosen and ticked is still there.
    expect(field(page, fr("Your first name"))).to_have_value("Léa")
    expect(field(page, fr("Your e-mail address"))).to_have_value("lea@example.org")
    expect(field(page, fr("Name of the business where you work"))).to_have_value(EMPLOYER)
    expect(field(page, fr("Municipality of the business"))).to_have_value(
        str(Municipality.objects.get(name="Sherbrooke").pk)
    )
    expect(field(page, fr("In your own words: why is your boss the best?"))).to_have_value(
        "Elle adapte mon horaire."
    )
    expect(page.locator("#id_is_student")).to_be_checked()
    expect(page.locator("#id_consent_publish_first_name")).to_be_checked()
    expect(page.locator("#id_consent_tell_employer")).not_to_be_checked()
    assert Nomination.objects.count() == 0
    assert mail.outbox == []

    # Completing the one missing field is enough to send it.
    field(page, fr_person("Your boss's first and last name")).fill("Ginette Roy")
    page.get_by_role("button", name=fr("Send my nomination")).click()
    expect(heading(page)).to_have_text(fr("Almost done: check your e-mail"))
    assert Nomination.objects.get().boss_name == "Ginette Roy"
