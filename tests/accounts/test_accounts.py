import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth.models import Group, User
from django.core import mail

from contest.domain.roles import JUROR_GROUP, STAFF_GROUP
from contest.models import SecurityPolicy

PASSWORD = "un-mot-de-passe-solide-2026"
NEW_PASSWORD = "nouveau-passe-bien-long-2026"
TOO_MANY = "Too many failed login attempts. Try again later."
ACTIVATE_TOTP = "/en/accounts/2fa/totp/activate/"


def _account(email: str, *, group: str, password: str = PASSWORD, **fields) -> User:
    user = User.objects.create_user(email, email, password, **fields)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def juror(db):
    return _account("juror@example.org", group=JUROR_GROUP)


@pytest.fixture
def staff(db):
    return _account("staff@example.org", group=STAFF_GROUP, is_staff=True)


def _login(client, email, password=PASSWORD, language="en"):
    return client.post(f"/{language}/accounts/login/", {"login": email, "password": password})


def _require_mfa_for_staff(required: bool = True) -> None:
    SecurityPolicy.objects.update_or_create(pk=1, defaults={"require_mfa_for_staff": required})


# E-mail login


def test_login_with_email_and_password_sends_a_juror_to_the_jury_area(client, juror):
    response = _login(client, "Juror@Example.org")

    assert response.status_code == 302
    assert response.headers["Location"] == "/en/jury/"
    assert client.session["_auth_user_id"] == str(juror.pk)


def test_login_sends_staff_to_the_staff_area(client, staff):
    response = _login(client, "staff@example.org", language="fr")

    assert response.status_code == 302
    assert response.headers["Location"] == "/fr/staff/"


def test_login_with_a_wrong_password_says_so_and_keeps_the_address(client, juror):
    response = _login(client, "juror@example.org", password="wrong")

    page = response.content.decode()
    assert response.status_code == 200
    assert "The email address and/or password you specified are not correct." in page
    assert 'value="juror@example.org"' in page
    assert "_auth_user_id" not in client.session


# Account pages look like the site, in both languages


def test_login_page_in_french_uses_allauths_french_and_the_site_layout(client, db):
    response = client.get("/fr/accounts/login/")

    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr-CA">' in page
    assert '<label for="id_password">Mot de passe</label>' in page
    assert 'class="site-header"' in page
    assert 'class="site-footer"' in page
    assert 'href="/en/accounts/login/" lang="en"' in page
    assert "/static/css/site.css" in page


def test_login_page_in_english(client, db):
    response = client.get("/en/accounts/login/")

    page = response.content.decode()
    assert '<html lang="en-CA">' in page
    assert '<label for="id_password">Password</label>' in page
    assert '<a href="/en/accounts/password/reset/">Forgot your password?</a>' in page
    assert "sign up" not in page.lower()


def test_account_pages_have_no_inline_script_or_style(client, juror):
    client.force_login(juror)

    for url in ("/en/accounts/password/change/", "/en/accounts/2fa/", "/en/accounts/logout/"):
        page = client.get(url).content.decode()
        assert "style=" not in page, url
        assert "<script>" not in page, url
        assert "<style" not in page, url


def test_account_settings_pages_show_the_settings_navigation(client, juror):
    client.force_login(juror)

    page = client.get("/en/accounts/2fa/").content.decode()

    assert 'aria-label="Account settings"' in page
    assert '<a href="/en/accounts/2fa/" aria-current="page">Two-Factor Authentication</a>' in page
    assert 'href="/en/accounts/password/change/"' in page


def test_password_change_shows_errors_next_to_the_fields(client, juror):
    _login(client, "juror@example.org")

    response = client.post(
        "/en/accounts/password/change/",
        {"oldpassword": "wrong", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert '<p class="error-text" id="id_oldpassword_error">Please type your current password.</p>' in page
    assert 'class="error-summary"' in page


# Closed sign-up


def test_signup_page_says_sign_up_is_closed(client, db):
    response = client.get("/en/accounts/signup/")

    assert response.status_code == 200
    assert "Sign Up Closed" in response.content.decode()


def test_signup_post_creates_no_account(client, db):
    response = client.post(
        "/en/accounts/signup/",
        {"email": "intruder@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response.status_code == 200
    assert "Sign Up Closed" in response.content.decode()
    assert User.objects.count() == 0
    assert "_auth_user_id" not in client.session


# Password reset


def test_password_reset_by_e_mail_sets_a_new_password(client, juror):
    response = client.post("/en/accounts/password/reset/", {"email": "juror@example.org"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/en/accounts/password/reset/done/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["juror@example.org"]
    assert message.subject == "Password Reset Email — Mon boss c'est le meilleur"
    link = re.search(r"http://testserver(/en/accounts/password/reset/key/\S+/)", message.body).group(1)
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="http://testserver{link}"' in html

    form_page = client.get(link)
    assert form_page.status_code == 302
    set_password_url = form_page.headers["Location"]
    done = client.post(set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert done.headers["Location"] == "/en/accounts/password/reset/key/done/"

    juror.refresh_from_db()
    assert juror.check_password(NEW_PASSWORD) is True
    assert _login(client, "juror@example.org", password=NEW_PASSWORD).status_code == 302


def test_password_reset_link_works_only_once(client, juror):
    client.post("/en/accounts/password/reset/", {"email": "juror@example.org"})
    link = re.search(r"http://testserver(/en/accounts/password/reset/key/\S+/)", mail.outbox[0].body).group(1)
    set_password_url = client.get(link).headers["Location"]
    client.post(set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    again = client.get(link)

    assert again.status_code == 200
    assert "Bad Token" in again.content.decode()


def test_password_reset_for_an_unknown_address_sends_nothing(client, db):
    response = client.post("/en/accounts/password/reset/", {"email": "nobody@example.org"})

    assert response.status_code == 302
    assert mail.outbox == []


# Two-factor authentication for staff


def test_staff_without_totp_is_sent_to_activate_it_when_the_policy_requires_it(client, staff):
    _require_mfa_for_staff()
    client.force_login(staff)

    response = client.get("/en/staff/jurors/")

    assert response.status_code == 302
    assert response.headers["Location"] == ACTIVATE_TOTP


def test_staff_without_totp_is_sent_to_activate_it_from_the_admin_too(client, staff):
    _require_mfa_for_staff()
    client.force_login(staff)

    response = client.get("/admin/", headers={"accept-language": "en"})

    assert response.status_code == 302
    assert response.headers["Location"] == ACTIVATE_TOTP


def test_staff_told_to_activate_totp_confirms_the_password_then_sees_the_activation_page(client, staff):
    _require_mfa_for_staff()
    _login(client, "staff@example.org")

    response = client.get("/en/staff/jurors/", follow=True)
    page = response.content.decode()
    assert response.redirect_chain[0] == (ACTIVATE_TOTP, 302)
    assert response.redirect_chain[1][0].startswith("/en/accounts/reauthenticate/")
    assert "Staff accounts must use two-factor authentication." in page

    confirmed = client.post(response.redirect_chain[1][0], {"password": PASSWORD}, follow=True)
    assert confirmed.redirect_chain == [(ACTIVATE_TOTP, 302)]
    activation = confirmed.content.decode()
    assert "Activate Authenticator App" in activation
    assert '<img src="data:image/svg+xml' in activation
    assert 'name="code"' in activation


def test_staff_who_asked_for_a_password_reset_can_still_activate_totp(client, staff):
    # The reset request records the address unverified (addresses here are set by staff, never
    # verified by e-mail); allauth then refused the authenticator app, so the staff policy locked them out.
    _require_mfa_for_staff()
    client.post("/en/accounts/password/reset/", {"email": "staff@example.org"})
    _login(client, "staff@example.org")

    response = client.get("/en/staff/jurors/", follow=True)
    confirmed = client.post(response.redirect_chain[1][0], {"password": PASSWORD}, follow=True)

    assert confirmed.redirect_chain == [(ACTIVATE_TOTP, 302)]
    assert 'name="code"' in confirmed.content.decode()


def test_staff_with_totp_passes_when_the_policy_requires_it(client, staff):
    _require_mfa_for_staff()
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(staff)

    assert client.get("/en/staff/jurors/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_staff_without_totp_passes_when_the_policy_is_off(client, staff):
    _require_mfa_for_staff(required=False)
    client.force_login(staff)

    assert client.get("/en/staff/jurors/").status_code == 200


def test_staff_without_totp_passes_when_no_policy_was_ever_saved(client, staff):
    client.force_login(staff)

    assert client.get("/en/staff/jurors/").status_code == 200
    assert SecurityPolicy.objects.exists() is False


def test_the_policy_does_not_touch_jurors_pages(client, juror):
    _require_mfa_for_staff()
    client.force_login(juror)

    response = client.get("/en/accounts/password/change/")

    assert response.status_code == 200


def test_superuser_edits_the_security_policy_in_the_admin(client, db):
    admin = User.objects.create_superuser("admin@example.org", "admin@example.org", PASSWORD)
    Authenticator.objects.create(user=admin, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(admin)

    first = client.get("/admin/contest/securitypolicy/")
    created = client.post("/admin/contest/securitypolicy/add/", {"require_mfa_for_staff": "on"})
    then = client.get("/admin/contest/securitypolicy/")

    assert first.headers["Location"] == "/admin/contest/securitypolicy/add/"
    assert created.status_code == 302
    assert SecurityPolicy.current().require_mfa_for_staff is True
    assert then.headers["Location"] == "/admin/contest/securitypolicy/1/change/"
    assert client.get("/admin/contest/securitypolicy/add/").status_code == 403


# Throttling


def test_login_is_refused_after_five_failures_even_with_the_right_password(client, juror):
    for _ in range(5):
        failed = _login(client, "juror@example.org", password="wrong")
        assert TOO_MANY not in failed.content.decode()

    response = _login(client, "juror@example.org")

    assert response.status_code == 200
    assert TOO_MANY in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_still_works_after_four_failures(client, juror):
    for _ in range(4):
        _login(client, "juror@example.org", password="wrong")

    response = _login(client, "juror@example.org")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(juror.pk)


def test_failures_for_one_address_do_not_block_another(client, juror, staff):
    for _ in range(5):
        _login(client, "juror@example.org", password="wrong")

    assert _login(client, "staff@example.org").status_code == 302


def test_admin_login_page_redirects_to_the_account_login(client, db):
    response = client.get("/admin/login/", headers={"accept-language": "en"})

    assert response.status_code == 302
    assert response.headers["Location"] == "/en/accounts/login/?next=%2Fadmin%2Flogin%2F"


def test_admin_login_form_cannot_be_used_to_sign_in(client, staff):
    response = client.post("/admin/login/", {"username": "staff@example.org", "password": PASSWORD})

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/fr/accounts/login/")
    assert "_auth_user_id" not in client.session


def test_admin_login_is_throttled_through_the_account_login(client, staff):
    for _ in range(5):
        _login(client, "staff@example.org", password="wrong")

    response = client.post(
        "/en/accounts/login/?next=/admin/", {"login": "staff@example.org", "password": PASSWORD}
    )

    assert TOO_MANY in response.content.decode()
    assert client.get("/admin/").status_code == 302


# allauth's e-mails link to the privacy policy, like ours


def _totp_code(client) -> str:
    secret = client.session[SECRET_SESSION_KEY]
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def _send_every_allauth_email(client, language: str) -> None:
    """Activate an authenticator app, regenerate the recovery codes, deactivate the app, change the
    password, then reset it: each step e-mails the account."""
    accounts = f"/{language}/accounts"
    _login(client, "juror@example.org", language=language)
    client.post(f"{accounts}/reauthenticate/", {"password": PASSWORD})
    client.get(f"{accounts}/2fa/totp/activate/")
    client.post(f"{accounts}/2fa/totp/activate/", {"code": _totp_code(client)})
    client.post(f"{accounts}/2fa/recovery-codes/generate/")
    client.post(f"{accounts}/2fa/totp/deactivate/")
    client.post(
        f"{accounts}/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    client.post(f"{accounts}/logout/")
    client.post(f"{accounts}/password/reset/", {"email": "juror@example.org"})
    link = re.search(rf"http://testserver({accounts}/password/reset/key/\S+/)", mail.outbox[-1].body).group(1)
    client.post(client.get(link).headers["Location"], {"password1": PASSWORD, "password2": PASSWORD})


@pytest.mark.parametrize(
    ("language", "subjects", "label"),
    [
        (
            "en",
            [
                "Authenticator App Activated",
                "New Recovery Codes Generated",
                "Authenticator App Deactivated",
                "Password Changed",
                "Password Reset Email",
                "Password Reset",
            ],
            "Privacy policy:",
        ),
        (
            "fr",
            [
                "Application d'authentification activée",
                "Nouveaux codes de récupération générés",
                "Application d'authentification désactivée",
                "Mot de passe modifié",
                "E-mail de réinitialisation de mot de passe",
                "Réinitialisation du mot de passe",
            ],
            "Politique de confidentialité :",
        ),
    ],
)
def test_every_allauth_email_links_to_the_privacy_policy_in_its_language(
    client, juror, django_capture_on_commit_callbacks, language, subjects, label
):
    with django_capture_on_commit_callbacks(execute=True):
        _send_every_allauth_email(client, language)

    sent = sorted(message.subject.removesuffix(" — Mon boss c'est le meilleur") for message in mail.outbox)
    assert sent == sorted(subjects)
    url = f"http://testserver/{language}/privacy/"
    for message in mail.outbox:
        html, _mimetype = message.alternatives[0]
        assert message.body.endswith(f"\n\n{label} {url}"), message.subject
        assert f'<p><a href="{url}">{label.removesuffix(":").strip()}</a></p>' in html, message.subject
