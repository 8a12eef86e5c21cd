"""The Django admin keeps published results and submitted totals stable: once an edition is published,
what ranks its candidacies is read-only; once its jury window has opened, its criteria's weights and
scales are read-only and no criterion comes or goes (the stored totals were computed with them)."""

import pytest
from django.utils import timezone

from contest.enums import AggregationMethod, Phase
from contest.models import Criterion, Edition
from tests.factories import make_edition
from tests.results.test_public_cache import admin_post_data

pytestmark = pytest.mark.django_db

RANKING_FIELDS = {"aggregation_method", "tie_break_criterion", "disagreement_threshold", "leaderboard_size"}
SCORING_FIELDS = {"weight", "scale_min", "scale_max"}


@pytest.fixture
def admin_client(admin_client, settings):
    """The admin in English (it has no language prefix: Django's language cookie)."""
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return admin_client


def edition_url(edition: Edition) -> str:
    return f"/admin/contest/edition/{edition.pk}/change/"


def criterion_url(criterion: Criterion) -> str:
    return f"/admin/contest/criterion/{criterion.pk}/change/"


def published(edition: Edition) -> Edition:
    Edition.objects.filter(pk=edition.pk).update(published_at=timezone.now())
    edition.refresh_from_db()
    return edition


def test_a_published_editions_ranking_settings_are_read_only(admin_client):
    edition = published(make_edition(Phase.DELIBERATION))

    response = admin_client.get(edition_url(edition))

    form = response.context["adminform"].form
    assert not RANKING_FIELDS & set(form.fields)
    assert "announce_at" not in form.fields
    assert "The results are published: the announcement, the aggregation method" in response.content.decode()


def test_a_published_editions_method_does_not_change_when_posted(admin_client):
    edition = published(make_edition(Phase.DELIBERATION))
    data = admin_post_data(admin_client.get(edition_url(edition)))
    data.update(
        aggregation_method=AggregationMethod.MEDIAN, leaderboard_size="20", disagreement_threshold="5"
    )

    response = admin_client.post(edition_url(edition), data)

    assert response.status_code == 302
    edition.refresh_from_db()
    assert (edition.aggregation_method, edition.leaderboard_size, edition.disagreement_threshold) == (
        AggregationMethod.WEIGHTED_MEAN,
        5,
        25,
    )


def test_an_unpublished_editions_ranking_settings_stay_editable(admin_client):
    edition = make_edition(Phase.DELIBERATION)

    form = admin_client.get(edition_url(edition)).context["adminform"].form

    assert set(form.fields) >= RANKING_FIELDS


def test_criteria_inline_is_locked_once_the_jury_window_has_opened(admin_client):
    edition = make_edition(Phase.JURY)

    response = admin_client.get(edition_url(edition))

    [inline] = response.context["inline_admin_formsets"]
    assert not SCORING_FIELDS & set(inline.formset.forms[0].fields)
    assert inline.has_add_permission is False
    assert inline.has_delete_permission is False
    assert "The jury window of this edition has opened" in response.content.decode()


def test_criteria_inline_stays_editable_before_the_jury_window(admin_client):
    edition = make_edition(Phase.SCREENING)

    [inline] = admin_client.get(edition_url(edition)).context["inline_admin_formsets"]

    assert set(inline.formset.forms[0].fields) >= SCORING_FIELDS
    assert (inline.has_add_permission, inline.has_delete_permission) == (True, True)


def test_a_criterions_weight_cannot_change_once_the_jury_window_has_opened(admin_client):
    criterion = make_edition(Phase.JURY).criteria.first()
    before = (criterion.weight, criterion.scale_min, criterion.scale_max)
    data = admin_post_data(admin_client.get(criterion_url(criterion)))
    data.update(weight="9", scale_min="1", scale_max="10", name="Horaire adapté")

    response = admin_client.post(criterion_url(criterion), data)

    assert response.status_code == 302
    criterion.refresh_from_db()
    assert (criterion.weight, criterion.scale_min, criterion.scale_max) == before
    assert criterion.name == "Horaire adapté"  # the wording may still be corrected
    page = admin_client.get(criterion_url(criterion)).content.decode()
    assert "no criterion can be added or deleted, since the jurors" in page


def test_a_criterion_cannot_be_deleted_once_the_jury_window_has_opened(admin_client):
    criterion = make_edition(Phase.JURY).criteria.first()

    response = admin_client.post(f"/admin/contest/criterion/{criterion.pk}/delete/", {"post": "yes"})

    assert response.status_code == 403
    assert Criterion.objects.filter(pk=criterion.pk).exists()


def test_a_criterion_cannot_be_added_to_an_edition_whose_jury_window_has_opened(admin_client):
    edition = make_edition(Phase.JURY)
    data = {
        "edition": str(edition.pk),
        "code": "nouveau",
        "position": "9",
        "name": "Nouveau critère",
        "weight": "1",
        "scale_min": "0",
        "scale_max": "4",
        "rubric-TOTAL_FORMS": "0",
        "rubric-INITIAL_FORMS": "0",
    }

    response = admin_client.post("/admin/contest/criterion/add/", data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["edition"] == [
        "The jury window of this edition has opened: the weights and scales of its criteria can no longer "
        "change, and no criterion can be added or deleted, since the jurors' totals already submitted were "
        "computed with them."
    ]
    assert not edition.criteria.filter(code="nouveau").exists()
    data["edition"] = str(make_edition(Phase.SCREENING).pk)
    assert admin_client.post("/admin/contest/criterion/add/", data).status_code == 302
