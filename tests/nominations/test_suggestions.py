import pytest

from nominations.enums import NominationStatus
from tests.factories import make_employer, make_nomination

pytestmark = pytest.mark.django_db


def test_suggestions_list_confirmed_employers_matching_the_typed_name(client, edition):
    ginette = make_employer("Resto Chez Ginette inc.")
    make_nomination(edition=edition, employer=ginette)
    hidden = make_employer("Resto Fantôme")
    make_nomination(edition=edition, employer=hidden, status=NominationStatus.PENDING)
    make_nomination(edition=edition, employer=make_employer("Quincaillerie Roy"))

    results = client.get("/fr/nominations/employers/suggest/", {"q": "resto"}).json()["results"]

    assert [result["name"] for result in results] == ["Resto Chez Ginette inc."]
    assert results[0]["municipality"] == "Sherbrooke"


def test_suggestions_need_two_characters_and_accept_accents(client, edition):
    make_nomination(edition=edition, employer=make_employer("Épicerie Bégin"))
    assert client.get("/fr/nominations/employers/suggest/", {"q": "e"}).json()["results"] == []
    names = [
        r["name"]
        for r in client.get("/fr/nominations/employers/suggest/", {"q": "epicerie beg"}).json()["results"]
    ]
    assert names == ["Épicerie Bégin"]


def test_suggestions_ignore_a_malformed_municipality(client, edition):
    make_nomination(edition=edition, employer=make_employer("Dépanneur Lac"))
    response = client.get("/fr/nominations/employers/suggest/", {"q": "depanneur", "municipality": "abc"})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 1
