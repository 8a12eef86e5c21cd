"""Reminders: only jurors with unsubmitted assignments get one, text and HTML, their own data only."""

import pytest
from django.core import mail

from contest.enums import Phase
from jury.domain.reminders import ReminderError, send_jury_reminders
from jury.enums import EvaluationStatus
from jury.models import Assignment
from tests.factories import make_edition
from tests.jury.conftest import employer_in
from tests.jury.fixtures_scoring import assign, make_candidacy, make_juror, move_to

pytestmark = pytest.mark.django_db

SITE = "https://concours.example.org/"


@pytest.fixture
def jury(jury_edition, territory, submit):
    """Three jurors: Léon has one candidacy not started and one in draft, Zoé has submitted all of
    hers, Maude has one not started; plus an inactive juror with work left."""
    boulangerie = make_candidacy(jury_edition, employer=employer_in(territory, "Boulangerie Leclerc"))
    garage = make_candidacy(jury_edition, employer=employer_in(territory, "Garage Dubois"))
    ferme = make_candidacy(jury_edition, employer=employer_in(territory, "Ferme Côté"))
    leon = make_juror("leon@example.org")
    leon.first_name, leon.last_name = "Léon", "Giroux"
    leon.save()
    zoe = make_juror("zoe@example.org")
    maude = make_juror("maude@example.org")
    gone = make_juror("parti@example.org")
    gone.is_active = False
    gone.save()
    assign(boulangerie, leon)
    submit(assign(garage, leon), final=False)
    submit(assign(boulangerie, zoe))
    submit(assign(garage, zoe))
    assign(ferme, maude)
    submit(assign(garage, maude))
    assign(ferme, gone)
    return {"edition": jury_edition, "leon": leon, "zoe": zoe, "maude": maude}


def _message_to(address):
    (message,) = [m for m in mail.outbox if m.to == [address]]
    return message


def test_only_jurors_with_unsubmitted_assignments_get_a_reminder(jury):
    sent = send_jury_reminders(edition=jury["edition"], site_url=SITE)

    assert sent == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["leon@example.org", "maude@example.org"]


def test_reminder_has_a_text_and_an_html_part_with_the_jury_links(jury):
    send_jury_reminders(edition=jury["edition"], site_url=SITE)

    message = _message_to("leon@example.org")
    (html, mimetype) = message.alternatives[0]
    assert mimetype == "text/html"
    assert message.subject == ("Rappel : 2 candidatures à évaluer / Reminder: 2 candidacies to score")
    for body in (message.body, html):
        assert "Bonjour Léon," in body
        assert "Hello Léon," in body
        assert "https://concours.example.org/fr/jury/" in body
        assert "https://concours.example.org/en/jury/" in body
        assert "Boulangerie Leclerc" in body
        assert "Garage Dubois" in body
        assert "dont 1 en brouillon" in body
        assert "1 of them in draft" in body


def test_reminder_holds_no_other_jurors_data(jury):
    send_jury_reminders(edition=jury["edition"], site_url=SITE)

    message = _message_to("maude@example.org")
    html = message.alternatives[0][0]
    for body in (message.body, html):
        assert "Ferme Côté" in body
        # Her submitted candidacy is not listed, nor anything about the other jurors.
        assert "Garage Dubois" not in body
        assert "Boulangerie Leclerc" not in body
        for other in ("leon@example.org", "Léon", "Giroux", "zoe@example.org", "parti@example.org"):
            assert other not in body
    assert message.to == ["maude@example.org"]
    assert message.cc == []
    assert message.bcc == []


def test_no_reminder_when_everything_is_submitted(jury, submit):
    for assignment in Assignment.objects.filter(juror__in=[jury["leon"], jury["maude"]]).exclude(
        evaluation__status=EvaluationStatus.SUBMITTED
    ):
        submit(assignment)

    assert send_jury_reminders(edition=jury["edition"], site_url=SITE) == 0
    assert mail.outbox == []


def test_reminders_of_another_edition_are_not_sent(jury):
    other = make_edition(Phase.JURY)

    assert send_jury_reminders(edition=other, site_url=SITE) == 0
    assert mail.outbox == []


@pytest.mark.parametrize("phase", [Phase.SCREENING, Phase.DELIBERATION, Phase.PUBLISHED])
def test_reminders_outside_the_jury_window_are_refused_and_nothing_is_sent(jury, phase):
    move_to(jury["edition"], phase)

    with pytest.raises(ReminderError):
        send_jury_reminders(edition=jury["edition"], site_url=SITE)

    assert mail.outbox == []


def test_a_juror_taken_out_of_the_jurors_group_gets_no_reminder(jury):
    jury["maude"].groups.clear()

    sent = send_jury_reminders(edition=jury["edition"], site_url=SITE)

    assert sent == 1
    assert [m.to[0] for m in mail.outbox] == ["leon@example.org"]
