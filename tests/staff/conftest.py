import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from contest.domain.roles import JUROR_GROUP, STAFF_GROUP

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def staff_user(db):
    user = User.objects.create_user(
        "coordo@example.org", "coordo@example.org", "pw", is_staff=True, first_name="Coordo"
    )
    user.groups.add(Group.objects.get(name=STAFF_GROUP))
    return user


@pytest.fixture
def staff_client(staff_user):
    client = Client()
    client.force_login(staff_user, backend=MODEL_BACKEND)
    return client


@pytest.fixture
def juror_user(db):
    user = User.objects.create_user("jure@example.org", "jure@example.org", "pw")
    user.groups.add(Group.objects.get(name=JUROR_GROUP))
    return user


@pytest.fixture
def juror_client(juror_user):
    client = Client()
    client.force_login(juror_user, backend=MODEL_BACKEND)
    return client
