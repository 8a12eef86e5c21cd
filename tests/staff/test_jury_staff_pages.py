"""The staff's jury pages: panels, conflicts, assignments, progress, reminders and reopening."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contest.enums import Phase
from contest.models import AuditEvent, Territory
from jury.domain.panels import set_panel
from jury.domain.scoring import save_evaluation
from jury.enums import EvaluationStatus
from jury.models import Assignment, Conflict, Evaluation, PanelMembership
from tests.factories import make_edition
from tests.jury.conftest import employer_in
from tests.jury.fixtures_scoring import assign, make_candidacy, make_juror, move_to

pytestmark = pytest.mark.django_db

PANELS = "/en/staff/panels/"
CONFLICTS = "/en/staff/conflicts/"
ASSIGNMENTS = "/en/staff/assignments/"
ADD = "/en/staff/assignments/add/"
PROGRESS = "/en/staff/progress/"
REMIND = "/en/staff/progress/remind/"


def remove_url(assignment) -> str:
    return f"/en/staff/assignments/{assignment.pk}/remove/"


def reopen_url(evaluation) -> str:
    return f"/en/staff/evaluations/{evaluation.pk}/reopen/"


@pytest.fixture
def jury_edition(db):
    return make_edition(Phase.JURY)


@pytest.fixture
def sherbrooke(db):
    return Territory.objects.get(slug="sherbrooke")


def named_juror(email, first_name="", last_name=""):
    juror = make_juror(email)
    juror.first_name, juror.last_name = first_name, last_name
    juror.save()
    return juror


def candidacy_named(edition, territory, name):
    return make_candidacy(edition, employer=employer_in(territory, name))


def submit(assignment, *, final=True):
    criteria = assignment.candidacy.edition.criteria.all()
    return save_evaluation(assignment=assignment, values={c.pk: c.scale_max for c in criteria}, submit=final)


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# --- who may open the pages ----------------------------------------------------------------------

GET_PAGES = [PANELS, f"{PANELS}sherbrooke/", CONFLICTS, ASSIGNMENTS, PROGRESS]
POST_ACTIONS = [
    ASSIGNMENTS,
    f"{PANELS}sherbrooke/",
    CONFLICTS,
    ADD,
    "/en/staff/assignments/1/remove/",
    REMIND,
    "/en/staff/evaluations/1/reopen/",
]


@pytest.mark.parametrize("url", GET_PAGES)
def test_pages_answer_staff(staff_client, jury_edition, url):
    assert staff_client.get(url).status_code == 200


@pytest.mark.parametrize("url", GET_PAGES)
def test_pages_refuse_jurors(juror_client, jury_edition, url):
    assert juror_client.get(url).status_code == 403


@pytest.mark.parametrize("url", POST_ACTIONS)
def test_actions_refuse_jurors_and_change_nothing(juror_client, jury_edition, sherbrooke, url):
    candidacy = candidacy_named(jury_edition, sherbrooke, "Resto")
    juror = make_juror()
    set_panel(edition=jury_edition, territory=sherbrooke, jurors=[juror])

    response = juror_client.post(url, {"candidacy": candidacy.pk, "juror": juror.pk})

    assert response.status_code == 403
    assert Assignment.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize("url", GET_PAGES + POST_ACTIONS)
def test_anonymous_visitors_are_sent_to_the_login_page(client, jury_edition, url):
    response = client.post(url) if url in POST_ACTIONS and url not in GET_PAGES else client.get(url)

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/en/accounts/login/?next=")


@pytest.mark.parametrize(
    "url", [ADD, REMIND, "/en/staff/assignments/1/remove/", "/en/staff/evaluations/1/reopen/"]
)
def test_actions_are_post_only(staff_client, jury_edition, url):
    assert staff_client.get(url).status_code == 405


@pytest.mark.parametrize("value", ["999999", "abc", "-1", "²", "9" * 30])
def test_an_unknown_edition_parameter_answers_404(staff_client, jury_edition, value):
    for url in [PANELS, CONFLICTS, ASSIGNMENTS, PROGRESS]:
        assert staff_client.get(url, {"edition": value}).status_code == 404


def test_pages_without_any_edition_say_so(staff_client):
    for url in [PANELS, CONFLICTS, ASSIGNMENTS, PROGRESS]:
        response = staff_client.get(url)
        assert response.status_code == 200
        assert "There is no edition yet." in response.content.decode()


# --- panels --------------------------------------------------------------------------------------


def test_panels_list_every_territory_with_its_jurors_and_counts(staff_client, jury_edition, sherbrooke):
    alice = named_juror("alice@example.org", "Alice", "Martin")
    bruno = named_juror("bruno@example.org")
    set_panel(edition=jury_edition, territory=sherbrooke, jurors=[alice, bruno])
    candidacy_named(jury_edition, sherbrooke, "Resto Sherby")

    response = staff_client.get(PANELS)

    body = response.content.decode()
    rows = {row.name: row for row in response.context["table"].data}
    assert len(rows) == 9
    assert len(rows["Sherbrooke"].edition_panel) == 2
    assert rows["Sherbrooke"].candidacy_count == 1
    assert rows["Coaticook"].edition_panel == []
    assert "Alice Martin &lt;alice@example.org&gt;" in body
    assert "bruno@example.org" in body
    assert f'href="/en/staff/panels/sherbrooke/?edition={jury_edition.pk}"' in body
    assert "Brome-Missisquoi" in body


def test_panels_of_another_edition_are_picked_by_the_edition_parameter(
    staff_client, jury_edition, sherbrooke
):
    older = make_edition(Phase.DELIBERATION)
    set_panel(edition=older, territory=sherbrooke, jurors=[named_juror("ancien@example.org")])

    current = staff_client.get(PANELS).content.decode()
    past = staff_client.get(PANELS, {"edition": older.pk}).content.decode()

    assert "ancien@example.org" not in current
    assert "ancien@example.org" in past


def test_panel_edit_shows_every_juror_with_the_panel_ticked(staff_client, jury_edition, sherbrooke):
    member = named_juror("membre@example.org")
    outsider = named_juror("autre@example.org")
    set_panel(edition=jury_edition, territory=sherbrooke, jurors=[member])

    response = staff_client.get(f"{PANELS}sherbrooke/")

    body = response.content.decode()
    assert response.status_code == 200
    assert f'value="{member.pk}"' in body
    assert f'value="{outsider.pk}"' in body
    assert response.context["form"]["jurors"].value() == [member.pk]
    assert "Panel of Sherbrooke" in body


def test_panel_edit_post_sets_the_panel(staff_client, jury_edition, sherbrooke):
    kept, dropped, added = (make_juror() for _ in range(3))
    set_panel(edition=jury_edition, territory=sherbrooke, jurors=[kept, dropped])

    response = staff_client.post(f"{PANELS}sherbrooke/", {"jurors": [kept.pk, added.pk]}, follow=True)

    members = PanelMembership.objects.filter(edition=jury_edition, territory=sherbrooke)
    assert sorted(members.values_list("juror_id", flat=True)) == sorted([kept.pk, added.pk])
    assert response.redirect_chain == [(f"{PANELS}?edition={jury_edition.pk}", 302)]
    assert messages_of(response) == ["The panel of Sherbrooke now has 2 jurors."]


def test_panel_edit_of_another_edition_leaves_the_current_one_alone(staff_client, jury_edition, sherbrooke):
    older = make_edition(Phase.DELIBERATION)
    juror = make_juror()

    staff_client.post(f"{PANELS}sherbrooke/?edition={older.pk}", {"jurors": [juror.pk]})

    assert list(PanelMembership.objects.values_list("edition_id", "juror_id")) == [(older.pk, juror.pk)]


@pytest.mark.parametrize("value", ["999999", "abc", "9" * 30])
def test_panel_edit_with_an_unknown_juror_shows_the_error(staff_client, jury_edition, sherbrooke, value):
    juror = make_juror()
    set_panel(edition=jury_edition, territory=sherbrooke, jurors=[juror])

    response = staff_client.post(f"{PANELS}sherbrooke/", {"jurors": [value]})

    assert response.status_code == 200
    assert response.context["form"].errors["jurors"]
    assert 'class="error-text"' in response.content.decode()
    assert list(PanelMembership.objects.values_list("juror_id", flat=True)) == [juror.pk]


def test_panel_edit_refuses_a_staff_member_who_is_not_a_juror(staff_client, staff_user, jury_edition):
    response = staff_client.post(f"{PANELS}sherbrooke/", {"jurors": [staff_user.pk]})

    assert response.status_code == 200
    assert response.context["form"].errors["jurors"]
    assert not PanelMembership.objects.exists()


def test_panel_edit_of_an_unknown_territory_answers_404(staff_client, jury_edition):
    assert staff_client.get(f"{PANELS}atlantide/").status_code == 404
    assert staff_client.post(f"{PANELS}atlantide/", {}).status_code == 404


def test_panels_queries_do_not_grow_with_jurors(staff_client, jury_edition, sherbrooke):
    coaticook = Territory.objects.get(slug="coaticook")
    set_panel(edition=jury_edition, territory=sherbrooke, jurors=[make_juror()])
    one = count_queries(staff_client, PANELS)
    set_panel(edition=jury_edition, territory=sherbrooke, jurors=[make_juror() for _ in range(3)])
    set_panel(edition=jury_edition, territory=coaticook, jurors=[make_juror() for _ in range(3)])
    three = count_queries(staff_client, PANELS)
    assert one == three


# --- conflicts -----------------------------------------------------------------------------------


def test_conflicts_list_the_editions_conflicts(staff_client, staff_user, jury_edition, sherbrooke):
    juror = named_juror("claire@example.org", "Claire", "Roy")
    candidacy = candidacy_named(jury_edition, sherbrooke, "Quincaillerie Roy")
    Conflict.objects.create(juror=juror, candidacy=candidacy, reason="Son frère", declared_by=staff_user)
    other_edition = make_edition(Phase.DELIBERATION)
    Conflict.objects.create(juror=juror, candidacy=candidacy_named(other_edition, sherbrooke, "Vieux resto"))

    response = staff_client.get(CONFLICTS)

    body = response.content.decode()
    assert len(response.context["table"].data) == 1
    assert "Claire Roy &lt;claire@example.org&gt;" in body
    assert "Quincaillerie Roy — Sherbrooke" in body
    assert "Son frère" in body
    assert "Coordo &lt;coordo@example.org&gt;" in body
    assert "Vieux resto" not in [row.candidacy.employer.name for row in response.context["table"].data]


def resto_with_three_of_four_jurors(edition, territory):
    """« Resto », scored by the first three jurors of a panel of four."""
    candidacy = candidacy_named(edition, territory, "Resto")
    jurors = [make_juror() for _ in range(4)]
    set_panel(edition=edition, territory=territory, jurors=jurors)
    for juror in jurors[:3]:
        assign(candidacy, juror)
    return candidacy, jurors


def test_declaring_a_conflict_on_a_jurors_behalf_moves_the_assignment(
    staff_client, staff_user, jury_edition, sherbrooke
):
    candidacy, jurors = resto_with_three_of_four_jurors(jury_edition, sherbrooke)

    response = staff_client.post(
        CONFLICTS,
        {"juror": jurors[0].pk, "candidacy": candidacy.pk, "reason": "Ancien employé"},
        follow=True,
    )

    conflict = Conflict.objects.get()
    assert (conflict.juror, conflict.candidacy, conflict.reason) == (jurors[0], candidacy, "Ancien employé")
    assert conflict.declared_by == staff_user
    assert set(Assignment.objects.values_list("juror_id", flat=True)) == {j.pk for j in jurors[1:]}
    assert response.redirect_chain == [(f"{CONFLICTS}?edition={jury_edition.pk}", 302)]
    assert messages_of(response) == [
        f"Conflict recorded: {jurors[0].email} will not score Resto — Sherbrooke."
    ]


def test_declaring_a_conflict_after_the_juror_submitted_is_refused_with_a_message(
    staff_client, jury_edition, sherbrooke
):
    candidacy = candidacy_named(jury_edition, sherbrooke, "Resto")
    juror = make_juror("rapide@example.org")
    submit(assign(candidacy, juror))

    response = staff_client.post(CONFLICTS, {"juror": juror.pk, "candidacy": candidacy.pk, "reason": "x"})

    body = response.content.decode()
    assert response.status_code == 200
    assert "rapide@example.org has already submitted an evaluation of Resto" in body
    assert response.context["form"]["reason"].value() == "x"
    assert not Conflict.objects.exists()
    assert Assignment.objects.filter(juror=juror).exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("juror", "999999"),
        ("juror", "abc"),
        ("juror", ""),
        ("juror", "9" * 30),
        ("candidacy", "999999"),
        ("candidacy", "abc"),
        ("candidacy", "9" * 30),
    ],
)
def test_declaring_a_conflict_with_bad_input_shows_the_error(
    staff_client, jury_edition, sherbrooke, field, value
):
    data = {"juror": make_juror().pk, "candidacy": candidacy_named(jury_edition, sherbrooke, "R").pk}
    data[field] = value

    response = staff_client.post(CONFLICTS, data)

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert not Conflict.objects.exists()


def test_declaring_a_conflict_on_a_candidacy_of_another_edition_is_refused(
    staff_client, jury_edition, sherbrooke
):
    older = make_edition(Phase.DELIBERATION)
    data = {"juror": make_juror().pk, "candidacy": candidacy_named(older, sherbrooke, "Ancien").pk}

    response = staff_client.post(CONFLICTS, data)

    assert response.context["form"].errors["candidacy"] == ["This candidacy is not part of this edition."]
    assert not Conflict.objects.exists()


def test_declaring_the_same_conflict_twice_says_so(staff_client, jury_edition, sherbrooke):
    juror, candidacy = make_juror(), candidacy_named(jury_edition, sherbrooke, "R")
    Conflict.objects.create(juror=juror, candidacy=candidacy)

    response = staff_client.post(CONFLICTS, {"juror": juror.pk, "candidacy": candidacy.pk})

    assert response.context["form"].non_field_errors() == ["This conflict is already recorded."]


def test_conflicts_queries_do_not_grow_with_rows(staff_client, staff_user, jury_edition, sherbrooke):
    def add_conflict():
        Conflict.objects.create(
            juror=make_juror(),
            candidacy=candidacy_named(jury_edition, sherbrooke, f"C{Conflict.objects.count()}"),
            declared_by=staff_user,
        )

    add_conflict()
    one = count_queries(staff_client, CONFLICTS)
    add_conflict()
    add_conflict()
    three = count_queries(staff_client, CONFLICTS)
    assert one == three


def test_conflicts_are_filtered_sorted_and_paginated(staff_client, jury_edition, sherbrooke, monkeypatch):
    monkeypatch.setattr("jury.views.staff.PAGE_SIZE", 2)
    coaticook = Territory.objects.get(slug="coaticook")
    for name, territory in (("Alpha", sherbrooke), ("Beta", sherbrooke), ("Gamma", coaticook)):
        Conflict.objects.create(juror=make_juror(), candidacy=candidacy_named(jury_edition, territory, name))

    def listed(query):
        response = staff_client.get(CONFLICTS, query)
        return [row.record.candidacy.employer.name for row in response.context["table"].page.object_list]

    assert listed({}) == ["Gamma", "Beta"]  # newest first
    assert listed({"page": 2}) == ["Alpha"]
    assert listed({"sort": "candidacy"}) == ["Alpha", "Beta"]
    assert listed({"territory": "coaticook"}) == ["Gamma"]
    assert listed({"q": "alp"}) == ["Alpha"]


def test_declaration_form_offers_a_short_filtered_choice_of_candidacies(
    staff_client, jury_edition, sherbrooke, monkeypatch
):
    monkeypatch.setattr("jury.views.staff.CANDIDACY_CHOICES_SHOWN", 2)
    coaticook = Territory.objects.get(slug="coaticook")
    a, b, c = (candidacy_named(jury_edition, sherbrooke, name) for name in ("A", "B", "C"))
    ferme = candidacy_named(jury_edition, coaticook, "Ferme")

    def offered(query):
        response = staff_client.get(CONFLICTS, query)
        choices = response.context["form"].fields["candidacy"].widget.choices
        return [value for value, _label in choices if value], response.content.decode()

    offered_all, body = offered({})
    assert offered_all == [ferme.pk, a.pk]
    assert "4 candidacies match the filter above; the list offers the first 2" in body
    assert offered({"territory": "sherbrooke", "q": "c"})[0] == [c.pk]
    preselected, body = offered({"candidacy": str(b.pk)})
    assert preselected == [ferme.pk, a.pk, b.pk]
    assert f'<option value="{b.pk}" selected>' in body


@pytest.mark.parametrize(
    "query",
    [
        {"candidacy": "²"},
        {"candidacy": "9" * 30},
        {"candidacy": "-1"},
        {"page": "abc", "sort": "nonsense"},
        {"page": "999", "territory": "nowhere"},
    ],
)
def test_conflicts_page_ignores_bad_list_parameters(staff_client, jury_edition, sherbrooke, query):
    candidacy_named(jury_edition, sherbrooke, "A")

    response = staff_client.get(CONFLICTS, query)

    assert response.status_code == 200
    assert len(response.context["form"].fields["candidacy"].widget.choices) == 2


def test_declaring_a_conflict_on_a_candidacy_not_in_the_short_list(
    staff_client, jury_edition, sherbrooke, monkeypatch
):
    monkeypatch.setattr("jury.views.staff.CANDIDACY_CHOICES_SHOWN", 1)
    candidacy_named(jury_edition, sherbrooke, "A")
    last = candidacy_named(jury_edition, sherbrooke, "Z")
    juror = make_juror()

    response = staff_client.post(CONFLICTS, {"juror": juror.pk, "candidacy": last.pk}, follow=True)

    assert Conflict.objects.get().candidacy == last
    assert response.status_code == 200


# --- assignments ---------------------------------------------------------------------------------


@pytest.fixture
def board(jury_edition, sherbrooke):
    """Two candidacies in Sherbrooke, one in Coaticook; a panel of three in Sherbrooke with one juror
    not started, one in draft and one submitted on « Resto »; a conflict on « Garage »."""
    coaticook = Territory.objects.get(slug="coaticook")
    resto = candidacy_named(jury_edition, sherbrooke, "Resto")
    garage = candidacy_named(jury_edition, sherbrooke, "Garage")
    ferme = candidacy_named(jury_edition, coaticook, "Ferme")
    alice = named_juror("alice@example.org", "Alice", "Martin")
    bruno = named_juror("bruno@example.org", "Bruno", "Roy")
    chloe = named_juror("chloe@example.org", "Chloé", "Côté")
    set_panel(edition=jury_edition, territory=sherbrooke, jurors=[alice, bruno, chloe])
    waiting = assign(resto, alice)
    draft = submit(assign(resto, bruno), final=False)
    done = submit(assign(resto, chloe))
    Conflict.objects.create(juror=bruno, candidacy=garage, reason="Son cousin")
    return {
        "resto": resto,
        "garage": garage,
        "ferme": ferme,
        "alice": alice,
        "bruno": bruno,
        "chloe": chloe,
        "waiting": waiting,
        "draft": draft,
        "done": done,
    }


def test_assignments_show_candidacies_by_territory_with_each_status(staff_client, jury_edition, board):
    response = staff_client.get(ASSIGNMENTS)

    body = response.content.decode()
    groups = response.context["groups"]
    assert [g.territory.name for g in groups] == ["Coaticook", "Sherbrooke"]
    assert [row.candidacy.employer.name for row in groups[1].rows] == ["Garage", "Resto"]
    resto_row = groups[1].rows[1]
    assert [(a.assignment.juror.email, a.status) for a in resto_row.assignments] == [
        ("alice@example.org", "not_started"),
        ("bruno@example.org", EvaluationStatus.DRAFT),
        ("chloe@example.org", EvaluationStatus.SUBMITTED),
    ]
    assert [j.email for j in groups[1].rows[0].conflicted] == ["bruno@example.org"]
    assert "Not started" in body
    assert "Draft" in body
    assert "Submitted" in body
    assert f'action="{reopen_url(board["done"])}"' in body
    assert f'action="{reopen_url(board["draft"])}"' not in body
    assert f'action="{remove_url(board["waiting"])}"' in body
    assert 'id="candidacy-{}"'.format(board["resto"].pk) in body
    assert "Assign automatically" in body


def test_add_form_offers_only_jurors_neither_assigned_nor_in_conflict(staff_client, jury_edition, board):
    outsider = named_juror("zed@example.org")

    groups = staff_client.get(ASSIGNMENTS).context["groups"]

    garage_row, resto_row = groups[1].rows
    assert [j.email for j in garage_row.panel_choices] == ["alice@example.org", "chloe@example.org"]
    assert [j.email for j in garage_row.other_choices] == [outsider.email]
    assert resto_row.panel_choices == []
    assert [j.email for j in groups[0].rows[0].other_choices] == [
        "alice@example.org",
        "bruno@example.org",
        "chloe@example.org",
        "zed@example.org",
    ]


def test_assign_automatically_reports_what_was_created_and_what_lacks_jurors(
    staff_client, jury_edition, board
):
    response = staff_client.post(ASSIGNMENTS, follow=True)

    assert response.redirect_chain == [(f"{ASSIGNMENTS}?edition={jury_edition.pk}", 302)]
    assert set(
        Assignment.objects.filter(candidacy=board["garage"]).values_list("juror__email", flat=True)
    ) == {
        "alice@example.org",
        "chloe@example.org",
    }
    assert messages_of(response) == [
        "2 assignments created.",
        "2 candidacies lack jurors because their panel is too small: Ferme — Coaticook, Garage — Sherbrooke.",
    ]


def test_adding_a_juror_by_hand(staff_client, jury_edition, board):
    outsider = make_juror("zed@example.org")

    response = staff_client.post(ADD, {"candidacy": board["garage"].pk, "juror": outsider.pk}, follow=True)

    assignment = Assignment.objects.get(candidacy=board["garage"], juror=outsider)
    assert assignment.is_manual is True
    assert response.redirect_chain == [
        (f"{ASSIGNMENTS}?edition={jury_edition.pk}#candidacy-{board['garage'].pk}", 302)
    ]
    assert messages_of(response) == ["zed@example.org now scores Garage."]


def test_adding_a_conflicted_juror_is_refused_with_a_message(staff_client, jury_edition, board):
    response = staff_client.post(
        ADD, {"candidacy": board["garage"].pk, "juror": board["bruno"].pk}, follow=True
    )

    assert not Assignment.objects.filter(candidacy=board["garage"]).exists()
    assert messages_of(response) == [
        "Bruno Roy <bruno@example.org> declared a conflict of interest with Garage and cannot score it."
    ]


def test_adding_a_juror_already_assigned_says_so(staff_client, jury_edition, board):
    response = staff_client.post(
        ADD, {"candidacy": board["resto"].pk, "juror": board["alice"].pk}, follow=True
    )

    assert Assignment.objects.filter(candidacy=board["resto"]).count() == 3
    assert messages_of(response) == ["Resto — Sherbrooke: This juror is already assigned to this candidacy."]


@pytest.mark.parametrize("value", ["999999", "abc", "", "9" * 30])
def test_adding_an_unknown_juror_gives_a_message(staff_client, jury_edition, board, value):
    response = staff_client.post(ADD, {"candidacy": board["garage"].pk, "juror": value}, follow=True)

    assert response.status_code == 200
    assert len(messages_of(response)) == 1
    assert not Assignment.objects.filter(candidacy=board["garage"]).exists()


@pytest.mark.parametrize("value", ["999999", "abc", "", "²", "9" * 30])
def test_adding_to_an_unknown_candidacy_answers_404(staff_client, jury_edition, board, value):
    response = staff_client.post(ADD, {"candidacy": value, "juror": board["alice"].pk})

    assert response.status_code == 404


def test_removing_an_assignment(staff_client, jury_edition, board):
    response = staff_client.post(remove_url(board["draft"].assignment), follow=True)

    assert not Assignment.objects.filter(pk=board["draft"].assignment_id).exists()
    assert not Evaluation.objects.filter(pk=board["draft"].pk).exists()
    assert messages_of(response) == ["Bruno Roy <bruno@example.org> no longer scores Resto."]


def test_removing_a_submitted_evaluation_is_refused_with_a_message(staff_client, jury_edition, board):
    response = staff_client.post(remove_url(board["done"].assignment), follow=True)

    assert Evaluation.objects.filter(pk=board["done"].pk, status=EvaluationStatus.SUBMITTED).exists()
    assert messages_of(response) == [
        "Chloé Côté <chloe@example.org> has submitted an evaluation of Resto: it cannot be removed. "
        "Reopen it first if it must be thrown away."
    ]


def test_removing_an_unknown_assignment_answers_404(staff_client, jury_edition):
    assert staff_client.post("/en/staff/assignments/999999/remove/").status_code == 404
    assert staff_client.post(f"/en/staff/assignments/{'9' * 30}/remove/").status_code == 404


def test_reopening_a_submitted_evaluation(staff_client, jury_edition, board):
    response = staff_client.post(reopen_url(board["done"]), follow=True)

    board["done"].refresh_from_db()
    assert board["done"].status == EvaluationStatus.DRAFT
    assert board["done"].submitted_at is None
    assert response.redirect_chain == [
        (f"{ASSIGNMENTS}?edition={jury_edition.pk}#candidacy-{board['resto'].pk}", 302)
    ]
    assert messages_of(response) == [
        "The evaluation of Resto by Chloé Côté <chloe@example.org> is reopened: the juror can change it."
    ]


def test_reopening_a_draft_changes_nothing(staff_client, jury_edition, board):
    response = staff_client.post(reopen_url(board["draft"]), follow=True)

    assert Evaluation.objects.get(pk=board["draft"].pk).status == EvaluationStatus.DRAFT
    assert messages_of(response) == [
        "The evaluation of Resto by Bruno Roy <bruno@example.org> is not submitted yet."
    ]


def test_reopening_an_unknown_evaluation_answers_404(staff_client, jury_edition):
    assert staff_client.post("/en/staff/evaluations/999999/reopen/").status_code == 404
    assert staff_client.post(f"/en/staff/evaluations/{'9' * 30}/reopen/").status_code == 404


def test_assignments_queries_do_not_grow_with_rows(staff_client, jury_edition, sherbrooke):
    jurors = [make_juror() for _ in range(3)]
    set_panel(edition=jury_edition, territory=sherbrooke, jurors=jurors)

    def add_candidacy(name):
        candidacy = candidacy_named(jury_edition, sherbrooke, name)
        submit(assign(candidacy, jurors[0]))
        submit(assign(candidacy, jurors[1]), final=False)
        assign(candidacy, jurors[2])
        Conflict.objects.create(juror=make_juror(), candidacy=candidacy)

    add_candidacy("Un")
    one = count_queries(staff_client, ASSIGNMENTS)
    add_candidacy("Deux")
    add_candidacy("Trois")
    three = count_queries(staff_client, ASSIGNMENTS)
    assert one == three


def board_names(response) -> list[str]:
    return [row.candidacy.employer.name for group in response.context["groups"] for row in group.rows]


def test_assignments_summarise_each_territory_with_links_to_its_work(staff_client, jury_edition, board):
    make_candidacy(
        jury_edition, employer=employer_in(board["ferme"].employer.territory, "Vide"), testimonials=0
    )

    response = staff_client.get(ASSIGNMENTS)

    summary = {row["employer__territory__name"]: row for row in response.context["summary"]}
    assert {
        name: (row["panel_size"], row["candidacies"], row["missing"], row["unfinished"], row["conflicts"])
        for name, row in summary.items()
    } == {"Coaticook": (0, 2, 1, 0, 0), "Sherbrooke": (3, 2, 1, 1, 1)}
    assert summary["Coaticook"]["not_judged"] == 1
    body = response.content.decode()
    assert f"?edition={jury_edition.pk}&amp;territory=sherbrooke&amp;status=missing" in body
    assert response.context["candidacy_count"] == 4


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ({}, ["Ferme", "Garage", "Resto"]),
        ({"territory": "sherbrooke"}, ["Garage", "Resto"]),
        ({"status": "missing"}, ["Ferme", "Garage"]),
        ({"status": "unfinished"}, ["Resto"]),
        ({"status": "conflicts"}, ["Garage"]),
        ({"status": "not_judged"}, []),
        ({"q": "gar"}, ["Garage"]),
        ({"territory": "sherbrooke", "sort": "jurors"}, ["Garage", "Resto"]),
        ({"territory": "sherbrooke", "status": "missing", "q": "r"}, ["Garage"]),
        # An unknown value shows every candidacy rather than an error.
        ({"territory": "nowhere", "status": "x", "sort": "y"}, ["Ferme", "Garage", "Resto"]),
    ],
)
def test_assignments_filter_by_territory_status_and_name(staff_client, jury_edition, board, query, names):
    response = staff_client.get(ASSIGNMENTS, query)

    assert response.status_code == 200
    assert board_names(response) == names
    assert response.context["page"].paginator.count == len(names)


def test_assignments_sorted_by_fewest_jurors_first(staff_client, jury_edition, board, sherbrooke):
    candidacy_named(jury_edition, sherbrooke, "Zoo")  # no juror, named last

    by_name = board_names(staff_client.get(ASSIGNMENTS, {"territory": "sherbrooke"}))
    by_jurors = board_names(staff_client.get(ASSIGNMENTS, {"territory": "sherbrooke", "sort": "jurors"}))

    assert by_name == ["Garage", "Resto", "Zoo"]
    assert by_jurors == ["Garage", "Zoo", "Resto"]


def test_assignments_are_paginated(staff_client, jury_edition, sherbrooke, monkeypatch):
    monkeypatch.setattr("jury.views.staff.PAGE_SIZE", 2)
    for name in ("A", "B", "C"):
        candidacy_named(jury_edition, sherbrooke, name)

    first = staff_client.get(ASSIGNMENTS)
    second = staff_client.get(ASSIGNMENTS, {"page": 2})
    searched = staff_client.get(ASSIGNMENTS, {"q": "a", "page": 2})

    assert board_names(first) == ["A", "B"]
    assert board_names(second) == ["C"]
    assert "Page 1 of 2" in first.content.decode()
    assert "3 candidacies shown" in first.content.decode()
    assert board_names(searched) == ["A"]  # a page past the end shows the last one


def test_assignment_actions_come_back_to_the_page_they_left(staff_client, jury_edition, board):
    outsider = make_juror("zed@example.org")
    back = "territory=sherbrooke&status=missing&page=2&evil=1"

    added = staff_client.post(ADD, {"candidacy": board["garage"].pk, "juror": outsider.pk, "back": back})
    removed = staff_client.post(remove_url(board["waiting"]), {"back": "page=3"})
    reopened = staff_client.post(reopen_url(board["done"]), {"back": "%%%"})

    assert added["Location"] == (
        f"{ASSIGNMENTS}?edition={jury_edition.pk}&territory=sherbrooke&status=missing&page=2"
        f"#candidacy-{board['garage'].pk}"
    )
    assert (
        removed["Location"] == f"{ASSIGNMENTS}?edition={jury_edition.pk}&page=3#candidacy-{board['resto'].pk}"
    )
    assert reopened["Location"] == f"{ASSIGNMENTS}?edition={jury_edition.pk}#candidacy-{board['resto'].pk}"


def test_assignment_forms_carry_the_list_parameters(staff_client, jury_edition, board):
    body = staff_client.get(ASSIGNMENTS, {"territory": "sherbrooke", "page": "1"}).content.decode()

    assert (
        body.count('<input type="hidden" name="back" value="territory=sherbrooke&amp;page=1">') == 5
    )  # 3 removals, 1 reopening, 1 addition
    assert (
        f"/en/staff/conflicts/?edition={jury_edition.pk}&amp;candidacy={board['garage'].pk}#declare" in body
    )


def test_assign_automatically_says_what_is_happening_while_it_runs(staff_client, jury_edition, board):
    body = staff_client.get(ASSIGNMENTS).content.decode()

    assert '<script src="/static/js/busy-form.js" defer></script>' in body
    form = body[body.index("data-busy-form") : body.index("</form>", body.index("data-busy-form"))]
    assert 'data-busy-text="Assignment in progress… this may take a few seconds"' in form
    assert 'role="status" aria-live="polite" data-busy-status' in form


def test_assign_automatically_counts_per_territory_when_there_are_several(
    staff_client, jury_edition, board, sherbrooke
):
    coaticook = Territory.objects.get(slug="coaticook")
    set_panel(edition=jury_edition, territory=coaticook, jurors=[make_juror() for _ in range(3)])

    response = staff_client.post(ASSIGNMENTS, follow=True)

    assert messages_of(response) == [
        "5 assignments created (Coaticook: 3, Sherbrooke: 2).",
        "1 candidacy lacks jurors because its panel is too small: Garage — Sherbrooke.",
    ]


def test_assign_automatically_with_nothing_to_do_says_so(staff_client, jury_edition, sherbrooke):
    candidacy = candidacy_named(jury_edition, sherbrooke, "Resto")
    for juror in (make_juror(), make_juror(), make_juror()):
        assign(candidacy, juror)

    response = staff_client.post(ASSIGNMENTS, follow=True)

    assert messages_of(response) == ["Nothing to do: every candidacy to judge already has its jurors."]


def test_assign_automatically_counts_many_short_candidacies_per_territory(
    staff_client, jury_edition, sherbrooke, monkeypatch
):
    monkeypatch.setattr("jury.views.staff.SHORT_NAMES_SHOWN", 2)
    coaticook = Territory.objects.get(slug="coaticook")
    for name in ("A", "B"):
        candidacy_named(jury_edition, sherbrooke, name)
    candidacy_named(jury_edition, coaticook, "C")

    response = staff_client.post(ASSIGNMENTS, follow=True)

    assert messages_of(response) == [
        "0 assignments created.",
        "3 candidacies lack jurors because their panel is too small: Coaticook: 1, Sherbrooke: 2.",
    ]


# --- progress and reminders ----------------------------------------------------------------------


def test_progress_shows_each_juror_and_territory_with_the_jury_window(staff_client, jury_edition, board):
    response = staff_client.get(PROGRESS)

    body = response.content.decode()
    by_juror = {
        row.email: (row.assigned, row.submitted, row.drafts) for row in response.context["juror_table"].data
    }
    assert by_juror == {
        "alice@example.org": (1, 0, 0),
        "bruno@example.org": (1, 0, 1),
        "chloe@example.org": (1, 1, 0),
    }
    territories = {
        row.name: (row.candidacies, row.assigned, row.submitted)
        for row in response.context["territory_table"].data
    }
    assert territories["Sherbrooke"] == (2, 3, 1)
    assert territories["Coaticook"] == (1, 0, 0)
    assert '<progress max="3" value="1"' in body
    assert "1 of 3 evaluations submitted (33 %)." in body
    assert "1 draft in progress." in body
    assert "2 jurors still have evaluations to submit." in body
    assert body.count('<span class="badge badge-wait">Not finished</span>') == 2
    assert "100 %" in body
    assert "Jury closes" in body


def test_sending_reminders_reports_how_many_were_sent(staff_client, jury_edition, board):
    response = staff_client.post(REMIND, follow=True)

    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.org", "bruno@example.org"]
    assert response.redirect_chain == [(f"{PROGRESS}?edition={jury_edition.pk}", 302)]
    assert messages_of(response) == ["2 reminders sent."]
    assert all("/fr/jury/" in m.body for m in mail.outbox)


def test_sending_reminders_when_all_is_submitted_sends_nothing(staff_client, jury_edition):
    response = staff_client.post(REMIND, follow=True)

    assert mail.outbox == []
    assert messages_of(response) == ["No reminder sent: every juror has submitted their evaluations."]


def test_progress_queries_do_not_grow_with_jurors(staff_client, jury_edition, sherbrooke):
    candidacy = candidacy_named(jury_edition, sherbrooke, "Resto")

    def add_juror():
        juror = make_juror()
        submit(assign(candidacy, juror), final=bool(Assignment.objects.count() % 2))

    add_juror()
    one = count_queries(staff_client, PROGRESS)
    add_juror()
    add_juror()
    three = count_queries(staff_client, PROGRESS)
    assert one == three


# --- what changes once the jury window has closed --------------------------------------------------


@pytest.mark.parametrize("phase", [Phase.DELIBERATION, Phase.PUBLISHED])
def test_reopening_after_the_jury_window_is_refused_with_a_message(staff_client, jury_edition, board, phase):
    move_to(jury_edition, phase)

    response = staff_client.post(reopen_url(board["done"]), follow=True)

    board["done"].refresh_from_db()
    assert board["done"].status == EvaluationStatus.SUBMITTED
    assert messages_of(response) == [
        "The evaluation of Resto by Chloé Côté <chloe@example.org> was not reopened: an evaluation can be "
        "reopened only while the jury is at work, so that its juror can submit it again."
    ]


def test_reopening_after_the_jury_window_is_refused_in_french(staff_client, jury_edition, board):
    move_to(jury_edition, Phase.DELIBERATION)

    response = staff_client.post(f"/fr/staff/evaluations/{board['done'].pk}/reopen/", follow=True)

    (message,) = messages_of(response)
    assert message.startswith("L'évaluation de Resto par Chloé Côté <chloe@example.org> n'a pas été rouverte")


def test_board_after_the_jury_window_offers_no_reopening_nor_assignment(staff_client, jury_edition, board):
    move_to(jury_edition, Phase.DELIBERATION)

    body = staff_client.get(ASSIGNMENTS).content.decode()

    assert f'action="{reopen_url(board["done"])}"' not in body
    assert 'action="/en/staff/assignments/add/"' not in body
    assert "Assign automatically" not in body
    assert "The jury window of this edition is closed: jurors can no longer be assigned" in body
    assert f'action="{remove_url(board["waiting"])}"' in body


@pytest.mark.parametrize("phase", [Phase.DELIBERATION, Phase.PUBLISHED])
def test_assigning_after_the_jury_window_is_refused_with_a_message(staff_client, jury_edition, board, phase):
    outsider = make_juror("zed@example.org")
    move_to(jury_edition, phase)

    automatic = staff_client.post(ASSIGNMENTS, follow=True)
    by_hand = staff_client.post(ADD, {"candidacy": board["garage"].pk, "juror": outsider.pk}, follow=True)

    refusal = (
        "The jury window of this edition is closed: assignments can no longer change (a juror added now "
        "could not score)."
    )
    assert messages_of(automatic) == [refusal]
    assert messages_of(by_hand) == [refusal]
    assert Assignment.objects.count() == 3
    assert not AuditEvent.objects.filter(action__startswith="assignment").exists()


def test_editing_a_panel_once_the_results_are_published_is_refused(staff_client, jury_edition, sherbrooke):
    member, newcomer = make_juror(), make_juror()
    set_panel(edition=jury_edition, territory=sherbrooke, jurors=[member])
    move_to(jury_edition, Phase.PUBLISHED)

    page = staff_client.get(f"{PANELS}sherbrooke/").content.decode()
    response = staff_client.post(f"{PANELS}sherbrooke/", {"jurors": [newcomer.pk]}, follow=True)

    assert "The results of this edition are published: its panels can no longer change." in page
    assert "Save the panel" not in page
    assert list(PanelMembership.objects.values_list("juror_id", flat=True)) == [member.pk]
    assert response.redirect_chain == [(f"{PANELS}?edition={jury_edition.pk}", 302)]
    assert messages_of(response) == [
        "The results of this edition are published: its panels can no longer change."
    ]


@pytest.mark.parametrize("phase", [Phase.SCREENING, Phase.DELIBERATION, Phase.PUBLISHED])
def test_reminders_outside_the_jury_window_are_refused_with_a_message(
    staff_client, jury_edition, board, phase
):
    move_to(jury_edition, phase)

    page = staff_client.get(PROGRESS).content.decode()
    response = staff_client.post(REMIND, follow=True)

    assert mail.outbox == []
    assert 'action="/en/staff/progress/remind/' not in page
    assert "Reminders can be sent only while the jury is at work." in page
    assert messages_of(response) == [
        "Reminders can be sent only while the jury is at work: no reminder was sent."
    ]


def test_a_conflict_declared_by_staff_after_the_jury_window_is_recorded_without_reassigning(
    staff_client, staff_user, jury_edition, sherbrooke
):
    candidacy, jurors = resto_with_three_of_four_jurors(jury_edition, sherbrooke)
    submit(Assignment.objects.get(juror=jurors[0]), final=False)
    move_to(jury_edition, Phase.DELIBERATION)

    response = staff_client.post(CONFLICTS, {"juror": jurors[0].pk, "candidacy": candidacy.pk}, follow=True)

    conflict = Conflict.objects.get()
    assert (conflict.juror, conflict.declared_by) == (jurors[0], staff_user)
    assert set(Assignment.objects.values_list("juror_id", flat=True)) == {jurors[1].pk, jurors[2].pk}
    assert messages_of(response) == [
        f"Conflict recorded: {jurors[0].email} will not score Resto — Sherbrooke. The jury window is "
        "closed, so no other juror was assigned in their place."
    ]
    event = AuditEvent.objects.get(action="conflict.declared")
    assert (event.actor_id, event.target_id) == (staff_user.pk, str(candidacy.pk))
    assert event.details == {
        "juror": jurors[0].pk,
        "conflict": conflict.pk,
        "assignment_removed": True,
        "reassigned": 0,
    }


def test_a_conflict_on_a_submitted_evaluation_after_the_jury_window_says_it_cannot_be_reopened(
    staff_client, jury_edition, sherbrooke
):
    candidacy = candidacy_named(jury_edition, sherbrooke, "Resto")
    juror = make_juror("rapide@example.org")
    submit(assign(candidacy, juror))
    move_to(jury_edition, Phase.DELIBERATION)

    response = staff_client.post(CONFLICTS, {"juror": juror.pk, "candidacy": candidacy.pk})

    assert response.context["form"].non_field_errors() == [
        "rapide@example.org has submitted an evaluation of Resto, so the conflict was not recorded. "
        "The jury window is closed: the evaluation can no longer be reopened."
    ]
    assert not Conflict.objects.exists()
