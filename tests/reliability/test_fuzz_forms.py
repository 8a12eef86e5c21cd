"""Every form of the project, fuzzed with hypothesis: empty, very long, control characters, NUL, random
unicode, wrong types (lists, numbers, huge and negative integers), missing and extra fields.

Whatever is posted: never an error 500, and a refused post changes nothing (no half-saved nomination,
an evaluation as it was...). Each example runs in a savepoint rolled back at its end, so every example
starts from the same data. Examples are random on a developer's machine and fixed under CI (CI=true);
``FUZZ_EXAMPLES`` sets how many each form gets (tests/reliability/fuzzing.py).
"""

from __future__ import annotations

import datetime as dt
import time
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.forms.models import model_to_dict
from django.test import Client
from django.utils import timezone, translation

from contest.domain.incidents import record_incident
from contest.domain.roles import JUROR_GROUP, STAFF_GROUP
from contest.enums import Phase
from contest.forms import PrivacyIncidentForm
from contest.models import AuditEvent, Criterion, Edition, PrivacyIncident, Territory
from jury.domain.awards import add_regional_prize
from jury.domain.invitations import invitation_path
from jury.domain.scoring import save_evaluation
from jury.models import Assignment, Award, Conflict, Evaluation, PanelMembership
from nominations.domain.employers import make_claim_token
from nominations.domain.privacy import make_parent_code
from nominations.domain.tokens import make_confirmation_code
from nominations.enums import NominationStatus
from nominations.models import Candidacy, Employer, Nomination, TestimonialAnswer
from tests.factories import make_edition, make_employer, make_nomination, nomination_post_data
from tests.jury.conftest import employer_in
from tests.jury.fixtures_scoring import assign, make_candidacy, make_juror, use_two_criteria
from tests.reliability.fuzzing import MODEL_BACKEND, PASSWORD, account, fuzz, login, redirected

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db) -> Client:
    return login(account("staff@example.org", group=STAFF_GROUP, is_staff=True))


@pytest.fixture
def juror(db) -> User:
    return account("juror@example.org", group=JUROR_GROUP)


# The youth's forms --------------------------------------------------------------------------------------


def test_fuzz_public_nomination_form(client, edition, guard_fields):
    def snapshot():
        return (Nomination.objects.count(), Employer.objects.count(), TestimonialAnswer.objects.count())

    fuzz(
        "public nomination form",
        post=lambda data: client.post("/fr/nominations/new/", data),
        base={**nomination_post_data(edition), **guard_fields},
        snapshot=snapshot,
        succeeded=lambda response: (
            response.status_code == 302
            and response["Location"] == "/fr/nominations/sent/"
            and Nomination.objects.count() == 1
        ),
        keep=tuple(guard_fields),
    )


def test_fuzz_private_edit_form(client, edition):
    nomination, token = make_nomination(edition=edition)
    base = {
        key: value
        for key, value in nomination_post_data(edition).items()
        if key not in {"email", "employer_name", "municipality", "sector", "employer_contact_email"}
    }

    def snapshot():
        fresh = Nomination.objects.get(pk=nomination.pk)
        return model_to_dict(fresh), sorted(fresh.answers.values_list("criterion_id", "text"))

    fuzz(
        "private edit form",
        post=lambda data: client.post(f"/fr/nominations/mine/{token}/edit/", data),
        base=base,
        snapshot=snapshot,
        succeeded=lambda response: (
            response.status_code == 302 and response["Location"] == f"/fr/nominations/mine/{token}/"
        ),
    )


def test_fuzz_employer_claim_form(client, db):
    employer = make_employer("Resto Chez Ginette")
    token = make_claim_token(employer)

    def snapshot():
        return model_to_dict(Employer.objects.get(pk=employer.pk))

    fuzz(
        "employer claim form",
        post=lambda data: client.post(f"/fr/employer/{token}/", data),
        base={
            "description": "Un resto familial.",
            "website": "https://resto.example.org",
            "public_opt_out": "on",
            "remove_logo": "",
        },
        snapshot=snapshot,
        succeeded=redirected,
    )


# The jury's forms ---------------------------------------------------------------------------------------


@pytest.fixture
def jury_case(db, juror):
    """A juror assigned to a candidacy of an edition in its jury window, with a draft of two scores."""
    edition = make_edition(Phase.JURY)
    nomination, _token = make_nomination(edition=edition, status=NominationStatus.ELIGIBLE)
    candidacy = Candidacy.objects.create(edition=edition, employer=nomination.employer)
    assignment = Assignment.objects.create(candidacy=candidacy, juror=juror)
    criteria = list(Criterion.objects.for_edition(edition))
    evaluation = Evaluation.objects.create(assignment=assignment, comment="Premier jet")
    for criterion in criteria[:2]:
        evaluation.scores.create(criterion=criterion, value=criterion.scale_min)
    return {"client": login(juror), "candidacy": candidacy, "assignment": assignment, "criteria": criteria}


def evaluation_state(assignment):
    evaluation = Evaluation.objects.filter(assignment=assignment).first()
    if evaluation is None:
        return None
    scores = sorted(evaluation.scores.values_list("criterion_id", "value"))
    return model_to_dict(evaluation), scores, Evaluation.objects.count()


def test_fuzz_score_form(jury_case):
    criteria, candidacy = jury_case["criteria"], jury_case["candidacy"]
    base = {f"criterion_{c.pk}": str(c.scale_max) for c in criteria}
    base.update(comment="Un milieu de travail qui respecte les examens.", action="submit")

    fuzz(
        "score form",
        post=lambda data: jury_case["client"].post(f"/fr/jury/candidacies/{candidacy.pk}/evaluate/", data),
        base=base,
        snapshot=lambda: evaluation_state(jury_case["assignment"]),
        succeeded=redirected,
    )


def test_fuzz_juror_conflict_form(jury_case):
    candidacy = jury_case["candidacy"]

    fuzz(
        "conflict form (juror)",
        post=lambda data: jury_case["client"].post(f"/fr/jury/candidacies/{candidacy.pk}/conflict/", data),
        base={"reason": "Ma cousine y travaille."},
        snapshot=lambda: (
            sorted(Conflict.objects.values_list("juror_id", "candidacy_id", "reason")),
            evaluation_state(jury_case["assignment"]),
            Assignment.objects.count(),
        ),
        succeeded=redirected,
    )


def test_fuzz_login_form(client, juror):
    def snapshot():
        return User.objects.get(pk=juror.pk).last_login

    fuzz(
        "login form",
        post=lambda data: client.post("/fr/accounts/login/", data),
        base={"login": "juror@example.org", "password": PASSWORD, "remember": "on"},
        snapshot=snapshot,
        succeeded=lambda response: response.status_code == 302 and response["Location"] == "/fr/jury/",
    )


# The staff's forms --------------------------------------------------------------------------------------


def test_fuzz_screening_form(staff, edition):
    nomination, _token = make_nomination(edition=edition, status=NominationStatus.CONFIRMED)

    def snapshot():
        return model_to_dict(Nomination.objects.get(pk=nomination.pk)), Candidacy.objects.count()

    fuzz(
        "screening form",
        post=lambda data: staff.post(f"/fr/staff/nominations/{nomination.pk}/", data),
        base={"decision": NominationStatus.INELIGIBLE, "reason": "Tu as moins de 14 ans.", "next": ""},
        snapshot=snapshot,
        succeeded=redirected,
    )


def test_fuzz_merge_form(staff, edition):
    source = make_nomination(edition=edition, employer=make_employer("Resto Ginette"))[0].employer
    target = make_nomination(edition=edition, employer=make_employer("Resto Chez Ginette"))[0].employer

    def snapshot():
        return sorted(Employer.objects.values_list("pk", flat=True)), sorted(
            Nomination.objects.values_list("pk", "employer_id")
        )

    fuzz(
        "merge form",
        post=lambda data: staff.post("/fr/staff/employers/merge/", data),
        base={"q": "ginette", "source": str(source.pk), "target": str(target.pk), "confirm": "1"},
        snapshot=snapshot,
        succeeded=redirected,
    )


def test_fuzz_staff_conflict_form(staff, jury_case):
    edition = jury_case["candidacy"].edition
    other = account("juror2@example.org", group=JUROR_GROUP)

    fuzz(
        "conflict form (staff)",
        post=lambda data: staff.post(f"/fr/staff/conflicts/?edition={edition.pk}", data),
        base={"juror": str(other.pk), "candidacy": str(jury_case["candidacy"].pk), "reason": "Son frère."},
        snapshot=lambda: sorted(Conflict.objects.values_list("juror_id", "candidacy_id", "reason")),
        succeeded=redirected,
    )


def test_fuzz_panel_form(staff, jury_case, juror):
    edition = jury_case["candidacy"].edition
    territory = Territory.objects.get(slug="sherbrooke")
    other = account("juror2@example.org", group=JUROR_GROUP)

    fuzz(
        "panel form",
        post=lambda data: staff.post(f"/fr/staff/panels/{territory.slug}/?edition={edition.pk}", data),
        base={"jurors": [str(juror.pk), str(other.pk)]},
        snapshot=lambda: sorted(
            PanelMembership.objects.values_list("edition_id", "territory_id", "juror_id")
        ),
        succeeded=redirected,
    )


@pytest.fixture
def deliberation(db):
    """An edition whose jury window is closed, with a candidacy that has an eligible nomination."""
    edition = make_edition(Phase.DELIBERATION)
    nomination, _token = make_nomination(edition=edition, status=NominationStatus.ELIGIBLE)
    candidacy = Candidacy.objects.create(edition=edition, employer=nomination.employer)
    return edition, candidacy


def test_fuzz_prize_form(staff, deliberation):
    edition, candidacy = deliberation

    fuzz(
        "prize form",
        post=lambda data: staff.post(f"/fr/staff/prizes/?edition={edition.pk}", data),
        base={"title": "Coup de cœur", "candidacy": str(candidacy.pk), "reason": "Un milieu exemplaire."},
        snapshot=lambda: sorted(Award.objects.values_list("pk", "candidacy_id", "title")),
        succeeded=redirected,
    )


def test_fuzz_publish_form(staff, deliberation):
    edition, _candidacy = deliberation
    announce = edition.announce_at.astimezone().strftime("%Y-%m-%dT%H:%M")

    def snapshot():
        return model_to_dict(Edition.objects.get(pk=edition.pk))

    fuzz(
        "publish form",
        post=lambda data: staff.post(f"/fr/staff/publish/?edition={edition.pk}", data),
        base={"announce_at": announce, "action": "publish"},
        snapshot=snapshot,
        succeeded=redirected,
    )


def test_fuzz_invitation_form(staff, db):
    def snapshot():
        return sorted(User.objects.values_list("email", "first_name", "last_name"))

    fuzz(
        "invitation form",
        post=lambda data: staff.post("/fr/staff/jurors/invite/", data),
        base={"email": "nouveau@example.org", "first_name": "Nadia", "last_name": "Roy", "language": "fr"},
        snapshot=snapshot,
        succeeded=redirected,
    )


# The youth's and the parent's other forms -----------------------------------------------------------------


def test_fuzz_parent_consent_form(client, edition):
    nomination, _token = make_nomination(
        edition=edition, status=NominationStatus.AWAITING_PARENT, age=13, parent_email="parent@example.org"
    )
    url = f"/fr/nominations/parent/{make_parent_code(nomination)}/"

    def snapshot():
        return list(
            Nomination.objects.values_list("pk", "status", "parent_consented_at")
        ), AuditEvent.objects.count()

    fuzz(
        "parent consent form",
        post=lambda data: client.post(url, data),
        base={"decision": "consent"},
        snapshot=snapshot,
        succeeded=lambda response: (
            response.status_code == 200
            and Nomination.objects.get(pk=nomination.pk).status == NominationStatus.CONFIRMED
            and AuditEvent.objects.filter(action="privacy.parent_consented").count() == 1
        ),
    )


def test_fuzz_confirmation_resend_form(client, edition, settings):
    nomination, token = make_nomination(edition=edition, status=NominationStatus.PENDING)
    expired = time.time() - settings.NOMINATION_CONFIRM_MAX_AGE - 60
    with mock.patch("time.time", return_value=expired):
        code = make_confirmation_code(nomination_id=nomination.pk, token=token)

    def snapshot():
        return list(Nomination.objects.values_list("pk", "token_hash", "confirmed_at"))

    fuzz(
        "confirmation resend form",
        post=lambda data: client.post(f"/fr/nominations/confirm/{code}/resend/", data),
        base={},
        snapshot=snapshot,
        succeeded=lambda response: (
            response.status_code == 302
            and response["Location"] == "/fr/nominations/sent/"
            and Nomination.objects.get(pk=nomination.pk).token_hash != nomination.token_hash
        ),
    )


# The jury's other forms ---------------------------------------------------------------------------------


def test_fuzz_invitation_acceptance_form(client, db):
    invited = account("nouveau@example.org", group=JUROR_GROUP)
    invited.set_unusable_password()
    invited.save()
    with translation.override("fr"):
        url = invitation_path(invited)

    def snapshot():
        return User.objects.get(pk=invited.pk).password

    fuzz(
        "invitation acceptance form",
        post=lambda data: client.post(url, data),
        base={"new_password1": PASSWORD, "new_password2": PASSWORD},
        snapshot=snapshot,
        succeeded=lambda response: response.status_code == 302 and response["Location"] == "/fr/jury/",
    )


# The staff's other forms --------------------------------------------------------------------------------


@pytest.fixture
def board(jury_case):
    """The jury case, with a second active juror, a submitted evaluation of a second candidacy, and the
    assignments board's query string that actions carry back."""
    edition = jury_case["candidacy"].edition
    other = account("juror2@example.org", group=JUROR_GROUP)
    second = make_candidacy(edition, employer=employer_in(Territory.objects.get(slug="sherbrooke"), "Garage"))
    submitted = save_evaluation(
        assignment=assign(second, other),
        values={criterion.pk: criterion.scale_max for criterion in jury_case["criteria"]},
        submit=True,
    )
    return {
        **jury_case,
        "other": other,
        "submitted": submitted,
        "back": "territory=sherbrooke&q=resto&page=1",
    }


def assignments_state():
    return (
        sorted(Assignment.objects.values_list("candidacy_id", "juror_id")),
        sorted(Evaluation.objects.values_list("pk", "submitted_at")),
        sorted(AuditEvent.objects.values_list("action", flat=True)),
    )


def fuzz_board_action(staff, board, name: str, url: str, *, data: dict, done, action: str) -> None:
    """A button of the assignments board (it carries the board's query back): accepted when ``done()``
    and its one audit event ``action`` are there."""
    fuzz(
        name,
        post=lambda posted: staff.post(url, posted),
        base={**data, "back": board["back"]},
        snapshot=assignments_state,
        succeeded=lambda response: (
            redirected(response) and done() and AuditEvent.objects.filter(action=action).count() == 1
        ),
    )


def test_fuzz_assignment_add_form(staff, board):
    candidacy, other = board["candidacy"], board["other"]

    fuzz_board_action(
        staff,
        board,
        "assignment add form",
        "/fr/staff/assignments/add/",
        data={"candidacy": str(candidacy.pk), "juror": str(other.pk)},
        done=lambda: Assignment.objects.filter(candidacy=candidacy, juror=other).exists(),
        action="assignment.added",
    )


def test_fuzz_assignment_remove_form(staff, board):
    assignment = board["assignment"]

    fuzz_board_action(
        staff,
        board,
        "assignment remove form",
        f"/fr/staff/assignments/{assignment.pk}/remove/",
        data={},
        done=lambda: not Assignment.objects.filter(pk=assignment.pk).exists(),
        action="assignment.removed",
    )


def test_fuzz_evaluation_reopen_form(staff, board):
    evaluation = board["submitted"]

    fuzz_board_action(
        staff,
        board,
        "evaluation reopen form",
        f"/fr/staff/evaluations/{evaluation.pk}/reopen/",
        data={},
        done=lambda: Evaluation.objects.get(pk=evaluation.pk).submitted_at is None,
        action="evaluation.reopened",
    )


def test_fuzz_reminder_form(staff, board):
    edition = board["candidacy"].edition

    fuzz(
        "reminder form",
        post=lambda data: staff.post(f"/fr/staff/progress/remind/?edition={edition.pk}", data),
        base={},
        snapshot=lambda: (len(mail.outbox), assignments_state()),
        succeeded=redirected,
    )


@pytest.fixture
def ranked(db):
    """An edition whose jury window just closed, with two scored candidacies in Sherbrooke."""
    edition = make_edition(Phase.JURY)
    first, second = use_two_criteria(edition)
    juror = make_juror("ana@example.org")
    sherbrooke = Territory.objects.get(slug="sherbrooke")
    candidacies = []
    for name, value in (("Alpha", 4), ("Bravo", 2)):
        candidacy = make_candidacy(edition, employer=employer_in(sherbrooke, name))
        save_evaluation(
            assignment=assign(candidacy, juror), values={first.pk: value, second.pk: value}, submit=True
        )
        candidacies.append(candidacy)
    Edition.objects.filter(pk=edition.pk).update(jury_close_at=timezone.now() - dt.timedelta(hours=1))
    return edition, candidacies


def awards_state():
    return sorted(Award.objects.values_list("pk", "kind", "candidacy_id", "title", "reason", "is_override"))


def test_fuzz_winner_form(staff, ranked):
    edition, (alpha, _bravo) = ranked

    fuzz(
        "winner form",
        post=lambda data: staff.post(f"/fr/staff/deliberation/sherbrooke/winner/?edition={edition.pk}", data),
        base={"candidacy": str(alpha.pk), "reason": "Le plus haut score, des témoignages concrets."},
        snapshot=awards_state,
        succeeded=redirected,
    )


def test_fuzz_prize_remove_form(staff, ranked):
    edition, (_alpha, bravo) = ranked
    prize = add_regional_prize(edition=edition, title="Coup de cœur", candidacy=bravo, chosen_by=None)

    fuzz(
        "prize remove form",
        post=lambda data: staff.post(f"/fr/staff/prizes/{prize.pk}/remove/", data),
        base={},
        snapshot=awards_state,
        succeeded=lambda response: redirected(response) and not Award.objects.filter(pk=prize.pk).exists(),
    )


def incident_data() -> dict:
    today = timezone.localdate()
    return {
        "occurred_on": (today - dt.timedelta(days=10)).isoformat(),
        "discovered_on": (today - dt.timedelta(days=8)).isoformat(),
        "nature": "Courriel de rappel envoyé avec les adresses visibles.",
        "data_concerned": "Adresses courriel",
        "people_affected": "Environ 40 jeunes de Coaticook",
        "people_affected_count": "40",
        "risk_of_serious_injury": "on",
        "measures_taken": "Demande de suppression envoyée aux destinataires.",
        "reported_to_commission_at": (today - dt.timedelta(days=7)).isoformat(),
        "people_notified_at": "",
    }


def incidents_state():
    return [
        model_to_dict(incident) for incident in PrivacyIncident.objects.order_by("pk")
    ], AuditEvent.objects.count()


def test_fuzz_incident_add_form(staff, db):
    fuzz(
        "incident add form",
        post=lambda data: staff.post("/fr/staff/incidents/", data),
        base=incident_data(),
        snapshot=incidents_state,
        succeeded=redirected,
    )


def test_fuzz_incident_edit_form(staff, db):
    form = PrivacyIncidentForm(incident_data())
    assert form.is_valid(), form.errors
    incident = record_incident(recorded_by=None, **form.cleaned_data)
    notified = (timezone.localdate() - dt.timedelta(days=6)).isoformat()

    fuzz(
        "incident edit form",
        post=lambda data: staff.post(f"/fr/staff/incidents/{incident.pk}/", data),
        base={
            **incident_data(),
            "measures_taken": "Les jeunes ont été avisés.",
            "people_notified_at": notified,
        },
        snapshot=incidents_state,
        succeeded=redirected,
    )


# The account's forms ------------------------------------------------------------------------------------


def test_fuzz_password_reset_form(client, juror):
    fuzz(
        "password reset form",
        post=lambda data: client.post("/fr/accounts/password/reset/", data),
        base={"email": "juror@example.org"},
        snapshot=lambda: (len(mail.outbox), User.objects.get(pk=juror.pk).password),
        succeeded=lambda response: (
            response.status_code == 302 and response["Location"] == "/fr/accounts/password/reset/done/"
        ),
    )


def test_fuzz_password_change_form(client, juror):
    def post(data):
        # A change made by an earlier example was rolled back with its session: sign in again.
        client.force_login(juror, backend=MODEL_BACKEND)
        return client.post("/fr/accounts/password/change/", data)

    fuzz(
        "password change form",
        post=post,
        base={
            "oldpassword": PASSWORD,
            "password1": "nouveau-passe-bien-long-2026",
            "password2": "nouveau-passe-bien-long-2026",
        },
        snapshot=lambda: User.objects.get(pk=juror.pk).password,
        succeeded=lambda response: (
            redirected(response) and not User.objects.get(pk=juror.pk).check_password(PASSWORD)
        ),
    )


# What the fuzzing found (each was an error 500) ---------------------------------------------------------


@pytest.mark.parametrize("number", [2**63, -(2**63) - 1, 10**30])
def test_merge_form_with_an_id_beyond_64_bits_is_refused(staff, edition, number):
    target = make_nomination(edition=edition, employer=make_employer("Resto Chez Ginette"))[0].employer

    response = staff.post(
        "/fr/staff/employers/merge/",
        {"q": str(number), "source": str(number), "target": str(target.pk), "confirm": "1"},
    )

    assert response.status_code == 400
    assert Employer.objects.filter(pk=target.pk).exists()


@pytest.mark.parametrize("number", [2**63, -(2**63) - 1, 10**30])
def test_panel_form_with_an_id_beyond_64_bits_is_refused(staff, jury_case, number):
    edition = jury_case["candidacy"].edition

    response = staff.post(f"/fr/staff/panels/sherbrooke/?edition={edition.pk}", {"jurors": [str(number)]})

    assert response.status_code == 200
    assert (
        '<p class="error-text" id="id_jurors_error">'
        "Ce membre du jury n&#x27;existe pas ou n&#x27;est plus actif.</p>"
    ) in response.content.decode()
    assert PanelMembership.objects.count() == 0


@pytest.mark.parametrize(
    "next_url", ["0", "home", "staff:home", "javascript:alert(1)", "//evil.example.org/"]
)
def test_screening_with_a_next_address_that_is_not_a_path_goes_back_to_the_queue(staff, edition, next_url):
    nomination, _token = make_nomination(edition=edition, status=NominationStatus.CONFIRMED)

    response = staff.post(
        f"/fr/staff/nominations/{nomination.pk}/",
        {"decision": NominationStatus.ELIGIBLE, "reason": "", "next": next_url},
    )

    assert response.status_code == 302
    assert response["Location"] == "/fr/staff/screening/"


@pytest.mark.parametrize("next_url", ["0", "home", "//evil.example.org/"])
def test_claim_link_with_a_next_address_that_is_not_a_path_goes_back_to_the_staff_home(staff, db, next_url):
    employer = make_employer("Resto Chez Ginette")

    response = staff.post(f"/fr/staff/employers/{employer.pk}/send-claim-link/", {"next": next_url})

    assert response.status_code == 302
    assert response["Location"] == "/fr/staff/"


# An id of thousands of digits: Python refuses to read an integer of more than 4,300 digits (ValueError,
# an error 500 in contest.access.int_or_404, which every ``?edition=`` of the staff pages goes through).
THOUSANDS_OF_DIGITS = "9" * 5000


def test_assignment_add_with_a_candidacy_id_of_thousands_of_digits_is_not_found(staff, board):
    before = assignments_state()

    response = staff.post(
        "/fr/staff/assignments/add/",
        {"candidacy": THOUSANDS_OF_DIGITS, "juror": str(board["other"].pk), "back": board["back"]},
    )

    assert response.status_code == 404
    assert assignments_state() == before
