"""``manage.py load_demo`` (SPEC section 7): what it creates, and when it refuses."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Q
from django.utils import timezone

from contest.enums import Phase
from contest.models import Criterion, Edition
from jury.demo.builder import DEMO_PASSWORD, status_counts
from jury.domain.ranking import rank_candidacies
from jury.domain.scoring import weighted_total
from jury.enums import AwardKind, EvaluationStatus
from jury.models import Assignment, Award, Conflict, Evaluation, PanelMembership
from nominations.enums import NominationStatus
from nominations.models import Candidacy, Employer, EmployerNotice, Nomination, TestimonialAnswer
from tests.factories import make_edition

pytestmark = pytest.mark.django_db

DEMO_EMAILS = [
    "admin@example.org",
    "staff@example.org",
    *(f"juror{n}@example.org" for n in range(1, 7)),
]
PAST_STATUSES = {"eligible": 120, "ineligible": 7, "duplicate": 3, "spam": 2}
SCREENED_50 = {"pending": 2, "ineligible": 3, "duplicate": 1, "spam": 1, "eligible": 43}


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def load_demo(**options) -> str:
    out = StringIO()
    options.setdefault("verbosity", 0)
    call_command("load_demo", stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def editions() -> tuple[Edition, Edition]:
    past, current = Edition.objects.order_by("year")
    return past, current


def statuses(edition: Edition) -> dict[str, int]:
    rows = Nomination.objects.filter(edition=edition).values_list("status").annotate(n=Count("id"))
    return dict(rows)


def employers_with_eligible(edition: Edition) -> set[int]:
    return set(
        Nomination.objects.filter(edition=edition, status=NominationStatus.ELIGIBLE).values_list(
            "employer_id", flat=True
        )
    )


def test_status_counts_of_300_nominations_while_open():
    assert status_counts(total=300, phase=Phase.NOMINATIONS) == {"pending": 36, "confirmed": 264}


def test_status_counts_of_300_nominations_after_screening():
    assert status_counts(total=300, phase=Phase.JURY) == {
        "pending": 12,
        "ineligible": 18,
        "duplicate": 9,
        "spam": 6,
        "eligible": 255,
    }


@pytest.mark.parametrize("phase", ["nominations", "jury", "deliberation", "published"])
def test_load_demo_current_edition_stands_in_the_phase_asked(debug, phase):
    load_demo(phase=phase, nominations=20)

    past, current = editions()
    assert current.phase == phase
    assert current.year == timezone.localdate().year
    assert past.phase == Phase.PUBLISHED
    assert past.year == current.year - 1
    assert past.number == current.number - 1
    assert past.published_at is not None
    assert past.published_at < past.announce_at < timezone.now()


def test_load_demo_while_nominations_are_open_counts(debug):
    load_demo(phase="nominations", nominations=50)

    past, current = editions()
    assert statuses(current) == {"confirmed": 44, "pending": 6}
    assert statuses(past) == PAST_STATUSES
    assert Candidacy.objects.filter(edition=current).count() == 0
    assert current.published_at is None


@pytest.mark.parametrize("phase", ["jury", "deliberation", "published"])
def test_load_demo_after_screening_counts(debug, phase):
    load_demo(phase=phase, nominations=50)

    past, current = editions()
    assert statuses(current) == SCREENED_50
    assert statuses(past) == PAST_STATUSES
    assert set(Candidacy.objects.filter(edition=current).values_list("employer_id", flat=True)) == (
        employers_with_eligible(current)
    )
    assert Candidacy.objects.filter(edition=current).count() == len(employers_with_eligible(current))


def test_load_demo_past_edition_has_one_candidacy_per_employer_with_eligible_nominations(debug):
    load_demo()

    past, _current = editions()
    eligible_employers = employers_with_eligible(past)
    assert len(eligible_employers) > 20
    assert set(Candidacy.objects.filter(edition=past).values_list("employer_id", flat=True)) == (
        eligible_employers
    )
    assert Candidacy.objects.filter(edition=past).count() == len(eligible_employers)


def test_load_demo_employers_told_of_their_candidacy_have_the_notice_that_stops_a_second_email(debug):
    load_demo(phase="jury")

    told = set(EmployerNotice.objects.values_list("edition_id", "employer_id"))
    assert len(told) > 20
    assert told <= set(Candidacy.objects.values_list("edition_id", "employer_id"))


def test_load_demo_default_gives_300_current_nominations(debug):
    load_demo()

    past, current = editions()
    assert Nomination.objects.filter(edition=current).count() == 300
    assert Nomination.objects.filter(edition=past).count() == 132


def test_load_demo_nominations_option_gives_exactly_that_many(debug):
    load_demo(nominations=50)

    _past, current = editions()
    assert Nomination.objects.filter(edition=current).count() == 50


def test_load_demo_several_nominations_per_employer(debug):
    load_demo()

    _past, current = editions()
    per_employer = (
        Nomination.objects.filter(edition=current).values("employer").annotate(n=Count("id")).order_by()
    )
    sizes = [row["n"] for row in per_employer]
    assert max(sizes) >= 5
    assert len(sizes) < 300 / 2


def test_load_demo_tokens_emails_and_employers_are_unique(debug):
    load_demo(phase="jury")

    nominations = Nomination.objects.all()
    total = nominations.count()
    assert total == 432
    assert nominations.values("token_hash").distinct().count() == total
    assert nominations.values("edition", "employer", "email").distinct().count() == total
    assert all(len(token_hash) == 64 for token_hash in nominations.values_list("token_hash", flat=True))
    employers = Employer.objects.all()
    assert employers.values("normalized_name", "municipality").distinct().count() == employers.count()


def test_load_demo_confirmation_dates_follow_status(debug):
    load_demo(phase="deliberation")

    nominations = Nomination.objects.all()
    pending = nominations.filter(status=NominationStatus.PENDING)
    assert pending.count() == 12
    assert pending.filter(confirmed_at__isnull=False).count() == 0
    assert nominations.exclude(status=NominationStatus.PENDING).filter(confirmed_at__isnull=True).count() == 0
    assert nominations.filter(confirmed_at__lt=F("created_at")).count() == 0


def test_load_demo_nominations_were_sent_while_their_edition_was_open(debug):
    load_demo(phase="published")

    for edition in Edition.objects.all():
        nominations = Nomination.objects.filter(edition=edition)
        assert nominations.count() > 0
        outside = nominations.filter(
            Q(created_at__lt=edition.nominations_open_at) | Q(created_at__gt=edition.nominations_close_at)
        )
        assert outside.count() == 0
    assert Nomination.objects.filter(created_at__gt=timezone.now()).count() == 0


def test_load_demo_employer_territory_follows_its_municipality(debug):
    load_demo()

    assert Employer.objects.exclude(territory=F("municipality__territory")).count() == 0


def test_load_demo_sherbrooke_has_the_most_employers(debug):
    load_demo()

    rows = Employer.objects.values("territory__name").annotate(n=Count("id")).order_by("-n")
    assert rows[0]["territory__name"] == "Sherbrooke"
    assert Employer.objects.values("territory").distinct().count() == 9


def test_load_demo_most_nominations_answer_every_criterion(debug):
    load_demo()

    _past, current = editions()
    criteria = Criterion.objects.for_edition(current).count()
    assert criteria == 6
    genuine = Nomination.objects.filter(edition=current).exclude(status=NominationStatus.SPAM)
    answered = genuine.annotate(n=Count("answers")).values_list("n", flat=True)
    full = sum(1 for count in answered if count == criteria)
    assert full / len(answered) > 0.75
    assert TestimonialAnswer.objects.exclude(criterion__edition=F("nomination__edition")).count() == 0
    assert TestimonialAnswer.objects.filter(text="").count() == 0


def test_load_demo_testimonials_are_in_french_and_name_the_boss(debug):
    load_demo(nominations=30)

    nomination = Nomination.objects.filter(status=NominationStatus.CONFIRMED).order_by("pk").first()
    boss_first_name = nomination.boss_name.split()[0]
    texts = [nomination.testimonial, *nomination.answers.values_list("text", flat=True)]
    assert any(boss_first_name in text or " elle" in text or " il " in text for text in texts)
    assert "{" not in " ".join(texts)


def test_load_demo_same_seed_gives_same_data(debug):
    load_demo(seed=7, nominations=40)
    first_employers = list(Employer.objects.order_by("pk").values_list("name", "municipality__name"))
    first_youths = list(Nomination.objects.order_by("pk").values_list("first_name", "last_name", "email"))

    load_demo(seed=7, nominations=40, reset=True)

    assert list(Employer.objects.order_by("pk").values_list("name", "municipality__name")) == first_employers
    assert (
        list(Nomination.objects.order_by("pk").values_list("first_name", "last_name", "email"))
        == first_youths
    )


def test_load_demo_other_seed_gives_other_data(debug):
    load_demo(seed=7, nominations=40)
    first_employers = list(Employer.objects.order_by("pk").values_list("name", flat=True))

    load_demo(seed=8, nominations=40, reset=True)

    assert list(Employer.objects.order_by("pk").values_list("name", flat=True)) != first_employers


def test_load_demo_accounts_have_roles_and_the_demo_password(debug):
    load_demo(nominations=10)

    users = get_user_model().objects.order_by("pk")
    assert [user.email for user in users] == DEMO_EMAILS
    assert [user.username for user in users] == DEMO_EMAILS
    assert all(user.check_password(DEMO_PASSWORD) for user in users)
    admin, staff, *jurors = users
    assert (admin.is_superuser, admin.is_staff) == (True, True)
    assert (staff.is_superuser, staff.is_staff) == (False, True)
    assert list(staff.groups.values_list("name", flat=True)) == ["Staff"]
    assert all((juror.is_staff, juror.is_superuser) == (False, False) for juror in jurors)
    assert all(list(juror.groups.values_list("name", flat=True)) == ["Jurors"] for juror in jurors)
    addresses = EmailAddress.objects.filter(verified=True, primary=True)
    assert sorted(addresses.values_list("email", flat=True)) == sorted(DEMO_EMAILS)


@pytest.mark.parametrize("email", DEMO_EMAILS)
def test_load_demo_accounts_can_log_in(debug, client, email):
    load_demo(nominations=10)

    assert client.login(username=email, password=DEMO_PASSWORD) is True


def test_load_demo_accounts_log_in_through_the_account_pages(debug, client):
    load_demo(nominations=10)

    response = client.post("/fr/accounts/login/", {"login": "juror3@example.org", "password": DEMO_PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(get_user_model().objects.get(email="juror3@example.org").pk)


def test_load_demo_staff_can_screen_nominations_in_the_admin(debug, client):
    load_demo(nominations=10)
    client.login(username="staff@example.org", password=DEMO_PASSWORD)

    response = client.get("/admin/nominations/nomination/")

    assert response.status_code == 200


def test_load_demo_prints_the_address_the_logins_and_the_password(debug):
    output = load_demo(nominations=10, verbosity=1, site_url="http://127.0.0.1:8123")

    assert "http://127.0.0.1:8123/fr/" in output
    assert DEMO_PASSWORD in output
    assert all(email in output for email in DEMO_EMAILS)


def test_load_demo_refuses_when_debug_is_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG is off"):
        load_demo(nominations=10)

    assert Edition.objects.count() == 0
    assert get_user_model().objects.count() == 0


def test_load_demo_with_force_runs_when_debug_is_off(settings):
    settings.DEBUG = False

    load_demo(nominations=10, force=True)

    assert Edition.objects.count() == 2
    assert get_user_model().objects.count() == 8


def test_load_demo_refuses_a_database_with_an_edition(debug):
    make_edition(Phase.NOMINATIONS, year=2031)

    with pytest.raises(CommandError, match="already holds contest data"):
        load_demo(nominations=10)

    assert list(Edition.objects.values_list("year", flat=True)) == [2031]
    assert Nomination.objects.count() == 0


def test_load_demo_reset_replaces_existing_contest_data(debug):
    make_edition(Phase.NOMINATIONS, year=2031)

    load_demo(nominations=10, reset=True)

    year = timezone.localdate().year
    assert list(Edition.objects.order_by("year").values_list("year", flat=True)) == [year - 1, year]
    assert Criterion.objects.default_set().count() == 6


def test_load_demo_reset_twice_keeps_one_set_of_accounts(debug):
    load_demo(nominations=10)

    load_demo(nominations=10, reset=True)

    assert get_user_model().objects.count() == 8
    assert EmailAddress.objects.count() == 8
    assert Edition.objects.count() == 2


def evaluations_of(edition: Edition):
    return Evaluation.objects.filter(assignment__candidacy__edition=edition)


def test_load_demo_screening_dates_and_reasons(debug):
    load_demo(phase="jury")

    screened = Nomination.objects.exclude(status__in=[NominationStatus.PENDING, NominationStatus.CONFIRMED])
    assert screened.filter(screened_at__isnull=True).count() == 0
    assert screened.filter(screened_at__lt=F("confirmed_at")).count() == 0
    assert screened.filter(screened_at__gt=F("edition__jury_open_at")).count() == 0
    ineligible = Nomination.objects.filter(status=NominationStatus.INELIGIBLE)
    assert ineligible.count() == 7 + 18
    assert ineligible.filter(screening_reason="").count() == 0
    assert (
        Nomination.objects.exclude(status=NominationStatus.INELIGIBLE).exclude(screening_reason="").count()
        == 0
    )


def test_load_demo_confirmed_nominations_wait_for_screening_while_open(debug):
    load_demo(phase="nominations")

    _past, current = editions()
    assert Nomination.objects.filter(edition=current, screened_at__isnull=False).count() == 0


def test_load_demo_candidacies_told_employers_with_an_address(debug):
    load_demo(phase="jury")

    with_address = set(
        Candidacy.objects.exclude(employer__contact_email="").values_list("edition_id", "employer_id")
    )
    assert set(EmployerNotice.objects.values_list("edition_id", "employer_id")) == with_address
    assert len(with_address) > 0


def test_load_demo_open_edition_has_no_jury_yet(debug):
    load_demo(phase="nominations")

    _past, current = editions()
    assert PanelMembership.objects.filter(edition=current).count() == 0
    assert Assignment.objects.filter(candidacy__edition=current).count() == 0


@pytest.mark.parametrize("phase", ["jury", "deliberation", "published"])
def test_load_demo_every_candidacy_gets_three_jurors_of_its_panel(debug, phase):
    load_demo(phase=phase, nominations=100)

    for edition in Edition.objects.all():
        candidacies = Candidacy.objects.filter(edition=edition)
        assert candidacies.count() > 0
        per_candidacy = candidacies.annotate(n=Count("assignments")).values_list("n", flat=True)
        assert set(per_candidacy) == {3}
        panels = set(PanelMembership.objects.filter(edition=edition).values_list("territory_id", "juror_id"))
        seats = Assignment.objects.filter(candidacy__edition=edition).values_list(
            "candidacy__employer__territory_id", "juror_id"
        )
        assert all(seat in panels for seat in seats)
        assert PanelMembership.objects.filter(edition=edition).count() == 9 * 4


def test_load_demo_no_juror_scores_a_candidacy_they_declared_a_conflict_with(debug):
    load_demo(phase="jury")

    assert Conflict.objects.count() == 4
    for conflict in Conflict.objects.all():
        assert Assignment.objects.filter(juror=conflict.juror, candidacy=conflict.candidacy).count() == 0


def test_load_demo_finished_juries_submitted_every_evaluation(debug):
    load_demo(phase="deliberation")

    for edition in Edition.objects.all():
        assignments = Assignment.objects.filter(candidacy__edition=edition).count()
        evaluations = evaluations_of(edition)
        assert evaluations.filter(status=EvaluationStatus.SUBMITTED).count() == assignments
        assert evaluations.filter(weighted_total__isnull=True).count() == 0
        assert evaluations.filter(submitted_at__isnull=True).count() == 0


def test_load_demo_jury_at_work_has_submitted_draft_and_unstarted_assignments(debug):
    load_demo(phase="jury")

    _past, current = editions()
    evaluations = evaluations_of(current)
    assignments = Assignment.objects.filter(candidacy__edition=current).count()
    submitted = evaluations.filter(status=EvaluationStatus.SUBMITTED)
    drafts = evaluations.filter(status=EvaluationStatus.DRAFT)
    assert submitted.count() > 0
    assert drafts.count() > 0
    assert evaluations.count() < assignments
    assert drafts.filter(weighted_total__isnull=False).count() == 0
    assert drafts.filter(submitted_at__isnull=False).count() == 0
    assert evaluations.filter(updated_at__gt=timezone.now()).count() == 0


def test_load_demo_weighted_totals_are_the_scoring_functions(debug):
    load_demo(phase="published", nominations=40)

    for edition in Edition.objects.all():
        criteria = list(Criterion.objects.for_edition(edition))
        for evaluation in evaluations_of(edition).prefetch_related("scores"):
            values = {score.criterion_id: score.value for score in evaluation.scores.all()}
            assert len(values) == 6
            assert all(0 <= value <= 4 for value in values.values())
            assert evaluation.weighted_total == weighted_total(criteria, values)


@pytest.mark.parametrize(("phase", "editions_with_awards"), [("jury", 1), ("published", 2)])
def test_published_editions_have_their_winners_and_a_prize(phase, editions_with_awards):
    call_command("load_demo", phase=phase, nominations=120, force=True, stdout=StringIO())

    awarded = Edition.objects.filter(awards__isnull=False).distinct()
    assert awarded.count() == editions_with_awards
    for edition in awarded:
        assert edition.published_at is not None
        winners = Award.objects.filter(edition=edition, kind=AwardKind.TERRITORY_WINNER)
        ranked_first = {row.candidacy.pk for row in rank_candidacies(edition=edition) if row.rank == 1}
        assert set(winners.values_list("candidacy_id", flat=True)) == ranked_first
        assert Award.objects.filter(edition=edition, kind=AwardKind.REGIONAL_PRIZE).count() == 1


def test_demo_youths_sometimes_ask_for_the_results_and_last_year_was_already_e_mailed():
    call_command("load_demo", nominations=100, force=True, stdout=StringIO())

    current, past = Edition.objects.order_by("-year")
    assert past.results_emailed_at is not None
    assert current.results_emailed_at is None
    asked = Nomination.objects.filter(edition=current, consent_results_email=True).count()
    assert 0 < asked < 100
