import pytest

from tests.factories import nomination_post_data


@pytest.fixture
def post_nomination(client, edition, guard_fields, django_capture_on_commit_callbacks):
    """Post the public form (French page unless told otherwise) with valid data and overrides.

    E-mails are sent on commit, so the commit callbacks are run as a real request would."""

    def post(language="fr", follow=False, **overrides):
        data = {**nomination_post_data(edition, **overrides), **guard_fields}
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(f"/{language}/nominations/new/", data, follow=follow)

    return post
