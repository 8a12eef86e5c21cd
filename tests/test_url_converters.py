"""Ids and years in paths: only numbers a database column can hold reach the views; any other path is
not found. Django's ``int`` converter let 20 digits through to an OverflowError (a 500) on SQLite."""

import pytest
from django.urls import NoReverseMatch, resolve, reverse

TOO_BIG = "9" * 19  # above 2**63 - 1

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        f"/fr/jury/candidacies/{TOO_BIG}/",
        f"/fr/jury/candidacies/{TOO_BIG}/evaluate/",
        f"/fr/jury/candidacies/{TOO_BIG}/conflict/",
        f"/fr/staff/candidacies/{TOO_BIG}/",
        f"/fr/staff/nominations/{TOO_BIG}/",
        f"/fr/staff/incidents/{TOO_BIG}/",
        f"/fr/employers/{TOO_BIG}/",
        f"/fr/employers/{TOO_BIG}/share.png",
        "/fr/winners/123456/",
        "/fr/leaderboard/123456/",
    ],
)
def test_a_number_no_column_holds_is_not_found(client, django_user_model, path):
    admin = django_user_model.objects.create_superuser("admin@example.org", "admin@example.org", "pw")
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")

    response = client.get(path)

    assert response.status_code == 404


def test_the_largest_id_that_fits_still_reaches_the_view():
    match = resolve(f"/fr/employers/{'9' * 18}/")

    assert (match.view_name, match.kwargs) == ("results:employer", {"pk": 10**18 - 1})


def test_reverse_refuses_an_id_no_column_holds():
    assert reverse("results:employer", kwargs={"pk": 10**17}) == f"/fr/employers/{10**17}/"
    with pytest.raises(NoReverseMatch):
        reverse("results:employer", kwargs={"pk": 10**19})
