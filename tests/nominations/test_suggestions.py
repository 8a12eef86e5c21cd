import pytest

from nominations.enums import NominationStatus
from tests.factories import make_employer, make_nomination, municipality

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


@pytest.mark.parametrize("value", ["9223372036854775808", "9" * 40, "-1", "0", "1e5"])
def test_suggestions_ignore_an_absurd_municipality(client, edition, value):
    make_nomination(edition=edition, employer=make_employer("Dépanneur Lac"))

    response = client.get("/fr/nominations/employers/suggest/", {"q": "depanneur", "municipality": value})

    assert response.status_code == 200
    assert [result["name"] for result in response.json()["results"]] == ["Dépanneur Lac"]


def test_suggestions_of_a_chain_name_each_municipality_and_filter_by_one(client, edition):
    for town in ("Sherbrooke", "Magog"):
        make_nomination(edition=edition, employer=make_employer("IGA", municipality_name=town))
    magog = municipality("Magog")

    everywhere = client.get("/fr/nominations/employers/suggest/", {"q": "iga"}).json()["results"]
    in_magog = client.get(
        "/fr/nominations/employers/suggest/", {"q": "iga", "municipality": str(magog.pk)}
    ).json()["results"]

    assert sorted(result["municipality"] for result in everywhere) == ["Magog", "Sherbrooke"]
    assert in_magog == [{"name": "IGA", "municipality": "Magog", "municipality_id": magog.pk}]


@pytest.mark.parametrize("query", ["inc", "Ltée", "Cie.", " -- "])
def test_suggestions_of_a_query_that_names_no_business_are_empty(client, edition, query):
    for name in ("Resto Chez Ginette inc.", "Prince Ltée", "Roy et Cie"):
        make_nomination(edition=edition, employer=make_employer(name))

    response = client.get("/fr/nominations/employers/suggest/", {"q": query})

    assert response.json()["results"] == []


def test_suggestions_read_the_first_100_characters_of_the_query(client, edition):
    make_nomination(edition=edition, employer=make_employer("Resto Chez Ginette"))
    query = "resto" + " " * 95 + "and whatever is typed beyond"

    results = client.get("/fr/nominations/employers/suggest/", {"q": query}).json()["results"]

    assert [result["name"] for result in results] == ["Resto Chez Ginette"]
