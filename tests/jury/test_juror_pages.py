"""The juror's pages: my candidacies, the dossier, the score form and declaring a conflict."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contest.domain.roles import STAFF_GROUP
from contest.enums import Phase
from contest.models import AuditEvent
from jury.domain.scoring import save_evaluation
from jury.enums import EvaluationStatus
from jury.forms.scoring import ScoreForm
from jury.models import Assignment, Conflict, Evaluation, PanelMembership
from tests.factories import make_edition, make_employer, make_nomination
from tests.jury.fixtures_scoring import assign, make_candidacy, make_juror, move_to

pytestmark = pytest.mark.django_db

BACKEND = "django.contrib.auth.backends.ModelBackend"
YOUTH = {
    "first_name": "Anaïs",
    "last_name": "Lapointe-Secret",
    "email": "anais.secret@example.org",
    "age": 17,
    "school": "École secondaire Secrète",
}
OTHER_COMMENT = "Commentaire distinctif du juré B"
OTHER_TOTAL = Decimal("61.37")


@pytest.fixture
def jury_edition():
    return make_edition(Phase.JURY)


@pytest.fixture
def juror(client):
    user = make_juror("moi@example.org")
    client.force_login(user, backend=BACKEND)
    return user


@pytest.fixture
def mine(jury_edition, juror):
    """A candidacy assigned to the signed-in juror."""
    candidacy = make_candidacy(jury_edition, employer=make_employer("Resto Chez Ginette"))
    assign(candidacy, juror)
    return candidacy


@pytest.fixture
def theirs(jury_edition):
    """A candidacy assigned to another juror only."""
    candidacy = make_candidacy(jury_edition, employer=make_employer("Quincaillerie Beaulieu"))
    assign(candidacy, make_juror("autre@example.org"))
    return candidacy


def _criteria(edition):
    return list(edition.criteria.order_by("position", "id"))


def _scores(edition, value=3, **overrides):
    data = {f"criterion_{criterion.pk}": str(value) for criterion in _criteria(edition)}
    data.update(overrides)
    return data


def _fieldset(body, criterion):
    """The HTML of a criterion's fieldset on the score form."""
    match = re.search(rf'<fieldset id="id_criterion_{criterion.pk}".*?</fieldset>', body, re.S)
    assert match, f"no fieldset for {criterion}"
    return match.group(0)


def _other_juror_submitted(candidacy):
    """Another juror of the same candidacy has submitted, with a distinctive comment and total."""
    other = make_juror("jure.b@example.org")
    assignment = assign(candidacy, other)
    save_evaluation(
        assignment=assignment, values=_int_scores(candidacy.edition, 1), comment=OTHER_COMMENT, submit=True
    )
    Evaluation.objects.filter(assignment=assignment).update(weighted_total=OTHER_TOTAL)
    return other


def _int_scores(edition, value):
    return {criterion.pk: value for criterion in _criteria(edition)}


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


# --- Who may see what ----------------------------------------------------------------------------


def _urls(candidacy):
    return [
        f"/en/jury/candidacies/{candidacy.pk}/",
        f"/en/jury/candidacies/{candidacy.pk}/evaluate/",
        f"/en/jury/candidacies/{candidacy.pk}/conflict/",
    ]


def test_anonymous_visitor_is_sent_to_the_login_page(client, mine):
    client.logout()

    for url in ["/en/jury/", *_urls(mine)]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.headers["Location"].startswith("/en/accounts/login/?next="), url


def test_staff_without_the_jurors_group_is_refused(client, mine):
    staff = User.objects.create_user("staff@example.org", "staff@example.org", "pw", is_staff=True)
    staff.groups.add(Group.objects.get(name=STAFF_GROUP))
    client.force_login(staff, backend=BACKEND)

    for url in ["/en/jury/", *_urls(mine)]:
        assert client.get(url).status_code == 403, url


def test_another_jurors_candidacy_is_not_found(client, juror, mine, theirs):
    for url in _urls(theirs):
        assert client.get(url).status_code == 404, url
    for url in _urls(theirs)[1:]:
        assert client.post(url, {"action": "submit", "reason": "x"}).status_code == 404, url
    assert Assignment.objects.filter(candidacy=theirs).count() == 1
    assert Evaluation.objects.count() == 0
    assert Conflict.objects.count() == 0


def test_unknown_candidacy_is_not_found(client, juror, mine):
    assert client.get("/en/jury/candidacies/999999/").status_code == 404


# --- My candidacies -------------------------------------------------------------------------------


def test_dashboard_lists_only_my_candidacies(client, juror, mine, theirs):
    body = client.get("/en/jury/").content.decode()

    assert "Resto Chez Ginette" in body
    assert "Quincaillerie Beaulieu" not in body
    assert f'href="/en/jury/candidacies/{mine.pk}/evaluate/"' in body
    assert f"/en/jury/candidacies/{theirs.pk}/" not in body


def test_dashboard_counts_by_territory_and_lists_what_is_left_first(client, jury_edition, juror):
    done = make_candidacy(
        jury_edition, employer=make_employer("Fromagerie Coaticook", municipality_name="Coaticook")
    )
    draft = make_candidacy(
        jury_edition, employer=make_employer("Boulangerie Magog", municipality_name="Magog")
    )
    fresh = make_candidacy(jury_edition, employer=make_employer("Cinéma Magog", municipality_name="Magog"))
    save_evaluation(assignment=assign(done, juror), values=_int_scores(jury_edition, 4), submit=True)
    first = _criteria(jury_edition)[0]
    save_evaluation(assignment=assign(draft, juror), values={first.pk: 2})
    assign(fresh, juror)

    response = client.get("/en/jury/")
    body = response.content.decode()

    assert response.status_code == 200
    assert "1 of 3 submitted" in body
    assert '<progress max="3" value="1" aria-labelledby="progress-text">' in body
    assert "2 candidacies left to submit" in body
    summary = {
        row["candidacy__employer__territory__name"]: (row["total"], row["submitted"], row["drafts"])
        for row in response.context["territories"]
    }
    assert summary == {"Coaticook": (1, 1, 0), "Memphrémagog": (2, 0, 1)}
    assert body.index(">Coaticook</a></th>") < body.index(">Memphrémagog</a></th>")
    # What is left to do first: the draft, then the one not started, then the submitted one.
    listed = [row.candidacy.employer.name for row in response.context["rows"]]
    assert listed == ["Boulangerie Magog", "Cinéma Magog", "Fromagerie Coaticook"]
    assert body.index("Boulangerie Magog") < body.index("Cinéma Magog") < body.index("Fromagerie Coaticook")
    assert "5 criteria to score (1 of 6 done), then submit" in body
    assert "6 criteria to score (0 of 6 done), then submit" in body
    assert "Not started" in body
    assert "Draft" in body
    assert "Nothing: submitted on" in body
    assert "Scoring is open." in body


def test_dashboard_filters_by_territory_and_status(client, jury_edition, juror):
    coaticook = make_candidacy(
        jury_edition, employer=make_employer("Fromagerie", municipality_name="Coaticook")
    )
    magog = make_candidacy(jury_edition, employer=make_employer("Boulangerie", municipality_name="Magog"))
    save_evaluation(assignment=assign(coaticook, juror), values=_int_scores(jury_edition, 4), submit=True)
    assign(magog, juror)

    def listed(query):
        response = client.get("/en/jury/", query)
        return [row.candidacy.employer.name for row in response.context["rows"]], response

    assert listed({"territory": "coaticook"})[0] == ["Fromagerie"]
    assert listed({"status": "todo"})[0] == ["Boulangerie"]
    assert listed({"status": "submitted"})[0] == ["Fromagerie"]
    names, response = listed({"territory": "coaticook", "status": "todo"})
    assert names == []
    assert "None of your candidacies matches these filters." in response.content.decode()
    # The progress stays the juror's whole progress, whatever the filter.
    assert "1 of 2 submitted" in response.content.decode()
    # An unknown value shows everything rather than an error.
    assert sorted(listed({"territory": "nowhere", "status": "x"})[0]) == ["Boulangerie", "Fromagerie"]


def test_dashboard_is_paginated_by_50(client, jury_edition, juror, monkeypatch):
    monkeypatch.setattr("jury.views.juror.PAGE_SIZE", 2)
    for name in ("A", "B", "C"):
        assign(make_candidacy(jury_edition, employer=make_employer(f"Resto {name}")), juror)

    first = client.get("/en/jury/")
    second = client.get("/en/jury/", {"page": 2})

    assert [row.candidacy.employer.name for row in first.context["rows"]] == ["Resto A", "Resto B"]
    assert [row.candidacy.employer.name for row in second.context["rows"]] == ["Resto C"]
    assert first.context["page"].paginator.count == 3
    assert "Page 1 of 2" in first.content.decode()
    assert "0 of 3 submitted" in first.content.decode()


def test_dashboard_without_an_edition_says_so(client, juror):
    response = client.get("/en/jury/")

    assert response.status_code == 200
    assert "There is no edition of the contest yet." in response.content.decode()


def test_dashboard_without_assignments_says_so(client, jury_edition, juror, theirs):
    body = client.get("/en/jury/").content.decode()

    assert "No candidacy is assigned to you in this edition yet." in body
    assert "<progress" not in body
    assert "Quincaillerie Beaulieu" not in body


def test_dashboard_queries_do_not_grow_with_assignments(client, jury_edition, juror):
    first = make_candidacy(jury_edition)
    save_evaluation(assignment=assign(first, juror), values=_int_scores(jury_edition, 2))
    one = _count_queries(client, "/en/jury/")
    second = make_candidacy(jury_edition, employer=make_employer(municipality_name="Magog"))
    save_evaluation(assignment=assign(second, juror), values=_int_scores(jury_edition, 2), submit=True)
    assign(make_candidacy(jury_edition), juror)

    three = _count_queries(client, "/en/jury/")

    assert Assignment.objects.filter(juror=juror).count() == 3
    assert one == three


# --- The dossier -----------------------------------------------------------------------------------


def test_dossier_shows_the_employer_and_the_testimonials(client, jury_edition, juror):
    employer = make_employer("Resto Chez Ginette")
    employer.sector = "food_service"
    employer.save()
    nomination, _token = make_nomination(
        edition=jury_edition, employer=employer, status="eligible", testimonial="Elle m'encourage."
    )
    criterion = _criteria(jury_edition)[0]
    nomination.answers.create(criterion=criterion, text="Pas de quart pendant les examens.")
    candidacy = make_candidacy(jury_edition, employer=employer, testimonials=0)
    assign(candidacy, juror)

    body = client.get(f"/en/jury/candidacies/{candidacy.pk}/").content.decode()

    assert "<h1>Resto Chez Ginette</h1>" in body
    assert "Sherbrooke" in body
    assert "Restaurants and food service" in body
    assert "How does your boss adapt your schedule during your exams?" in body
    assert "Pas de quart pendant les examens." in body
    assert "Elle m&#x27;encourage." in body
    assert f'href="/en/jury/candidacies/{candidacy.pk}/evaluate/"' in body
    assert f'href="/en/jury/candidacies/{candidacy.pk}/conflict/"' in body


def test_dossier_is_anonymised_by_default(client, jury_edition, juror):
    candidacy = make_candidacy(jury_edition, photo="nominations/photos/abc.jpg", **YOUTH)
    assign(candidacy, juror)

    body = client.get(f"/en/jury/candidacies/{candidacy.pk}/").content.decode()

    assert "Testimonial 1" in body
    for secret in ("Anaïs", "Lapointe-Secret", "anais.secret@example.org", "École secondaire Secrète"):
        assert secret not in body
    assert "<dt>Age</dt>" not in body
    assert "nominations/photos/abc.jpg" not in body
    assert "Judging is anonymised" in body


def test_dossier_shows_first_name_age_and_photo_when_judging_is_not_anonymised(client, juror):
    edition = make_edition(Phase.JURY, anonymous_judging=False)
    candidacy = make_candidacy(edition, photo="nominations/photos/abc.jpg", **YOUTH)
    assign(candidacy, juror)

    body = client.get(f"/en/jury/candidacies/{candidacy.pk}/").content.decode()

    assert "Testimonial 1: Anaïs" in body
    assert "<div><dt>Age</dt><dd>17</dd></div>" in body
    assert 'src="/media/nominations/photos/abc.jpg"' in body
    for secret in ("Lapointe-Secret", "anais.secret@example.org", "École secondaire Secrète", "@example.org"):
        assert secret not in body


def test_dossier_queries_do_not_grow_with_testimonials(client, jury_edition, juror):
    one_testimonial = make_candidacy(jury_edition, testimonials=1)
    three_testimonials = make_candidacy(jury_edition, testimonials=3)
    for candidacy in (one_testimonial, three_testimonials):
        assign(candidacy, juror)
        for nomination in candidacy.employer.nominations.all():
            for criterion in _criteria(jury_edition):
                nomination.answers.create(criterion=criterion, text=f"Réponse {criterion.code}")

    one = _count_queries(client, f"/en/jury/candidacies/{one_testimonial.pk}/")
    three = _count_queries(client, f"/en/jury/candidacies/{three_testimonials.pk}/")

    assert "Testimonial 3" in client.get(f"/en/jury/candidacies/{three_testimonials.pk}/").content.decode()
    assert one == three


# --- The score form --------------------------------------------------------------------------------


def test_score_form_shows_every_criterion_with_its_rubric(client, jury_edition, mine):
    response = client.get(f"/en/jury/candidacies/{mine.pk}/evaluate/")
    body = response.content.decode()

    assert response.status_code == 200
    criteria = _criteria(jury_edition)
    assert len(criteria) == 6
    for criterion in criteria:
        fieldset = _fieldset(body, criterion)
        weight = f"{criterion.weight.normalize():f}"
        assert f"<legend>{criterion.name_en} (weight {weight})</legend>" in fieldset
        assert fieldset.count('type="radio"') == 5
        for level in criterion.rubric.all():
            assert f"{level.score} — {level.text_en}</label>" in fieldset
    assert '<button type="submit" name="action" value="draft" class="button">Save draft</button>' in body
    assert (
        'name="action" value="submit" class="button button-primary"'
        ' data-confirm="Submit your scores? They are then locked.">Submit</button>'
    ) in body


def test_score_form_in_french_writes_the_weight_the_french_way(client, jury_edition, mine):
    first = _criteria(jury_edition)[0]

    response = client.get(f"/fr/jury/candidacies/{mine.pk}/evaluate/")

    assert response.status_code == 200
    fieldset = _fieldset(response.content.decode(), first)
    assert "<legend>Horaire adapté aux périodes d&#x27;examens (" in fieldset
    assert " 1,5)</legend>" in fieldset
    assert "0 — Aucune pratique observée</label>" in fieldset
    assert client.head(f"/fr/jury/candidacies/{mine.pk}/evaluate/").status_code == 200


def test_save_draft_keeps_partial_scores(client, jury_edition, mine):
    first, second = _criteria(jury_edition)[:2]
    data = {f"criterion_{first.pk}": "3", "comment": "À relire", "action": "draft"}

    response = client.post(f"/en/jury/candidacies/{mine.pk}/evaluate/", data)

    assert response.status_code == 302
    assert response.headers["Location"] == f"/en/jury/candidacies/{mine.pk}/evaluate/"
    evaluation = Evaluation.objects.get(assignment__candidacy=mine)
    assert evaluation.status == EvaluationStatus.DRAFT
    assert list(evaluation.scores.values_list("criterion_id", "value")) == [(first.pk, 3)]
    body = client.get(f"/en/jury/candidacies/{mine.pk}/evaluate/").content.decode()
    assert f'value="3" id="id_criterion_{first.pk}_3" checked' in _fieldset(body, first)
    assert "checked" not in _fieldset(body, second)
    assert "À relire</textarea>" in body
    assert "Your draft is saved." in body


def test_submit_with_a_missing_criterion_shows_the_error_next_to_it(client, jury_edition, mine):
    criteria = _criteria(jury_edition)
    missing = criteria[2]
    data = _scores(jury_edition, 4, comment="Très bon dossier", action="submit")
    del data[f"criterion_{missing.pk}"]

    response = client.post(f"/en/jury/candidacies/{mine.pk}/evaluate/", data)
    body = response.content.decode()

    assert response.status_code == 400
    assert 'role="alert"' in body
    error = (
        f'<p class="error-text" id="id_criterion_{missing.pk}_error">'
        "Choose a score for this criterion before submitting.</p>"
    )
    missing_fieldset = _fieldset(body, missing)
    assert error in missing_fieldset
    assert f'aria-invalid="true" aria-describedby="id_criterion_{missing.pk}_error"' in missing_fieldset
    assert "checked" not in missing_fieldset
    for criterion in criteria:
        if criterion != missing:
            fieldset = _fieldset(body, criterion)
            assert f'value="4" id="id_criterion_{criterion.pk}_4" checked' in fieldset
            assert "error-text" not in fieldset
    assert "Très bon dossier</textarea>" in body
    assert Evaluation.objects.filter(status=EvaluationStatus.SUBMITTED).count() == 0


def test_score_out_of_the_scale_is_refused_next_to_the_field(client, jury_edition, mine):
    first = _criteria(jury_edition)[0]
    data = _scores(jury_edition, 2, action="draft", **{f"criterion_{first.pk}": "7"})

    response = client.post(f"/en/jury/candidacies/{mine.pk}/evaluate/", data)

    assert response.status_code == 400
    assert "Choose a score between 0 and 4." in _fieldset(response.content.decode(), first)
    assert Evaluation.objects.count() == 0


def test_submit_complete_locks_the_evaluation_and_stores_its_total(client, jury_edition, mine):
    response = client.post(
        f"/en/jury/candidacies/{mine.pk}/evaluate/",
        _scores(jury_edition, 3, comment="Solide", action="submit"),
    )

    assert response.status_code == 302
    assert response.headers["Location"] == "/en/jury/"
    evaluation = Evaluation.objects.get(assignment__candidacy=mine)
    assert evaluation.status == EvaluationStatus.SUBMITTED
    assert evaluation.weighted_total == Decimal("75.00")
    assert evaluation.comment == "Solide"

    body = client.get(f"/en/jury/candidacies/{mine.pk}/evaluate/").content.decode()
    assert "Submitted on " in body
    assert "Your weighted total: 75.00 out of 100." in body
    assert '<form method="post" novalidate class="score-form"' not in body
    assert 'name="action"' not in body
    assert "My score: 3 — Regular practice the youth recognises" in body

    again = client.post(
        f"/en/jury/candidacies/{mine.pk}/evaluate/", _scores(jury_edition, 0, action="submit")
    )
    assert again.status_code == 409
    evaluation.refresh_from_db()
    assert evaluation.weighted_total == Decimal("75.00")


def test_scores_posted_after_the_candidacy_left_the_jurors_list_are_refused_with_a_message(
    client, jury_edition, mine, monkeypatch
):
    # Staff removed the assignment between the page's checks and the save (it waited for the lock).
    validate = ScoreForm.is_valid

    def removed_meanwhile(form):
        Assignment.objects.filter(candidacy=mine).delete()
        return validate(form)

    monkeypatch.setattr(ScoreForm, "is_valid", removed_meanwhile)

    response = client.post(
        f"/en/jury/candidacies/{mine.pk}/evaluate/", _scores(jury_edition, 3, action="submit"), follow=True
    )

    assert response.redirect_chain == [("/en/jury/", 302)]
    assert (
        "Resto Chez Ginette is no longer on your list (a conflict of interest, or the staff removed it while "
        "you were scoring): your scores were not saved."
    ) in [str(message) for message in response.context["messages"]]
    assert not Evaluation.objects.filter(assignment__candidacy=mine).exists()


def test_outside_the_jury_window_the_form_is_read_only(client, juror):
    edition = make_edition(Phase.DELIBERATION)
    candidacy = make_candidacy(edition)
    assign(candidacy, juror)

    response = client.get(f"/en/jury/candidacies/{candidacy.pk}/evaluate/")
    body = response.content.decode()

    assert response.status_code == 200
    assert "Scoring is closed: the jury scored from" in body
    assert 'name="action"' not in body
    assert 'type="radio"' not in body
    assert "Not scored." in body
    posted = client.post(
        f"/en/jury/candidacies/{candidacy.pk}/evaluate/", _scores(edition, 3, action="submit")
    )
    assert posted.status_code == 409
    assert Evaluation.objects.count() == 0


def test_before_the_jury_window_the_form_is_read_only(client, juror):
    edition = make_edition(Phase.SCREENING)
    candidacy = make_candidacy(edition)
    assign(candidacy, juror)

    body = client.get(f"/en/jury/candidacies/{candidacy.pk}/evaluate/").content.decode()

    assert "Scoring is not open yet: the jury scores from" in body
    assert 'name="action"' not in body


def test_a_juror_never_sees_another_jurors_comment_or_total(client, jury_edition, juror, mine):
    _other_juror_submitted(mine)
    first = _criteria(jury_edition)[0]
    pages = ["/en/jury/", *_urls(mine)]

    for url in pages:
        body = client.get(url).content.decode()
        assert OTHER_COMMENT not in body, url
        assert "61.37" not in body and "61,37" not in body, url

    client.post(
        f"/en/jury/candidacies/{mine.pk}/evaluate/", {f"criterion_{first.pk}": "1", "action": "draft"}
    )
    client.post(f"/en/jury/candidacies/{mine.pk}/evaluate/", _scores(jury_edition, 4, action="submit"))
    for url in pages:
        body = client.get(url).content.decode()
        assert OTHER_COMMENT not in body, url
        assert "61.37" not in body and "61,37" not in body, url
    assert "Your weighted total: 100.00 out of 100." in client.get(_urls(mine)[1]).content.decode()


# --- Declaring a conflict --------------------------------------------------------------------------


def test_conflict_page_explains_and_asks_for_an_optional_reason(client, mine):
    response = client.get(f"/en/jury/candidacies/{mine.pk}/conflict/")
    body = response.content.decode()

    assert response.status_code == 200
    assert "another juror of the panel scores it in your place" in body
    assert 'name="reason"' in body
    assert "(optional)" in body


def test_declaring_a_conflict_hands_the_candidacy_to_another_panel_member(client, jury_edition, juror, mine):
    jury_edition.jurors_per_candidacy = 1
    jury_edition.save()
    replacement = make_juror("remplacant@example.org")
    territory = mine.employer.territory
    for member in (juror, replacement):
        PanelMembership.objects.create(edition=jury_edition, territory=territory, juror=member)
    first = _criteria(jury_edition)[0]
    save_evaluation(assignment=Assignment.objects.get(candidacy=mine), values={first.pk: 2})

    response = client.post(f"/en/jury/candidacies/{mine.pk}/conflict/", {"reason": "  Ma sœur y travaille "})

    assert response.status_code == 302
    assert response.headers["Location"] == "/en/jury/"
    assert list(Assignment.objects.filter(candidacy=mine).values_list("juror_id", flat=True)) == [
        replacement.pk
    ]
    conflict = Conflict.objects.get()
    assert (conflict.juror, conflict.candidacy, conflict.reason, conflict.declared_by) == (
        juror,
        mine,
        "Ma sœur y travaille",
        juror,
    )
    assert Evaluation.objects.count() == 0
    body = client.get("/en/jury/").content.decode()
    assert "Your conflict of interest is recorded: Resto Chez Ginette is no longer on your list." in body
    assert f"/en/jury/candidacies/{mine.pk}/" not in body
    assert client.get(f"/en/jury/candidacies/{mine.pk}/").status_code == 404


def test_conflict_after_submission_changes_nothing(client, jury_edition, juror, mine):
    assignment = Assignment.objects.get(candidacy=mine)
    save_evaluation(assignment=assignment, values=_int_scores(jury_edition, 2), submit=True)

    page = client.get(f"/en/jury/candidacies/{mine.pk}/conflict/").content.decode()
    response = client.post(f"/en/jury/candidacies/{mine.pk}/conflict/", {"reason": "Trop tard"}, follow=True)

    assert "already submitted" in page
    assert 'name="reason"' not in page
    assert response.status_code == 200
    assert "already submitted, so the conflict was not recorded" in response.content.decode()
    assert Conflict.objects.count() == 0
    assert Assignment.objects.filter(pk=assignment.pk).exists()
    assert Evaluation.objects.get().status == EvaluationStatus.SUBMITTED


def test_conflict_reason_too_long_is_shown_next_to_the_field(client, mine):
    response = client.post(f"/en/jury/candidacies/{mine.pk}/conflict/", {"reason": "x" * 301})
    body = response.content.decode()

    assert response.status_code == 400
    assert 'id="id_reason_error"' in body
    assert 'aria-invalid="true"' in body
    assert Conflict.objects.count() == 0
    assert Assignment.objects.filter(candidacy=mine).count() == 1


@pytest.mark.parametrize("phase", [Phase.DELIBERATION, Phase.PUBLISHED])
def test_conflict_after_the_jury_window_is_refused_and_changes_nothing(
    client, jury_edition, juror, mine, phase
):
    replacement = make_juror("remplacant@example.org")
    PanelMembership.objects.create(edition=jury_edition, territory=mine.employer.territory, juror=replacement)
    move_to(jury_edition, phase)

    dossier = client.get(f"/en/jury/candidacies/{mine.pk}/").content.decode()
    page = client.get(f"/en/jury/candidacies/{mine.pk}/conflict/").content.decode()
    response = client.post(f"/en/jury/candidacies/{mine.pk}/conflict/", {"reason": "Trop tard"}, follow=True)

    assert f'href="/en/jury/candidacies/{mine.pk}/conflict/"' not in dossier
    assert "The jury window is closed, so you can no longer declare a conflict here." in page
    assert 'name="reason"' not in page
    assert response.redirect_chain == [(f"/en/jury/candidacies/{mine.pk}/", 302)]
    assert "The jury window is closed, so the conflict was not recorded." in response.content.decode()
    assert Conflict.objects.count() == 0
    assert list(Assignment.objects.values_list("juror_id", flat=True)) == [juror.pk]


def test_declaring_a_conflict_is_recorded_in_the_audit_log_with_ids_only(client, jury_edition, juror, mine):
    client.post(f"/en/jury/candidacies/{mine.pk}/conflict/", {"reason": "Ma sœur y travaille"})

    event = AuditEvent.objects.get(action="conflict.declared")
    conflict = Conflict.objects.get()
    assert (event.actor_id, event.target_type, event.target_id) == (
        juror.pk,
        "nominations.candidacy",
        str(mine.pk),
    )
    assert event.details == {
        "juror": juror.pk,
        "conflict": conflict.pk,
        "assignment_removed": True,
        "reassigned": 0,
    }
