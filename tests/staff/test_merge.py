"""The staff's page to merge two employers that are the same business."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contest.enums import Phase
from jury.domain.scoring import save_evaluation
from jury.models import Assignment, Conflict, Evaluation
from nominations.enums import NominationStatus
from nominations.models import Candidacy, Employer, Nomination
from tests.factories import make_edition, make_employer, make_nomination
from tests.jury.fixtures_scoring import move_to

pytestmark = pytest.mark.django_db

MERGE = "/en/staff/employers/merge/"


@pytest.fixture
def edition():
    return make_edition(Phase.SCREENING)


@pytest.fixture
def pair(edition):
    """The same business twice: « Resto Ginette » (two nominations) and « Restaurant Ginette »."""
    source = make_employer("Resto Ginette")
    target = make_employer("Restaurant Ginette", municipality_name="Magog")
    make_nomination(edition=edition, employer=source, email="lea@example.org")
    make_nomination(edition=edition, employer=source, email="zoe@example.org")
    make_nomination(edition=edition, employer=target, email="lea@example.org")
    return source, target


def test_merge_page_sends_anonymous_visitors_to_the_login_page(client, pair):
    source, target = pair

    response = client.post(MERGE, {"source": source.pk, "target": target.pk, "confirm": "1"})

    assert response.status_code == 302
    assert response.url.startswith("/en/accounts/login/")
    assert Employer.objects.filter(pk=source.pk).exists()


def test_merge_page_is_forbidden_to_a_juror(juror_client, pair):
    source, target = pair

    listed = juror_client.get(MERGE, {"q": "ginette"})
    posted = juror_client.post(MERGE, {"source": source.pk, "target": target.pk, "confirm": "1"})

    assert (listed.status_code, posted.status_code) == (403, 403)
    assert Employer.objects.filter(pk=source.pk).exists()


def test_merge_page_without_search_lists_nothing(staff_client, pair):
    response = staff_client.get(MERGE)

    assert response.status_code == 200
    assert response.context["employers"] == []
    assert "Search for the employers first" in response.content.decode()


def test_search_lists_matching_employers_with_their_municipality_and_nominations(staff_client, pair):
    source, target = pair
    make_employer("Garage Bédard")

    response = staff_client.get(MERGE, {"q": "ginette"})

    assert response.status_code == 200
    assert [(e.name, str(e.municipality), e.nomination_count) for e in response.context["employers"]] == [
        ("Restaurant Ginette", "Magog", 1),
        ("Resto Ginette", "Sherbrooke", 2),
    ]
    page = response.content.decode()
    assert f'<option value="{source.pk}">Resto Ginette, Sherbrooke (no. {source.pk})</option>' in page
    assert f'<option value="{target.pk}">Restaurant Ginette, Magog (no. {target.pk})</option>' in page
    assert "Garage Bédard" not in page


def test_search_by_number_finds_the_employer(staff_client, pair):
    source, _ = pair

    response = staff_client.get(MERGE, {"q": str(source.pk)})

    assert [e.pk for e in response.context["employers"]] == [source.pk]


def test_choosing_one_employer_keeps_it_while_searching_for_the_other(staff_client, pair):
    source, _ = pair
    other = make_employer("Casse-croûte")

    response = staff_client.get(MERGE, {"q": "casse", "source": source.pk})

    assert response.status_code == 200
    assert [e.pk for e in response.context["employers"]] == [other.pk, source.pk]
    assert response.context["preview"] is None
    page = response.content.decode()
    assert f'<input type="hidden" name="source" value="{source.pk}">' in page
    assert f'<option value="{source.pk}" selected>' in page


def test_search_query_count_does_not_grow_with_employers(staff_client, edition):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = staff_client.get(MERGE, {"q": "boulangerie"})
        assert response.status_code == 200
        return len(queries)

    make_nomination(edition=edition, employer=make_employer("Boulangerie A"))
    one = count_queries()
    make_nomination(edition=edition, employer=make_employer("Boulangerie B"))
    make_nomination(edition=edition, employer=make_employer("Boulangerie C", municipality_name="Magog"))
    three = count_queries()

    assert len(staff_client.get(MERGE, {"q": "boulangerie"}).context["employers"]) == 3
    assert three == one


def test_choosing_both_shows_the_preview_and_changes_nothing(staff_client, edition, pair):
    source, target = pair
    candidacy = Candidacy.objects.create(edition=edition, employer=source)
    Candidacy.objects.create(edition=edition, employer=target)
    juror = User.objects.create_user("anne@example.org", "anne@example.org")
    Assignment.objects.create(candidacy=candidacy, juror=juror)

    response = staff_client.get(MERGE, {"q": "ginette", "source": source.pk, "target": target.pk})

    assert response.status_code == 200
    preview = response.context["preview"]
    assert (
        preview.nominations_moving,
        preview.nominations_dropped,
        preview.candidacies_moving,
        preview.candidacies_joined,
        preview.assignments_moving,
    ) == (1, 1, 0, 1, 1)
    page = response.content.decode()
    assert "<div><dt>Nominations moving</dt><dd>1</dd></div>" in page
    assert "<div><dt>Duplicate nominations dropped (same e-mail, same edition)</dt><dd>1</dd></div>" in page
    assert "<div><dt>Candidacies joining the kept employer's candidacy</dt><dd>1</dd></div>" in page
    assert "<div><dt>Jury assignments moving</dt><dd>1</dd></div>" in page
    assert 'name="confirm"' in page
    assert Employer.objects.filter(pk=source.pk).exists()
    assert Nomination.objects.filter(employer=source).count() == 2


def test_confirming_merges_and_says_so(staff_client, pair):
    source, target = pair

    response = staff_client.post(MERGE, {"source": source.pk, "target": target.pk, "confirm": "1"})

    assert response.status_code == 302
    assert response.url == f"{MERGE}?q=Restaurant+Ginette"
    assert not Employer.objects.filter(pk=source.pk).exists()
    assert sorted(Nomination.objects.filter(employer=target).values_list("email", flat=True)) == [
        "lea@example.org",
        "zoe@example.org",
    ]
    followed = staff_client.get(response.url)
    assert "Resto Ginette was merged into Restaurant Ginette." in followed.content.decode()


def test_posting_without_confirm_only_previews(staff_client, pair):
    source, target = pair

    response = staff_client.post(MERGE, {"source": source.pk, "target": target.pk})

    assert response.status_code == 200
    assert response.context["preview"].nominations_moving == 1
    assert Employer.objects.filter(pk=source.pk).exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_same_employer_twice_is_a_clear_error(staff_client, pair, method):
    source, _ = pair
    data = {"q": "ginette", "source": source.pk, "target": source.pk, "confirm": "1"}

    response = getattr(staff_client, method)(MERGE, data)

    assert response.status_code == 400
    assert response.context["preview"] is None
    assert (
        '<p class="error-text" id="id_target_error">'
        "Choose two different employers: an employer cannot be merged into itself.</p>"
    ) in response.content.decode()
    assert Employer.objects.filter(pk=source.pk).exists()
    assert Nomination.objects.filter(employer=source, status=NominationStatus.CONFIRMED).count() == 2


def test_an_employer_that_no_longer_exists_is_an_error_not_a_crash(staff_client, pair):
    _, target = pair

    response = staff_client.post(MERGE, {"source": 999999, "target": target.pk, "confirm": "1"})

    assert response.status_code == 400
    assert 'id="id_source_error"' in response.content.decode()
    assert Employer.objects.filter(pk=target.pk).exists()


def test_the_preview_names_each_submitted_evaluation_the_merge_would_throw_away(staff_client, edition, pair):
    source, target = pair
    edition = move_to(edition, Phase.JURY)
    source_candidacy = Candidacy.objects.create(edition=edition, employer=source)
    target_candidacy = Candidacy.objects.create(edition=edition, employer=target)
    anne = User.objects.create_user(
        "anne@example.org", "anne@example.org", first_name="Anne", last_name="Roy"
    )
    bruno = User.objects.create_user("bruno@example.org", "bruno@example.org")
    values = {criterion.pk: criterion.scale_max for criterion in edition.criteria.all()}
    for candidacy in (source_candidacy, target_candidacy):
        assignment = Assignment.objects.create(candidacy=candidacy, juror=anne)
        save_evaluation(assignment=assignment, values=values, submit=True)
    Conflict.objects.create(candidacy=target_candidacy, juror=bruno)
    Assignment.objects.create(candidacy=source_candidacy, juror=bruno)

    response = staff_client.get(MERGE, {"q": "ginette", "source": source.pk, "target": target.pk})

    page = response.content.decode()
    assert "<div><dt>Jury assignments moving</dt><dd>0</dd></div>" in page
    assert "<div><dt>Jury assignments deleted</dt><dd>2</dd></div>" in page
    assert "<div><dt>Submitted evaluations thrown away</dt><dd>1</dd></div>" in page
    assert "1 submitted evaluation will be thrown away: check the list below before merging." in page
    text = " ".join(page.split())
    assert (
        f"<strong>Anne Roy</strong> ({edition}, Resto Ginette): submitted evaluation thrown away — "
        "this juror is assigned to both; their other evaluation is kept."
    ) in text
    assert (
        f"<strong>bruno@example.org</strong> ({edition}, Resto Ginette): assignment not started, deleted — "
        "this juror declared a conflict of interest with one of the two employers."
    ) in text
    assert Evaluation.objects.count() == 2


@pytest.fixture
def closed_pair(edition, pair):
    """``pair`` whose candidacies were both scored and submitted by the same juror, in an edition whose
    jury window has since closed: the merge would drop one of the two submitted evaluations."""
    source, target = pair
    edition = move_to(edition, Phase.JURY)
    anne = User.objects.create_user(
        "anne@example.org", "anne@example.org", first_name="Anne", last_name="Roy"
    )
    values = {criterion.pk: criterion.scale_max for criterion in edition.criteria.all()}
    for employer in (source, target):
        assignment = Assignment.objects.create(
            candidacy=Candidacy.objects.create(edition=edition, employer=employer), juror=anne
        )
        save_evaluation(assignment=assignment, values=values, submit=True)
    move_to(edition, Phase.DELIBERATION)
    return source, target


def test_the_preview_after_the_jury_window_refuses_to_drop_a_submitted_evaluation(staff_client, closed_pair):
    source, target = closed_pair

    response = staff_client.get(MERGE, {"q": "ginette", "source": source.pk, "target": target.pk})

    assert response.status_code == 200
    page = " ".join(response.content.decode().split())
    assert (
        '<p class="error-text" id="merge-refused">These employers cannot be merged: 1 submitted evaluation '
        "of an edition whose jury window has closed would be thrown away (see the list above), and nobody "
        "could score in its place any more.</p>"
    ) in page
    assert (
        "submitted evaluation, and the jury window of its edition is closed: the merge may not throw it away"
    ) in page
    assert "will be thrown away: check the list below before merging" not in page
    assert 'name="confirm"' not in page


@pytest.mark.parametrize(
    ("language", "refusal"),
    [
        (
            "en",
            "The employers were not merged: that would throw away a submitted evaluation of an edition "
            "whose jury window has closed. Nothing was changed.",
        ),
        (
            "fr",
            "Les employeurs n'ont pas été fusionnés : cela écarterait une évaluation soumise d'une "
            "édition dont la période d'évaluation est terminée. Rien n'a été changé.",
        ),
    ],
)
def test_confirming_a_merge_that_would_drop_a_submitted_evaluation_after_the_jury_is_refused(
    staff_client, closed_pair, language, refusal
):
    source, target = closed_pair

    response = staff_client.post(
        f"/{language}/staff/employers/merge/", {"source": source.pk, "target": target.pk, "confirm": "1"}
    )

    assert response.status_code == 409
    assert [str(message) for message in response.context["messages"]] == [refusal]
    assert 'id="merge-refused"' in response.content.decode()
    assert Employer.objects.filter(pk=source.pk).exists()
    assert Nomination.objects.filter(employer=source).count() == 2
    assert Evaluation.objects.filter(status="submitted").count() == 2
    assert Candidacy.objects.count() == 2
