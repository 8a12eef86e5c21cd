import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from contest.domain.editions import create_edition
from contest.domain.queries import current_edition
from contest.enums import Phase
from contest.models import Criterion, Edition, Municipality, RubricLevel, Territory
from tests.factories import make_edition

pytestmark = pytest.mark.django_db


def test_reference_data_has_nine_territories_and_117_municipalities():
    assert Territory.objects.count() == 9
    assert Municipality.objects.count() == 117
    assert Municipality.objects.filter(territory__name="Sherbrooke").count() == 1
    assert Municipality.objects.filter(territory__name="Brome-Missisquoi").count() == 21


def test_municipalities_sharing_a_name_are_told_apart():
    names = sorted(str(m) for m in Municipality.objects.filter(name="Hatley"))
    assert names == ["Hatley", "Hatley (canton)"]


def test_default_criteria_set_is_loaded_with_rubrics():
    default_set = Criterion.objects.default_set()
    assert default_set.count() == 6
    assert RubricLevel.objects.filter(criterion__in=default_set).count() == 30


def test_create_edition_copies_the_default_criteria_set():
    Criterion.objects.default_set().filter(code="flexibilite").update(weight="2.50")

    edition = make_edition(Phase.NOMINATIONS)

    criteria = list(edition.criteria.order_by("position"))
    assert [c.code for c in criteria][:2] == ["horaire-examens", "heures-raisonnables"]
    assert len(criteria) == 6
    assert str(edition.criteria.get(code="flexibilite").weight) == "2.50"
    assert RubricLevel.objects.filter(criterion__edition=edition).count() == 30
    # The edition's copy is its own: editing it leaves the default set alone.
    edition.criteria.filter(code="flexibilite").update(weight="9")
    assert str(Criterion.objects.default_set().get(code="flexibilite").weight) == "2.50"


@pytest.mark.parametrize(
    "phase", [Phase.UPCOMING, Phase.NOMINATIONS, Phase.SCREENING, Phase.JURY, Phase.DELIBERATION]
)
def test_phase_follows_from_the_dates(phase):
    assert make_edition(phase).phase == phase


def test_phase_is_published_only_after_the_publish_action_and_the_announcement():
    edition = make_edition(Phase.DELIBERATION)
    after_announcement = edition.announce_at + dt.timedelta(minutes=1)
    assert edition.phase_at(after_announcement) == Phase.DELIBERATION

    edition.published_at = timezone.now()

    assert edition.phase_at(edition.announce_at - dt.timedelta(minutes=1)) == Phase.DELIBERATION
    assert edition.phase_at(after_announcement) == Phase.PUBLISHED
    edition.archive_at = after_announcement + dt.timedelta(days=1)
    assert edition.phase_at(after_announcement + dt.timedelta(days=2)) == Phase.ARCHIVED


def test_phase_boundaries_are_exact():
    edition = make_edition(Phase.NOMINATIONS)
    assert edition.phase_at(edition.nominations_open_at - dt.timedelta(seconds=1)) == Phase.UPCOMING
    assert edition.phase_at(edition.nominations_open_at) == Phase.NOMINATIONS
    assert edition.phase_at(edition.nominations_close_at) == Phase.SCREENING
    assert edition.phase_at(edition.jury_open_at) == Phase.JURY
    assert edition.phase_at(edition.jury_close_at) == Phase.DELIBERATION


def test_dates_out_of_order_are_refused_with_a_message_and_by_the_database():
    now = timezone.now()
    with pytest.raises(Exception) as excinfo:
        create_edition(
            year=2040,
            number=1,
            nominations_open_at=now,
            nominations_close_at=now - dt.timedelta(days=1),
            jury_open_at=now,
            jury_close_at=now,
            announce_at=now,
        )
    assert "nominations_close_at" in str(excinfo.value)
    with pytest.raises(IntegrityError):
        Edition.objects.create(
            year=2041,
            number=1,
            nominations_open_at=now,
            nominations_close_at=now - dt.timedelta(days=1),
            jury_open_at=now,
            jury_close_at=now + dt.timedelta(days=1),
            announce_at=now + dt.timedelta(days=2),
        )


def test_current_edition_is_the_latest_started_else_the_next():
    assert current_edition() is None
    upcoming = make_edition(Phase.UPCOMING)
    assert current_edition() == upcoming
    running = make_edition(Phase.NOMINATIONS)
    make_edition(Phase.DELIBERATION)
    assert current_edition() == running


def test_admin_offers_only_the_editions_own_criteria_to_break_ties(admin_client):
    edition = make_edition(Phase.NOMINATIONS)
    other = make_edition(Phase.NOMINATIONS)

    page = admin_client.get(f"/admin/contest/edition/{edition.pk}/change/")

    choices = {
        str(pk) for pk, _label in page.context["adminform"].form.fields["tie_break_criterion"].choices if pk
    }
    assert choices == {str(pk) for pk in edition.criteria.values_list("pk", flat=True)}
    assert not choices & {str(pk) for pk in other.criteria.values_list("pk", flat=True)}


def test_admin_freezes_the_announcement_once_published(admin_client):
    edition = make_edition(Phase.DELIBERATION)
    Edition.objects.filter(pk=edition.pk).update(published_at=timezone.now())

    form = admin_client.get(f"/admin/contest/edition/{edition.pk}/change/").context["adminform"].form

    assert "announce_at" not in form.fields


def _edition_dates() -> dict:
    now = timezone.now()
    return {
        "nominations_open_at": now,
        "nominations_close_at": now + dt.timedelta(days=30),
        "jury_open_at": now + dt.timedelta(days=31),
        "jury_close_at": now + dt.timedelta(days=60),
        "announce_at": now + dt.timedelta(days=70),
    }


@pytest.mark.parametrize("minimum_age", [14, 16])
def test_admitting_younger_nominators_without_lowering_the_minimum_age_is_refused_next_to_it(minimum_age):
    edition = Edition(
        year=2040, number=1, minimum_age=minimum_age, admits_younger_with_consent=True, **_edition_dates()
    )

    with pytest.raises(ValidationError) as excinfo:
        edition.full_clean()

    assert excinfo.value.message_dict == {
        "minimum_age": [
            "Pour admettre des jeunes de moins de 14 ans avec le consentement d'un parent, fixez l'âge "
            "minimum sous 14 ans (par exemple 12)."
        ]
    }


@pytest.mark.parametrize(("minimum_age", "admits_younger"), [(12, True), (14, False), (16, False)])
def test_an_age_rule_that_admits_someone_is_accepted(minimum_age, admits_younger):
    edition = Edition(
        year=2040,
        number=1,
        minimum_age=minimum_age,
        admits_younger_with_consent=admits_younger,
        **_edition_dates(),
    )

    edition.full_clean()
