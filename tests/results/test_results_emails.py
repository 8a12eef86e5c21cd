"""The results e-mails: who receives what, in which language, once; and the cron command."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from contest.domain.editions import publish_edition
from contest.enums import Phase
from contest.models import Edition
from jury.domain import results_emails
from jury.domain.results_emails import (
    ResultsNotPublished,
    editions_awaiting_results_emails,
    plan_results_emails,
    send_results_emails,
)
from jury.enums import AwardKind
from jury.models import Award
from nominations.domain.employers import employer_for_claim_token
from nominations.enums import NominationStatus
from nominations.models import Candidacy, Employer
from tests.factories import make_edition, make_employer, make_nomination

pytestmark = pytest.mark.django_db

SITE = "https://monboss.example"


def _published_edition():
    edition = make_edition(Phase.DELIBERATION)
    return publish_edition(edition=edition, announce_at=timezone.now() - dt.timedelta(hours=1))


def _employer(name, contact="", **fields):
    employer = make_employer(name)
    Employer.objects.filter(pk=employer.pk).update(contact_email=contact, **fields)
    employer.refresh_from_db()
    return employer


def _nominate(edition, employer, *, status=NominationStatus.ELIGIBLE, **fields):
    nomination, _token = make_nomination(edition=edition, employer=employer, status=status, **fields)
    Candidacy.objects.get_or_create(edition=edition, employer=employer)
    return nomination


def _crown(edition, employer):
    candidacy = Candidacy.objects.get(edition=edition, employer=employer)
    return Award.objects.create(
        edition=edition, kind=AwardKind.TERRITORY_WINNER, territory=employer.territory, candidacy=candidacy
    )


def _to(address):
    messages = [message for message in mail.outbox if message.to == [address]]
    assert len(messages) == 1, f"{len(messages)} e-mails to {address}"
    return messages[0], messages[0].alternatives[0][0]


@pytest.fixture
def results():
    """A published edition: a winner, an engaged employer, one without contact e-mail, and youths."""
    edition = _published_edition()
    winner = _employer("Resto Chez Ginette", "ginette@example.org")
    engaged = _employer("Garage Tremblay", "garage@example.org")
    silent = _employer("Ferme Sans Courriel")
    _nominate(edition, winner, email="lea@example.org", first_name="Léa", consent_results_email=True)
    _nominate(
        edition,
        winner,
        email="sam@example.org",
        first_name="Samuel",
        last_name="Gagnon",
        consent_results_email=True,
        language="en",
    )
    _nominate(edition, engaged, email="no-consent@example.org", first_name="Noé", consent_results_email=False)
    _nominate(edition, silent, email="zoe@example.org", first_name="Zoé", consent_results_email=True)
    _crown(edition, winner)
    return {"edition": edition, "winner": winner, "engaged": engaged, "silent": silent}


def test_results_go_to_winners_engaged_employers_and_consenting_youths(results):
    report = send_results_emails(edition=results["edition"], site_url=SITE)

    assert (report.winners, report.engaged, report.youths, report.employers_without_email) == (1, 1, 3, 1)
    assert report.total == 5
    assert sorted(address for message in mail.outbox for address in message.to) == [
        "garage@example.org",
        "ginette@example.org",
        "lea@example.org",
        "sam@example.org",
        "zoe@example.org",
    ]


def test_winner_is_congratulated_in_french_then_english_with_its_links(results):
    edition = results["edition"]
    send_results_emails(edition=edition, site_url=SITE)

    message, html = _to("ginette@example.org")
    assert message.subject == (
        f"Félicitations : meilleur boss {edition.year} — Sherbrooke / "
        f"Congratulations: best boss {edition.year} — Sherbrooke"
    )
    assert message.body.index("Félicitations!") < message.body.index("Congratulations!")
    assert f"meilleur boss {edition.year} du territoire Sherbrooke" in message.body
    assert f"{SITE}/fr/winners/{edition.year}/" in message.body
    assert f"{SITE}/en/winners/{edition.year}/" in message.body
    token = message.body.split(f"{SITE}/fr/employer/", 1)[1].split("/", 1)[0]
    assert employer_for_claim_token(token) == results["winner"]
    assert f"{SITE}/fr/employer/{token}/badge.png?year={edition.year}&lang=fr" in message.body
    assert f"{SITE}/en/employer/{token}/certificate.pdf?year={edition.year}&lang=en" in message.body
    assert f"{SITE}/fr/employer/{token}/\n" in message.body
    assert f"{SITE}/en/employer/{token}/\n" in message.body
    assert f'href="{SITE}/fr/employer/{token}/badge.png?year={edition.year}&amp;lang=fr"' in html


def test_engaged_employer_gets_the_claim_link_and_badge(results):
    edition = results["edition"]
    send_results_emails(edition=edition, site_url=SITE)

    message, _html = _to("garage@example.org")
    assert message.subject == (
        f"Employeur engagé pour la réussite éducative {edition.year} / "
        f"Employer committed to educational success {edition.year}"
    )
    token = message.body.split(f"{SITE}/fr/employer/", 1)[1].split("/", 1)[0]
    assert employer_for_claim_token(token) == results["engaged"]
    assert f"/fr/employer/{token}/badge.png?year={edition.year}&lang=fr" in message.body
    assert "Félicitations" not in message.body
    assert "retirée de la liste publique" not in message.body


def test_youths_hear_in_their_own_language_and_never_about_other_youths(results):
    edition = results["edition"]
    send_results_emails(edition=edition, site_url=SITE)

    french, french_html = _to("lea@example.org")
    english, english_html = _to("sam@example.org")
    assert f"{SITE}/fr/winners/{edition.year}/" in french.body
    assert f"{SITE}/en/" not in french.body
    assert '<html lang="fr">' in french_html
    assert f"{SITE}/en/winners/{edition.year}/" in english.body
    assert '<html lang="en">' in english_html
    assert english.subject == f"The results of « Mon boss c'est le meilleur » {edition.year}"
    assert english.body.startswith("Hello Samuel,")
    assert f"Resto Chez Ginette was named best boss {edition.year} of Sherbrooke." in english.body
    for other in ("Léa", "Zoé", "Noé", "lea@example.org", "Tremblay"):
        assert other not in english.body
        assert other not in english_html
    for other in ("Samuel", "Gagnon", "sam@", "Zoé", "Noé"):
        assert other not in french.body
    # No claim link for a youth.
    assert "/employer/" not in english.body


def test_youth_without_consent_or_not_eligible_gets_nothing(results):
    edition = results["edition"]
    _nominate(
        edition,
        results["engaged"],
        email="refused@example.org",
        status=NominationStatus.INELIGIBLE,
        consent_results_email=True,
    )

    send_results_emails(edition=edition, site_url=SITE)

    addresses = [address for message in mail.outbox for address in message.to]
    assert "no-consent@example.org" not in addresses
    assert "refused@example.org" not in addresses


def test_youth_who_nominated_two_employers_gets_one_e_mail_naming_both():
    edition = _published_edition()
    first, second = _employer("Resto Chez Ginette"), _employer("Garage Tremblay")
    _nominate(edition, first, email="lea@example.org", consent_results_email=True, language="en")
    _nominate(edition, second, email="lea@example.org", consent_results_email=True, language="en")

    report = send_results_emails(edition=edition, site_url=SITE)

    message, _html = _to("lea@example.org")
    assert report.youths == 1
    assert "Resto Chez Ginette is recognised as an employer committed to educational success" in message.body
    assert "Garage Tremblay is recognised as an employer committed to educational success" in message.body


def test_employer_out_of_the_public_list_still_gets_its_own_e_mail_saying_so():
    edition = _published_edition()
    employer = _employer("Garage Discret", "discret@example.org", public_opt_out=True)
    _nominate(edition, employer)

    send_results_emails(edition=edition, site_url=SITE)

    message, html = _to("discret@example.org")
    assert "votre entreprise est retirée de la liste publique des employeurs engagés" in message.body
    assert "your business is left out of the public list of engaged employers" in message.body
    assert "left out of the public list" in html


def test_regional_prize_is_mentioned_to_its_employer():
    edition = _published_edition()
    employer = _employer("Garage Tremblay", "garage@example.org")
    _nominate(edition, employer)
    Award.objects.create(
        edition=edition,
        kind=AwardKind.REGIONAL_PRIZE,
        title="Coup de cœur",
        candidacy=Candidacy.objects.get(employer=employer),
    )

    send_results_emails(edition=edition, site_url=SITE)

    message, _html = _to("garage@example.org")
    assert "Votre entreprise reçoit aussi : Coup de cœur." in message.body
    assert "Your business also receives: Coup de cœur." in message.body


def test_results_are_e_mailed_only_once(results):
    edition = results["edition"]
    send_results_emails(edition=edition, site_url=SITE)
    mail.outbox.clear()

    again = send_results_emails(edition=edition, site_url=SITE)

    edition.refresh_from_db()
    assert again.already_sent is True
    assert again.total == 0
    assert mail.outbox == []
    assert edition.results_emailed_at is not None
    assert list(editions_awaiting_results_emails()) == []


def test_no_e_mail_under_embargo():
    edition = make_edition(Phase.DELIBERATION)
    _nominate(edition, _employer("Garage Tremblay", "garage@example.org"), consent_results_email=True)
    publish_edition(edition=edition, announce_at=timezone.now() + dt.timedelta(days=1))

    with pytest.raises(ResultsNotPublished):
        send_results_emails(edition=edition, site_url=SITE)

    edition.refresh_from_db()
    assert mail.outbox == []
    assert edition.results_emailed_at is None
    assert list(editions_awaiting_results_emails()) == []


def test_failure_before_the_first_e_mail_lets_the_next_run_try_again(results, monkeypatch):
    def broken(**kwargs):
        raise ConnectionRefusedError

    monkeypatch.setattr(results_emails, "send_templated_email", broken)

    with pytest.raises(ConnectionRefusedError):
        send_results_emails(edition=results["edition"], site_url=SITE)

    assert Edition.objects.get(pk=results["edition"].pk).results_emailed_at is None


def test_failure_after_some_e_mails_keeps_the_edition_marked_as_sent(results, monkeypatch):
    real = results_emails.send_templated_email
    calls = []

    def fails_second(**kwargs):
        calls.append(kwargs["to"])
        if len(calls) == 2:
            raise ConnectionRefusedError
        real(**kwargs)

    monkeypatch.setattr(results_emails, "send_templated_email", fails_second)

    with pytest.raises(ConnectionRefusedError):
        send_results_emails(edition=results["edition"], site_url=SITE)

    assert len(mail.outbox) == 1
    assert Edition.objects.get(pk=results["edition"].pk).results_emailed_at is not None


def test_progress_wrapper_sees_every_e_mail(results):
    seen = []

    def progress(outgoing):
        seen.extend(message.kind for message in outgoing)
        return outgoing

    send_results_emails(edition=results["edition"], site_url=SITE, progress=progress)

    assert sorted(seen) == ["engaged", "winner", "youth", "youth", "youth"]


def test_planning_runs_the_same_number_of_queries_for_1_or_3_employers():
    def queries_for(count):
        edition = _published_edition()
        for index in range(count):
            employer = _employer(f"Commerce {edition.year} {index}", f"c{index}@example.org")
            _nominate(edition, employer, consent_results_email=True)
            if index == 0:
                _crown(edition, employer)
        with CaptureQueriesContext(connection) as queries:
            outgoing, _report = plan_results_emails(edition=edition, site_url=SITE)
        assert len(outgoing) == 2 * count
        return len(queries)

    assert queries_for(1) == queries_for(3)


# The command -----------------------------------------------------------------------------------------


def test_dry_run_says_how_many_and_sends_nothing(results):
    out = StringIO()

    call_command("send_results_emails", "--dry-run", stdout=out)

    year = results["edition"].year
    assert out.getvalue() == (
        f"{year}: would send 5 e-mails (1 to winners, 1 to engaged employers, 3 to youths); "
        "1 employer without a contact e-mail skipped.\n"
    )
    assert mail.outbox == []
    assert Edition.objects.get(pk=results["edition"].pk).results_emailed_at is None


def test_command_sends_once_and_is_silent_when_nothing_is_left(results):
    first, second = StringIO(), StringIO()

    call_command("send_results_emails", "--site-url", SITE, stdout=first)
    sent = len(mail.outbox)
    call_command("send_results_emails", "--site-url", SITE, stdout=second)

    year = results["edition"].year
    assert first.getvalue() == (
        f"{year}: sent 5 e-mails (1 to winners, 1 to engaged employers, 3 to youths); "
        "1 employer without a contact e-mail skipped.\n"
    )
    assert sent == 5
    assert len(mail.outbox) == 5
    assert second.getvalue() == ""


def test_command_dry_run_with_nothing_to_send_says_so(db):
    out = StringIO()

    call_command("send_results_emails", "--dry-run", stdout=out)

    assert out.getvalue() == "No results e-mails to send.\n"


def test_command_needs_the_site_address(results, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)

    with pytest.raises(CommandError, match="--site-url"):
        call_command("send_results_emails", "--site-url", "")

    assert mail.outbox == []


def test_command_leaves_editions_under_embargo_alone():
    edition = make_edition(Phase.DELIBERATION)
    _nominate(edition, _employer("Garage Tremblay", "garage@example.org"))
    publish_edition(edition=edition, announce_at=timezone.now() + dt.timedelta(hours=2))
    out = StringIO()

    call_command("send_results_emails", "--site-url", SITE, stdout=out)

    assert out.getvalue() == ""
    assert mail.outbox == []


def test_command_refuses_to_send_through_a_backend_that_only_prints(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    with pytest.raises(CommandError, match="only prints e-mails"):
        call_command("send_results_emails", site_url="https://example.org", stdout=StringIO())
