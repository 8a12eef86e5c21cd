import datetime as dt
import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group, User
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from contest.domain.roles import JUROR_GROUP, STAFF_GROUP
from jury.domain.invitations import InvitationError, invitation_path, invite_juror

PASSWORD = "un-mot-de-passe-solide-2026"
LINK = re.compile(r"http://testserver(/(?:fr|en)/jury/invitation/[^/\s\"]+/[^/\s\"]+/)")


@pytest.fixture
def staff(db):
    user = User.objects.create_user("staff@example.org", "staff@example.org", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name=STAFF_GROUP))
    return user


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def invite(staff_client, django_capture_on_commit_callbacks):
    """Post the staff's invitation form (French page unless told otherwise)."""

    def post(language="fr", **overrides):
        data = {
            "email": "Juree@Example.org",
            "first_name": "Julie",
            "last_name": "Gagnon",
            "language": language,
            **overrides,
        }
        with django_capture_on_commit_callbacks(execute=True):
            return staff_client.post(f"/{language}/staff/jurors/invite/", data)

    return post


def _link_in(message) -> str:
    return LINK.search(message.body).group(1)


def _invited(email="juror@example.org") -> User:
    """An invited juror (the e-mail waits for a commit that never comes in the test)."""
    return invite_juror(
        email=email, first_name="Marc", last_name="Roy", site_url="http://testserver/", language="fr"
    )


def _path(user, language="fr") -> str:
    with translation.override(language):
        return invitation_path(user)


def _juror(email="juror@example.org", password=None) -> User:
    user = User.objects.create_user(email, email, password)
    user.groups.add(Group.objects.get(name=JUROR_GROUP))
    return user


def test_invite_juror_creates_an_account_without_password_in_the_jurors_group(invite):
    response = invite()

    assert response.status_code == 302
    assert response.headers["Location"] == "/fr/staff/jurors/"
    user = User.objects.get(username="juree@example.org")
    assert (user.email, user.first_name, user.last_name, user.is_active) == (
        "juree@example.org",
        "Julie",
        "Gagnon",
        True,
    )
    assert user.has_usable_password() is False
    assert list(user.groups.values_list("name", flat=True)) == [JUROR_GROUP]
    assert list(EmailAddress.objects.filter(user=user).values_list("email", "verified", "primary")) == [
        ("juree@example.org", True, True)
    ]


def test_invite_juror_sends_the_link_in_text_and_html(invite):
    invite(language="en")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["juree@example.org"]
    assert message.subject == "Your invitation to the jury — Mon boss c'est le meilleur"
    link = _link_in(message)
    assert link.startswith("/en/jury/invitation/")
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="http://testserver{link}"' in html
    assert "Hello Julie," in message.body


def test_invite_juror_in_french_sends_a_french_link(invite):
    invite(language="fr")

    assert _link_in(mail.outbox[0]).startswith("/fr/jury/invitation/")


def test_invite_juror_again_resends_a_link_and_keeps_one_account(invite):
    invite()
    invite(email="juree@example.org", first_name="Julie-Anne")

    assert User.objects.filter(email__iexact="juree@example.org").count() == 1
    # An existing account keeps its names: an invitation never renames anyone.
    assert User.objects.get(username="juree@example.org").first_name == "Julie"
    assert EmailAddress.objects.filter(email="juree@example.org").count() == 1
    assert len(mail.outbox) == 2
    assert _link_in(mail.outbox[1]).startswith("/fr/jury/invitation/")


def test_invite_juror_reuses_an_existing_account_with_that_address(invite, staff):
    invite(email="STAFF@example.org", first_name="Sophie", last_name="Lemieux")

    staff.refresh_from_db()
    assert User.objects.count() == 1
    assert sorted(staff.groups.values_list("name", flat=True)) == [JUROR_GROUP, STAFF_GROUP]
    assert staff.check_password("pw") is True
    assert list(EmailAddress.objects.filter(user=staff).values_list("email", "verified", "primary")) == [
        ("staff@example.org", True, True)
    ]


def test_invite_juror_never_renames_an_existing_account(invite, db):
    admin = User.objects.create_superuser(
        "admin@example.org", "admin@example.org", "pw", first_name="Ada", last_name="Admin"
    )

    invite(email="admin@example.org", first_name="Jean", last_name="Juré")

    admin.refresh_from_db()
    assert (admin.first_name, admin.last_name) == ("Ada", "Admin")
    assert JUROR_GROUP in admin.groups.values_list("name", flat=True)


@pytest.mark.parametrize(("is_staff", "is_superuser"), [(True, False), (False, True), (True, True)])
def test_invite_juror_refuses_to_reactivate_a_deactivated_staff_account(invite, db, is_staff, is_superuser):
    former = User.objects.create_user(
        "ancien@example.org",
        "ancien@example.org",
        "pw",
        first_name="Ancien",
        is_staff=is_staff,
        is_superuser=is_superuser,
        is_active=False,
    )

    response = invite(language="en", email="Ancien@example.org", first_name="Nouveau")

    assert response.status_code == 400
    assert (
        "This address belongs to a deactivated staff or administrator account: an invitation would give "
        "it back its access."
    ) in response.content.decode()
    former.refresh_from_db()
    assert (former.is_active, former.first_name) == (False, "Ancien")
    assert list(former.groups.values_list("name", flat=True)) == []
    assert mail.outbox == []


def test_invite_juror_domain_refuses_a_deactivated_staff_account(db):
    User.objects.create_user("ancien@example.org", "ancien@example.org", "pw", is_staff=True, is_active=False)

    with pytest.raises(InvitationError):
        _invited("ancien@example.org")

    assert User.objects.get(username="ancien@example.org").is_active is False


def test_invite_juror_deactivated_between_the_form_check_and_the_invitation_is_refused_next_to_it(
    invite, db, monkeypatch
):
    User.objects.create_user("ancien@example.org", "ancien@example.org", "pw", is_staff=True, is_active=False)
    # The form saw an active account; an administrator deactivated it before the domain ran.
    monkeypatch.setattr("jury.forms.invitations.invitation_refused", lambda email: False)

    response = invite(language="en", email="ancien@example.org")

    assert response.status_code == 400
    assert "This address belongs to a deactivated staff or administrator account" in response.content.decode()
    assert User.objects.get(username="ancien@example.org").is_active is False


def test_invite_juror_with_a_bad_address_shows_the_error_and_keeps_what_was_typed(invite):
    response = invite(language="en", email="not-an-address")

    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="error-text" id="id_email_error"' in page
    assert 'value="not-an-address"' in page
    assert 'value="Julie"' in page
    assert User.objects.filter(username="not-an-address").exists() is False
    assert mail.outbox == []


def test_invite_juror_is_refused_to_a_juror(client, db, django_capture_on_commit_callbacks):
    client.force_login(_juror(password="pw"))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/staff/jurors/invite/", {"email": "x@example.org", "first_name": "X", "last_name": "Y"}
        )

    assert response.status_code == 403
    assert User.objects.filter(email="x@example.org").exists() is False
    assert mail.outbox == []


def test_invite_juror_sends_an_anonymous_visitor_to_the_login_page(client, db):
    response = client.post(
        "/en/staff/jurors/invite/", {"email": "x@example.org", "first_name": "X", "last_name": "Y"}
    )

    assert response.status_code == 302
    assert response.headers["Location"] == "/en/accounts/login/?next=/en/staff/jurors/invite/"
    assert User.objects.filter(email="x@example.org").exists() is False


def test_invite_juror_answers_405_to_get(staff_client):
    assert staff_client.get("/en/staff/jurors/invite/").status_code == 405


def test_juror_list_shows_each_juror_and_whether_they_set_a_password(staff_client):
    _juror("with-password@example.org", password="pw")
    waiting = _juror("waiting@example.org")
    waiting.first_name, waiting.last_name, waiting.is_active = "Paul", "Roy", False
    waiting.save()

    response = staff_client.get("/en/staff/jurors/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "with-password@example.org" in page
    assert "<td>Paul Roy</td>" in page
    assert page.count('<span class="badge badge-ok">yes</span>') == 1
    assert page.count('<span class="badge badge-wait">not yet</span>') == 1
    assert "staff@example.org" not in page.split("<table>")[1]
    assert 'name="email"' in page


def test_juror_list_query_count_does_not_grow_with_rows(staff_client):
    _juror("a@example.org")
    with CaptureQueriesContext(connection) as one:
        staff_client.get("/en/staff/jurors/")
    _juror("b@example.org", password="pw")
    _juror("c@example.org")
    with CaptureQueriesContext(connection) as three:
        response = staff_client.get("/en/staff/jurors/")

    assert response.content.decode().count("@example.org</td>") == 3
    assert len(three) == len(one)


def test_accept_invitation_shows_the_password_form(client, db):
    user = _invited()

    response = client.get(_path(user))

    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="new_password1"' in page
    assert "juror@example.org" in page


def test_accept_invitation_sets_the_password_and_signs_the_juror_in(client, db):
    user = _invited()
    path = _path(user)

    response = client.post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD})

    assert response.status_code == 302
    assert response.headers["Location"] == "/fr/jury/"
    user.refresh_from_db()
    assert user.check_password(PASSWORD) is True
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.session["_auth_user_backend"] == "allauth.account.auth_backends.AuthenticationBackend"


def test_accept_invitation_through_the_e_mailed_link(invite, client):
    invite(language="en")
    client.logout()
    path = _link_in(mail.outbox[0])

    response = client.post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD})

    assert response.status_code == 302
    assert response.headers["Location"] == "/en/jury/"
    assert client.session["_auth_user_id"] == str(User.objects.get(username="juree@example.org").pk)


def test_accept_invitation_link_is_refused_once_used(client, db):
    user = _invited()
    path = _path(user)
    client.post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    client.logout()

    response = client.get(path)
    repost = client.post(path, {"new_password1": "autre-passe-2026-x", "new_password2": "autre-passe-2026-x"})

    assert response.status_code == 400
    assert repost.status_code == 400
    user.refresh_from_db()
    assert user.check_password(PASSWORD) is True


def test_accept_invitation_refuses_my_token_with_someone_elses_uid(client, db):
    mine = _invited("me@example.org")
    other = _invited("other@example.org")
    token = _path(mine).rstrip("/").rsplit("/", 1)[1]
    uidb64 = urlsafe_base64_encode(force_bytes(other.pk))

    response = client.post(
        f"/en/jury/invitation/{uidb64}/{token}/", {"new_password1": PASSWORD, "new_password2": PASSWORD}
    )

    assert response.status_code == 400
    other.refresh_from_db()
    assert other.has_usable_password() is False
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("uidb64", ["!!!", "zzzz", "MTIzNDU2Nzg5", "-", "0" * 200])
def test_accept_invitation_with_a_malformed_or_unknown_uid_is_a_clear_400(client, db, uidb64):
    user = _invited()
    token = default_token_generator.make_token(user)

    response = client.get(f"/en/jury/invitation/{uidb64}/{token}/")

    assert response.status_code == 400
    assert "This invitation link does not work" in response.content.decode()


def test_accept_invitation_with_a_wrong_token_is_a_clear_400(client, db):
    user = _invited()
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))

    response = client.get(f"/en/jury/invitation/{uidb64}/abc-0123456789abcdef/")

    assert response.status_code == 400


def test_accept_invitation_expires_after_the_password_reset_timeout(client, db, settings, monkeypatch):
    user = _invited()
    path = _path(user)
    later = dt.datetime.now() + dt.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    monkeypatch.setattr(default_token_generator, "_now", lambda: later)

    response = client.get(path)

    assert response.status_code == 400


def test_accept_invitation_refuses_a_token_for_an_account_that_is_not_a_juror(client, staff):
    uidb64 = urlsafe_base64_encode(force_bytes(staff.pk))
    token = default_token_generator.make_token(staff)

    response = client.get(f"/en/jury/invitation/{uidb64}/{token}/")

    assert response.status_code == 400


def test_accept_invitation_with_mismatched_passwords_shows_the_error(client, db):
    user = _invited()

    response = client.post(_path(user, "en"), {"new_password1": PASSWORD, "new_password2": PASSWORD + "x"})

    assert response.status_code == 400
    assert 'id="id_new_password2_error"' in response.content.decode()
    user.refresh_from_db()
    assert user.has_usable_password() is False
    assert "_auth_user_id" not in client.session


def test_accept_invitation_does_not_skip_the_second_factor(client, db):
    user = _invited()
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})

    response = client.post(_path(user), {"new_password1": PASSWORD, "new_password2": PASSWORD})

    assert response.status_code == 302
    assert response.headers["Location"] == "/fr/accounts/login/"
    assert "_auth_user_id" not in client.session
    user.refresh_from_db()
    assert user.check_password(PASSWORD) is True
