"""Screening by staff (nominations.domain.screening.screen_nomination)."""

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.utils import translation

from contest.enums import Phase
from jury.enums import AwardKind
from jury.models import Assignment, Award
from nominations.domain.employers import claim_urls, employer_for_claim_token
from nominations.domain.nominations import withdraw_nomination
from nominations.domain.screening import ScreeningError, screen_nomination
from nominations.enums import NominationStatus
from nominations.models import Candidacy, EmployerNotice, Nomination
from tests.factories import make_edition, make_employer, make_nomination

pytestmark = pytest.mark.django_db

SITE = "http://testserver/"


@pytest.fixture
def screening_edition():
    return make_edition(Phase.SCREENING)


@pytest.fixture
def employer():
    employer = make_employer("Resto Chez Ginette")
    employer.contact_email = "ginette@example.org"
    employer.save()
    return employer


def _screen(nomination, decision, reason=""):
    return screen_nomination(nomination=nomination, decision=decision, reason=reason, site_url=SITE)


def test_eligible_creates_the_candidacy(screening_edition, employer, django_capture_on_commit_callbacks):
    nomination, _ = make_nomination(edition=screening_edition, employer=employer)

    with django_capture_on_commit_callbacks(execute=True):
        screened = _screen(nomination, NominationStatus.ELIGIBLE)

    assert screened.status == NominationStatus.ELIGIBLE
    assert screened.screened_at is not None
    candidacy = Candidacy.objects.get()
    assert (candidacy.edition, candidacy.employer) == (screening_edition, employer)
    notice = EmployerNotice.objects.get()
    assert (notice.edition, notice.employer) == (screening_edition, employer)


def test_the_employer_is_told_once_on_its_first_eligible_nomination(
    screening_edition, employer, django_capture_on_commit_callbacks
):
    first, _ = make_nomination(edition=screening_edition, employer=employer)
    second, _ = make_nomination(edition=screening_edition, employer=employer)

    with django_capture_on_commit_callbacks(execute=True):
        _screen(first, NominationStatus.ELIGIBLE)
    with django_capture_on_commit_callbacks(execute=True):
        _screen(second, NominationStatus.ELIGIBLE)

    assert Candidacy.objects.count() == 1
    assert [message.to for message in mail.outbox] == [["ginette@example.org"]]
    assert "Resto Chez Ginette" in mail.outbox[0].body
    assert mail.outbox[0].alternatives[0][1] == "text/html"


def test_an_employer_without_contact_is_not_told(screening_edition, django_capture_on_commit_callbacks):
    nomination, _ = make_nomination(edition=screening_edition)

    with django_capture_on_commit_callbacks(execute=True):
        _screen(nomination, NominationStatus.ELIGIBLE)

    assert Candidacy.objects.count() == 1
    assert EmployerNotice.objects.count() == 0
    assert mail.outbox == []


def test_ineligible_needs_a_reason(screening_edition, employer):
    nomination, _ = make_nomination(
        edition=screening_edition, employer=employer, status=NominationStatus.ELIGIBLE
    )

    with translation.override("en"), pytest.raises(ScreeningError, match="Give the reason"):
        _screen(nomination, NominationStatus.INELIGIBLE, reason="   ")

    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.ELIGIBLE


def test_the_youth_gets_the_reason_in_english(
    screening_edition, employer, django_capture_on_commit_callbacks
):
    nomination, _ = make_nomination(edition=screening_edition, employer=employer, email="kim@example.org")
    Nomination.objects.filter(pk=nomination.pk).update(language="en")
    nomination.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        screened = _screen(nomination, NominationStatus.INELIGIBLE, reason="  You are not a student.  ")

    assert screened.screening_reason == "You are not a student."
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["kim@example.org"]
    assert message.subject == "About your nomination — Mon boss c'est le meilleur"
    assert "You are not a student." in message.body
    assert "cannot be accepted" in message.body
    assert "http://testserver/en/privacy/" in message.body
    assert "You are not a student." in message.alternatives[0][0]


def test_the_youth_gets_the_reason_in_french(screening_edition, employer, django_capture_on_commit_callbacks):
    nomination, _ = make_nomination(edition=screening_edition, employer=employer, email="lea@example.org")
    assert nomination.language == "fr"

    with django_capture_on_commit_callbacks(execute=True):
        _screen(nomination, NominationStatus.INELIGIBLE, reason="Tu n'es pas aux études.")

    message = mail.outbox[0]
    assert message.to == ["lea@example.org"]
    assert message.subject == "À propos de ta proposition — Mon boss c'est le meilleur"
    assert "Tu n'es pas aux études." in message.body
    assert "ne peut pas être acceptée" in message.body
    assert "http://testserver/fr/" in message.body


def test_eligible_to_ineligible_removes_the_empty_candidacy(
    screening_edition, employer, django_capture_on_commit_callbacks
):
    nomination, _ = make_nomination(edition=screening_edition, employer=employer)
    with django_capture_on_commit_callbacks(execute=True):
        _screen(nomination, NominationStatus.ELIGIBLE)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        _screen(nomination, NominationStatus.INELIGIBLE, reason="Pas aux études.")

    assert Candidacy.objects.count() == 0
    assert [message.to for message in mail.outbox] == [[nomination.email]]


def test_leaving_eligible_keeps_a_candidacy_with_other_eligible_nominations(screening_edition, employer):
    kept, _ = make_nomination(edition=screening_edition, employer=employer)
    leaving, _ = make_nomination(edition=screening_edition, employer=employer)
    _screen(kept, NominationStatus.ELIGIBLE)
    _screen(leaving, NominationStatus.ELIGIBLE)

    _screen(leaving, NominationStatus.DUPLICATE)

    assert Candidacy.objects.filter(employer=employer).count() == 1


def test_leaving_eligible_keeps_a_candidacy_the_jury_works_on(screening_edition, employer):
    nomination, _ = make_nomination(edition=screening_edition, employer=employer)
    _screen(nomination, NominationStatus.ELIGIBLE)
    juror = User.objects.create_user("jure@example.org", "jure@example.org")
    Assignment.objects.create(candidacy=Candidacy.objects.get(), juror=juror)

    _screen(nomination, NominationStatus.SPAM)

    assert Candidacy.objects.count() == 1
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.SPAM


def test_leaving_eligible_keeps_a_candidacy_that_holds_a_prize(screening_edition, employer):
    nomination, _ = make_nomination(edition=screening_edition, employer=employer)
    _screen(nomination, NominationStatus.ELIGIBLE)
    Award.objects.create(
        edition=screening_edition,
        kind=AwardKind.REGIONAL_PRIZE,
        title="Coup de cœur",
        candidacy=Candidacy.objects.get(),
    )

    _screen(nomination, NominationStatus.SPAM)

    assert Candidacy.objects.count() == 1
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.SPAM


def test_a_pending_nomination_cannot_be_screened(screening_edition, employer):
    nomination, _ = make_nomination(
        edition=screening_edition, employer=employer, status=NominationStatus.PENDING
    )

    with translation.override("en"), pytest.raises(ScreeningError, match="not been confirmed"):
        _screen(nomination, NominationStatus.ELIGIBLE)

    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.PENDING
    assert Candidacy.objects.count() == 0


def test_an_unknown_decision_is_refused(screening_edition, employer):
    nomination, _ = make_nomination(edition=screening_edition, employer=employer)

    with pytest.raises(ScreeningError):
        _screen(nomination, NominationStatus.CONFIRMED)


def test_ineligible_again_with_a_new_reason_tells_the_youth_the_new_reason(
    screening_edition, employer, django_capture_on_commit_callbacks
):
    nomination, _ = make_nomination(edition=screening_edition, employer=employer, email="lea@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        _screen(nomination, NominationStatus.INELIGIBLE, reason="Tu n'es pas aux études.")

    with django_capture_on_commit_callbacks(execute=True):
        _screen(nomination, NominationStatus.INELIGIBLE, reason="Tu as moins de 14 ans.")

    assert [message.to for message in mail.outbox] == [["lea@example.org"], ["lea@example.org"]]
    assert "Tu as moins de 14 ans." in mail.outbox[1].body
    assert "Tu n'es pas aux études." not in mail.outbox[1].body


def test_ineligible_again_with_the_same_reason_sends_nothing_more(
    screening_edition, employer, django_capture_on_commit_callbacks
):
    nomination, _ = make_nomination(edition=screening_edition, employer=employer)
    with django_capture_on_commit_callbacks(execute=True):
        _screen(nomination, NominationStatus.INELIGIBLE, reason="Pas aux études.")

    with django_capture_on_commit_callbacks(execute=True):
        _screen(nomination, NominationStatus.INELIGIBLE, reason="  Pas aux études. ")

    assert len(mail.outbox) == 1


def test_the_employer_is_told_once_even_when_its_candidacy_goes_and_comes_back(
    screening_edition, employer, django_capture_on_commit_callbacks
):
    first, _ = make_nomination(edition=screening_edition, employer=employer)
    second, _ = make_nomination(edition=screening_edition, employer=employer)
    with django_capture_on_commit_callbacks(execute=True):
        _screen(first, NominationStatus.ELIGIBLE)
    told_at = EmployerNotice.objects.get().sent_at
    with django_capture_on_commit_callbacks(execute=True):
        _screen(first, NominationStatus.SPAM)
    assert Candidacy.objects.count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        _screen(second, NominationStatus.ELIGIBLE)

    assert [message.to for message in mail.outbox] == [["ginette@example.org"]]
    assert Candidacy.objects.count() == 1
    assert EmployerNotice.objects.get().sent_at == told_at


def test_the_employer_is_told_once_even_after_a_withdrawal(
    screening_edition, employer, django_capture_on_commit_callbacks
):
    first, _ = make_nomination(edition=screening_edition, employer=employer)
    second, _ = make_nomination(edition=screening_edition, employer=employer)
    with django_capture_on_commit_callbacks(execute=True):
        _screen(first, NominationStatus.ELIGIBLE)
        withdraw_nomination(nomination=first)
    assert Candidacy.objects.count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        _screen(second, NominationStatus.ELIGIBLE)

    assert len(mail.outbox) == 1


def test_the_employer_is_told_again_in_another_edition(
    screening_edition, employer, django_capture_on_commit_callbacks
):
    before, _ = make_nomination(edition=make_edition(Phase.DELIBERATION), employer=employer)
    now, _ = make_nomination(edition=screening_edition, employer=employer)

    with django_capture_on_commit_callbacks(execute=True):
        _screen(before, NominationStatus.ELIGIBLE)
        _screen(now, NominationStatus.ELIGIBLE)

    assert [message.to for message in mail.outbox] == [["ginette@example.org"], ["ginette@example.org"]]


def test_the_employer_gets_its_claim_link_with_the_news(
    screening_edition, employer, django_capture_on_commit_callbacks
):
    nomination, _ = make_nomination(edition=screening_edition, employer=employer)

    with django_capture_on_commit_callbacks(execute=True):
        _screen(nomination, NominationStatus.ELIGIBLE)

    message = mail.outbox[0]
    urls = claim_urls(employer=employer, site_url=SITE)
    html = message.alternatives[0][0]
    for language in ("fr", "en"):
        assert urls[language] in message.body
        assert f'href="{urls[language]}"' in html
    assert "http://testserver/fr/employer/" in urls["fr"]
    assert employer_for_claim_token(urls["fr"].rstrip("/").rsplit("/", 1)[1]) == employer
    assert "Il vous permet d'ajouter votre logo" in message.body
    assert "With it you can add your logo" in message.body
    assert "http://testserver/fr/privacy/" in message.body
    assert "http://testserver/en/privacy/" in message.body
