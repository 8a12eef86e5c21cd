"""Every URL of the project × every role. Adding a URL without its row here fails the first test."""

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.auth.tokens import default_token_generator
from django.urls import URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from contest.domain.incidents import record_incident
from contest.domain.roles import JUROR_GROUP, STAFF_GROUP
from contest.enums import Phase
from jury.enums import AwardKind
from jury.models import Assignment, Award, Evaluation
from nominations.domain.employers import make_claim_token
from nominations.domain.privacy import make_parent_code
from nominations.domain.tokens import make_confirmation_code
from nominations.enums import NominationStatus
from nominations.models import Candidacy
from tests.factories import make_edition, make_nomination

ROLES = ("anonymous", "juror", "staff", "superuser")
OUR_NAMESPACES = {"contest", "nominations", "jury", "staff", "results"}
LOGIN = "login"  # a redirect to the login page

PUBLIC = dict.fromkeys(ROLES, 200)
STAFF_PAGE = {"anonymous": LOGIN, "juror": 403, "staff": 200, "superuser": 200}
STAFF_POST_ONLY = {"anonymous": LOGIN, "juror": 403, "staff": 405, "superuser": 405}
JUROR_PAGE = {"anonymous": LOGIN, "juror": 200, "staff": 403, "superuser": 200}
NOT_FOUND = dict.fromkeys(ROLES, 404)
# The superuser is not assigned to the candidacy: someone else's object answers 404.
JUROR_OBJECT = {"anonymous": LOGIN, "juror": 200, "staff": 403, "superuser": 404}

# url name -> (kwargs builder key, expected status per role)
MATRIX = {
    "contest:home": (None, PUBLIC),
    "contest:rules": (None, PUBLIC),
    "contest:privacy": (None, PUBLIC),
    "nominations:nominate": (None, PUBLIC),
    "nominations:sent": (None, PUBLIC),
    "nominations:withdrawn": (None, PUBLIC),
    "nominations:suggest_employers": (None, PUBLIC),
    "nominations:confirm": ("code", dict.fromkeys(ROLES, 302)),
    "nominations:resend": ("code", dict.fromkeys(ROLES, 405)),
    "nominations:private": ("token", PUBLIC),
    # Nominations closed: the youth may still correct their identity and consents.
    "nominations:edit": ("token", PUBLIC),
    "nominations:data_json": ("token", PUBLIC),
    "nominations:data_csv": ("token", PUBLIC),
    "nominations:parent": ("parent_code", PUBLIC),
    "nominations:withdraw": ("token", PUBLIC),
    "jury:dashboard": (None, JUROR_PAGE),
    "jury:dossier": ("candidacy", JUROR_OBJECT),
    "jury:evaluate": ("candidacy", JUROR_OBJECT),
    "jury:declare_conflict": ("candidacy", JUROR_OBJECT),
    "jury:accept_invitation": ("invitation", PUBLIC),
    "jury:deliberation": ("territory", {"anonymous": LOGIN, "juror": 404, "staff": 403, "superuser": 404}),
    # Results of an edition in its jury window: under embargo, so its pages answer 404.
    "results:winners": (None, PUBLIC),
    "results:winners_of": ("year", NOT_FOUND),
    "results:winners_share_image": ("year", NOT_FOUND),
    "results:engaged_employers": (None, PUBLIC),
    "results:employer": ("employer", NOT_FOUND),
    "results:employer_share_image": ("employer", NOT_FOUND),
    "results:leaderboard": (None, PUBLIC),
    "results:leaderboard_of": ("year", PUBLIC),
    "results:editions": (None, PUBLIC),
    "results:employer_profile": ("claim", PUBLIC),
    "results:employer_badge": ("claim", NOT_FOUND),
    "results:employer_certificate": ("claim", NOT_FOUND),
    "staff:deliberation": (None, STAFF_PAGE),
    "staff:deliberation_territory": ("territory", STAFF_PAGE),
    "staff:choose_winner": ("territory", STAFF_POST_ONLY),
    "staff:candidacy": ("candidacy", STAFF_PAGE),
    "staff:prizes": (None, STAFF_PAGE),
    "staff:remove_prize": ("award", STAFF_POST_ONLY),
    "staff:publish": (None, STAFF_PAGE),
    "staff:send_claim_link": ("employer", STAFF_POST_ONLY),
    "staff:home": (None, STAFF_PAGE),
    "staff:screening": (None, STAFF_PAGE),
    "staff:nomination": ("nomination", STAFF_PAGE),
    "staff:merge_employers": (None, STAFF_PAGE),
    "staff:panels": (None, STAFF_PAGE),
    "staff:panel_edit": ("territory", STAFF_PAGE),
    "staff:conflicts": (None, STAFF_PAGE),
    "staff:assignments": (None, STAFF_PAGE),
    "staff:assignment_add": (None, STAFF_POST_ONLY),
    "staff:assignment_remove": ("assignment", STAFF_POST_ONLY),
    "staff:progress": (None, STAFF_PAGE),
    "staff:send_reminders": (None, STAFF_POST_ONLY),
    "staff:evaluation_reopen": ("evaluation", STAFF_POST_ONLY),
    "staff:jurors": (None, STAFF_PAGE),
    "staff:invite_juror": (None, STAFF_POST_ONLY),
    "staff:audit": (None, STAFF_PAGE),
    "staff:incidents": (None, STAFF_PAGE),
    "staff:incident_edit": ("incident", STAFF_PAGE),
}

# Third-party areas: a representative page each.
ADMIN_PAGES = {
    "/admin/": {"anonymous": LOGIN, "juror": LOGIN, "staff": 200, "superuser": 200},
    "/admin/nominations/nomination/": {"anonymous": LOGIN, "juror": LOGIN, "staff": 200, "superuser": 200},
    "/admin/contest/edition/": {"anonymous": LOGIN, "juror": LOGIN, "staff": 200, "superuser": 200},
    "/admin/contest/auditevent/": {"anonymous": LOGIN, "juror": LOGIN, "staff": 200, "superuser": 200},
    "/admin/contest/auditevent/add/": {"anonymous": LOGIN, "juror": LOGIN, "staff": 403, "superuser": 403},
    "/admin/auth/user/": {"anonymous": LOGIN, "juror": LOGIN, "staff": 403, "superuser": 200},
}
SIGNED_IN_PAGE = {"anonymous": LOGIN, "juror": 200, "staff": 200, "superuser": 200}
SIGNED_IN_REDIRECT = {"anonymous": LOGIN, "juror": 302, "staff": 302, "superuser": 302}
# Signed in, it leads to the person's area.
SIGNED_OUT_ONLY = {"anonymous": 200, "juror": 302, "staff": 302, "superuser": 302}
# Without an authenticator to deactivate or recovery codes to show, allauth answers 404.
NO_AUTHENTICATOR = {"anonymous": LOGIN, "juror": 404, "staff": 404, "superuser": 404}
# django-allauth's pages (its own URL names, under /<lang>/accounts/): url name -> (kwargs, statuses).
ACCOUNT_MATRIX = {
    "account_login": ({}, SIGNED_OUT_ONLY),
    # Closed sign-up: the page says so and creates nobody (tests/accounts).
    "account_signup": ({}, SIGNED_OUT_ONLY),
    "account_logout": ({}, {"anonymous": 302, "juror": 200, "staff": 200, "superuser": 200}),
    "account_inactive": ({}, PUBLIC),
    "account_reauthenticate": ({}, SIGNED_IN_PAGE),
    "account_request_reauthentication_code": ({}, SIGNED_IN_REDIRECT),
    "account_confirm_reauthentication_code": ({}, SIGNED_IN_REDIRECT),
    "account_email": ({}, SIGNED_IN_PAGE),
    "account_email_verification_sent": ({}, PUBLIC),
    "account_confirm_email": ({"key": "not-a-key"}, PUBLIC),
    "account_change_password": ({}, SIGNED_IN_PAGE),
    "account_set_password": ({}, SIGNED_IN_REDIRECT),
    "account_reset_password": ({}, PUBLIC),
    "account_reset_password_done": ({}, PUBLIC),
    "account_reset_password_from_key": ({"uidb36": "1", "key": "not-a-key"}, PUBLIC),
    "account_reset_password_from_key_done": ({}, PUBLIC),
    "account_confirm_login_code": ({}, {"anonymous": 302, "juror": 302, "staff": 302, "superuser": 302}),
    "mfa_index": ({}, SIGNED_IN_PAGE),
    "mfa_authenticate": ({}, {"anonymous": LOGIN, "juror": 302, "staff": 302, "superuser": 302}),
    "mfa_reauthenticate": ({}, SIGNED_IN_REDIRECT),
    "mfa_activate_totp": ({}, SIGNED_IN_REDIRECT),
    "mfa_deactivate_totp": ({}, NO_AUTHENTICATOR),
    "mfa_view_recovery_codes": ({}, NO_AUTHENTICATOR),
    "mfa_generate_recovery_codes": ({}, SIGNED_IN_REDIRECT),
    "mfa_download_recovery_codes": ({}, NO_AUTHENTICATOR),
}
# The Django admin is Django's own: ADMIN_PAGES checks a representative page of each kind.
ADMIN_NAMESPACE = "admin"


def _leaf_patterns(resolver=None, prefix="", namespace=None):
    """Every URL pattern of the project: (its route, its namespace, its name)."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _leaf_patterns(pattern, prefix + str(pattern.pattern), pattern.namespace or namespace)
        else:
            yield prefix + str(pattern.pattern), namespace, pattern.name


def _unchecked(namespace, name) -> bool:
    if namespace in OUR_NAMESPACES:
        return f"{namespace}:{name}" not in MATRIX
    if namespace == ADMIN_NAMESPACE:
        return False
    return name not in ACCOUNT_MATRIX


def test_every_url_of_the_project_has_a_row():
    patterns = list(_leaf_patterns())
    missing = sorted(route for route, namespace, name in patterns if _unchecked(namespace, name))
    ours = {f"{namespace}:{name}" for _route, namespace, name in patterns if namespace in OUR_NAMESPACES}
    names = {name for _route, _namespace, name in patterns}
    stale = (set(MATRIX) - ours) | (set(ACCOUNT_MATRIX) - names)
    assert not missing, f"URLs without a row in the role matrix: {missing}"
    assert not stale, f"Rows for URLs that no longer exist: {sorted(stale)}"


@pytest.fixture
def world(db):
    """One juror assigned to one candidacy of an edition in its jury window, and the objects that
    the URLs need."""
    edition = make_edition(Phase.JURY)
    nomination, token = make_nomination(edition=edition, status=NominationStatus.ELIGIBLE)
    candidacy = Candidacy.objects.create(edition=edition, employer=nomination.employer)
    users = {
        "juror": User.objects.create_user("juror@example.org", "juror@example.org", "pw"),
        "staff": User.objects.create_user("staff@example.org", "staff@example.org", "pw", is_staff=True),
        "superuser": User.objects.create_superuser("admin@example.org", "admin@example.org", "pw"),
    }
    users["juror"].groups.add(Group.objects.get(name=JUROR_GROUP))
    users["staff"].groups.add(Group.objects.get(name=STAFF_GROUP))
    assignment = Assignment.objects.create(candidacy=candidacy, juror=users["juror"])
    evaluation = Evaluation.objects.create(assignment=assignment)
    invited = User.objects.create_user("invited@example.org", "invited@example.org")
    invited.set_unusable_password()
    invited.save()
    invited.groups.add(Group.objects.get(name=JUROR_GROUP))
    award = Award.objects.create(
        edition=edition, kind=AwardKind.REGIONAL_PRIZE, title="Coup de cœur", candidacy=candidacy
    )
    incident = record_incident(
        recorded_by=users["staff"],
        occurred_on=edition.nominations_open_at.date(),
        discovered_on=edition.nominations_open_at.date(),
        nature="Courriel envoyé aux mauvaises personnes",
        data_concerned="Adresses courriel",
        people_affected="Environ 40 jeunes de Coaticook",
        measures_taken="Rappel du courriel",
    )
    under_14, _token = make_nomination(
        edition=edition, status=NominationStatus.AWAITING_PARENT, age=13, parent_email="parent@example.org"
    )
    kwargs = {
        None: {},
        "parent_code": {"code": make_parent_code(under_14)},
        "incident": {"pk": incident.pk},
        "year": {"year": edition.year},
        "employer": {"pk": nomination.employer.pk},
        "claim": {"token": make_claim_token(nomination.employer)},
        "award": {"pk": award.pk},
        "code": {"code": make_confirmation_code(nomination_id=nomination.pk, token=token)},
        "token": {"token": token},
        "candidacy": {"pk": candidacy.pk},
        "nomination": {"pk": nomination.pk},
        "territory": {"territory": nomination.employer.territory.slug},
        "assignment": {"pk": assignment.pk},
        "evaluation": {"pk": evaluation.pk},
        "invitation": {
            "uidb64": urlsafe_base64_encode(force_bytes(invited.pk)),
            "token": default_token_generator.make_token(invited),
        },
    }
    return {"users": users, "kwargs": kwargs}


def _client_for(client, world, role):
    if role != "anonymous":
        client.force_login(world["users"][role], backend="django.contrib.auth.backends.ModelBackend")
    return client


def _check(response, expected, url):
    if expected == LOGIN:
        assert response.status_code == 302, url
        assert (
            "/accounts/login/" in response.headers["Location"]
            or "/admin/login/" in response.headers["Location"]
        ), url
    else:
        assert response.status_code == expected, f"{url}: {response.status_code} != {expected}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_role_matrix(client, world, name, role):
    key, expected = MATRIX[name]
    url = reverse(name, kwargs=world["kwargs"][key])
    _check(_client_for(client, world, role).get(url), expected[role], url)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url", sorted(ADMIN_PAGES))
def test_role_matrix_of_admin_pages(client, world, url, role):
    _check(_client_for(client, world, role).get(url), ADMIN_PAGES[url][role], url)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(ACCOUNT_MATRIX))
def test_role_matrix_of_account_pages(client, world, name, role):
    kwargs, expected = ACCOUNT_MATRIX[name]
    url = reverse(name, kwargs=kwargs)
    _check(_client_for(client, world, role).get(url), expected[role], url)
