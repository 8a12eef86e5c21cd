"""Requests with NUL characters, bytes that are not UTF-8 or an unparsable form body get a short 400
page (config.middleware.MalformedRequestMiddleware), never a 500, and nothing is saved."""

from io import BytesIO
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import User
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory

from nominations.models import Employer, Nomination, TestimonialAnswer
from tests.factories import make_nomination, nomination_post_data

FRENCH_MESSAGE = "Impossible de lire cette requête"
ENGLISH_MESSAGE = "This request cannot be read"
NOMINATE = "/fr/nominations/new/"
SUGGEST = "/fr/nominations/employers/suggest/"
LOGIN = "/fr/accounts/login/"


@pytest.fixture
def private_link(edition):
    """The private link of a nomination whose edition accepts changes, and the nomination."""
    nomination, token = make_nomination(edition=edition, first_name="Léa")
    return f"/fr/nominations/mine/{token}/", nomination


def assert_refused(response, message=FRENCH_MESSAGE):
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().startswith(message)
    assert response["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"
    assert response["X-Frame-Options"] == "DENY"


def assert_no_nomination_saved(before: int = 0):
    assert Nomination.objects.count() == before
    assert TestimonialAnswer.objects.count() == 0
    assert Employer.objects.filter(nominations__isnull=True).count() == 0


# The address ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["%00", "%ff", "a%00b/", "%c3%28/", "%ed%a0%80/", "%2500/", "%25ff/"])
@pytest.mark.parametrize("base", [NOMINATE, SUGGEST, LOGIN, "/fr/"])
def test_path_with_a_nul_or_bytes_that_are_not_utf8_is_refused(client, edition, base, suffix):
    assert_refused(client.get(base + suffix))


def test_private_link_with_a_nul_or_bytes_that_are_not_utf8_is_refused(client, private_link):
    url, _nomination = private_link

    for bad in (url[:-1] + "%00/", url[:-1] + "%ff/", url + "edit/%00", url.replace("/mine/", "/mine/%fe")):
        assert_refused(client.get(bad))


@pytest.mark.parametrize(
    "query", ["q=%ff%fe", "q=%00", "q=caf%e9", "%ff=1", "q=ok&municipality=%00", "q=%c0%af"]
)
@pytest.mark.parametrize("url", [NOMINATE, SUGGEST, LOGIN])
def test_query_string_with_a_nul_or_bytes_that_are_not_utf8_is_refused(client, edition, url, query):
    assert_refused(client.get(f"{url}?{query}"))


def test_the_message_follows_the_language_of_the_address(client, edition):
    assert_refused(client.get("/en/nominations/employers/suggest/?q=%00"), ENGLISH_MESSAGE)
    assert_refused(client.get("/fr/nominations/employers/suggest/?q=%00"), FRENCH_MESSAGE)
    assert_refused(client.get("/%00"), FRENCH_MESSAGE)


def test_clean_addresses_with_accents_and_escapes_pass(client, edition, private_link):
    url, _nomination = private_link

    assert client.get(f"{SUGGEST}?q=caf%C3%A9+chez+%C3%A9lise").status_code == 200
    assert client.get(f"{SUGGEST}?q=Resto%20Chez%20Ginette&municipality=").status_code == 200
    assert client.get(url).status_code == 200
    assert client.get(LOGIN).status_code == 200


# Form bodies ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["first_name", "testimonial", "employer_name", "municipality", "email"])
def test_public_form_with_a_nul_in_a_value_is_refused_and_saves_nothing(client, edition, guard_fields, field):
    data = {**nomination_post_data(edition), **guard_fields}
    data[field] = f"{data[field]}\x00"

    assert_refused(client.post(NOMINATE, data))
    assert_no_nomination_saved()


def test_public_form_with_a_nul_in_a_field_name_is_refused(client, edition, guard_fields):
    data = {**nomination_post_data(edition), **guard_fields, "extra\x00": "x"}

    assert_refused(client.post(NOMINATE, data))
    assert_no_nomination_saved()


@pytest.mark.parametrize(
    "raw_value", [b"L%C3%A9a%00", b"L%E9a", b"%FF%FE", b"L\xe9a", b"%C3", b"a%00b+c", b"\x00"]
)
def test_urlencoded_public_form_with_a_nul_or_bytes_that_are_not_utf8_is_refused(
    client, edition, guard_fields, raw_value
):
    data = {**nomination_post_data(edition), **guard_fields}
    data.pop("first_name")
    body = urlencode(data).encode() + b"&first_name=" + raw_value

    response = client.post(NOMINATE, body, content_type="application/x-www-form-urlencoded")

    assert_refused(response)
    assert_no_nomination_saved()


def test_urlencoded_public_form_that_is_clean_is_saved(client, edition, guard_fields):
    body = urlencode({**nomination_post_data(edition), **guard_fields}).encode()

    response = client.post(NOMINATE, body, content_type="application/x-www-form-urlencoded")

    assert response.status_code == 302
    assert response["Location"] == "/fr/nominations/sent/"
    assert Nomination.objects.get().first_name == "Léa"


def test_multipart_public_form_with_bytes_that_are_not_utf8_is_refused(client, edition, guard_fields):
    boundary = "BoUnDaRyxyz"
    data = {**nomination_post_data(edition), **guard_fields}
    data.pop("first_name")
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in data.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="first_name"\r\n\r\n'.encode() + b"L\xe9a\r\n"
    )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()

    response = client.post(NOMINATE, body, content_type=f"multipart/form-data; boundary={boundary}")

    assert_refused(response)
    assert_no_nomination_saved()


def _multipart(edition, guard_fields, boundary="BoUnDaRyxyz") -> bytes:
    data = {**nomination_post_data(edition), **guard_fields}
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in data.items()
    ]
    return b"".join(parts) + f"--{boundary}--\r\n".encode()


def test_whole_multipart_body_written_by_hand_is_saved(client, edition, guard_fields):
    body = _multipart(edition, guard_fields)

    response = client.post(NOMINATE, body, content_type="multipart/form-data; boundary=BoUnDaRyxyz")

    assert response.status_code == 302
    assert Nomination.objects.get().testimonial == "Elle me laisse étudier pendant les examens."


@pytest.mark.parametrize("cut", [-4, -20, -60, 0.5])
def test_truncated_multipart_body_is_refused_and_saves_nothing(client, edition, guard_fields, cut):
    body = _multipart(edition, guard_fields)
    body = body[: int(len(body) * cut)] if isinstance(cut, float) else body[:cut]

    response = client.post(NOMINATE, body, content_type="multipart/form-data; boundary=BoUnDaRyxyz")

    assert_refused(response)
    assert_no_nomination_saved()


@pytest.mark.parametrize(
    "content_type",
    ["multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=\x00"],
)
def test_json_body_sent_as_multipart_without_a_usable_boundary_is_refused(client, edition, content_type):
    response = client.post(NOMINATE, b'{"first_name": "L\\u00e9a"}', content_type=content_type)

    assert_refused(response)
    assert_no_nomination_saved()


@pytest.mark.parametrize("content_type", ["application/json", "text/plain", "application/octet-stream"])
def test_json_body_with_another_content_type_is_an_empty_form(client, edition, content_type):
    response = client.post(
        NOMINATE, b'{"first_name": "L\\u00e9a\\u0000", "x": [1, 2]}', content_type=content_type
    )

    # Not parsed as a form: the form sees nothing, says what is missing and saves nothing.
    assert response.status_code == 400
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert_no_nomination_saved()


def test_private_edit_with_a_nul_is_refused_and_changes_nothing(client, private_link):
    url, nomination = private_link
    data = {
        **nomination_post_data(nomination.edition),
        "first_name": "Zoé\x00",
        "testimonial": "Nouveau texte",
    }

    assert_refused(client.post(f"{url}edit/", data))
    nomination.refresh_from_db()
    assert (nomination.first_name, nomination.testimonial) == (
        "Léa",
        "Mon boss adapte mon horaire pendant les examens.",
    )


def test_private_withdraw_with_a_malformed_body_keeps_the_nomination(client, private_link):
    url, nomination = private_link

    response = client.post(
        f"{url}withdraw/", b"confirm=%ff", content_type="application/x-www-form-urlencoded"
    )

    assert_refused(response)
    assert Nomination.objects.filter(pk=nomination.pk).exists()


@pytest.mark.parametrize(
    "data",
    [
        {"login": "juror@example.org\x00", "password": "pw"},
        {"login": "juror@example.org", "password": "p\x00w"},
        {"login\x00": "juror@example.org", "password": "pw"},
    ],
)
def test_login_with_a_nul_is_refused_and_signs_nobody_in(client, db, data):
    User.objects.create_user("juror@example.org", "juror@example.org", "pw")

    assert_refused(client.post(LOGIN, data))
    assert "_auth_user_id" not in client.session


def test_login_with_bytes_that_are_not_utf8_is_refused(client, db):
    response = client.post(
        LOGIN, b"login=a%ff%40example.org&password=x", content_type="application/x-www-form-urlencoded"
    )

    assert_refused(response)


def test_suggestions_with_a_nul_in_a_post_body_are_not_allowed_anyway(client, edition):
    # The endpoint answers GET only; a malformed POST is refused before that.
    assert_refused(client.post(SUGGEST, {"q": "\x00"}))
    assert client.post(SUGGEST, {"q": "resto"}).status_code == 405


# Headers, cookies and the body's length ------------------------------------------------------------

# Django unquotes a quoted cookie's octal escapes: this session key holds a real NUL, which PostgreSQL
# refuses in the session lookup (an error 500 there).
SESSION_COOKIE_WITH_A_NUL = 'sessionid="abcdefgh\\000ijkl"'


@pytest.mark.parametrize("url", ["/fr/", LOGIN, NOMINATE, "/fr/staff/", "/fr/jury/"])
def test_session_cookie_with_an_escaped_nul_is_refused(client, edition, url):
    assert_refused(client.get(url, HTTP_COOKIE=SESSION_COOKIE_WITH_A_NUL))


@pytest.mark.parametrize("cookie", ['csrftoken="abc\\000"', 'django_language="fr\\000"', "sessionid=a\x00b"])
def test_any_cookie_with_a_nul_is_refused(client, edition, cookie):
    assert_refused(client.get(NOMINATE, HTTP_COOKIE=cookie))


def test_login_post_with_a_session_cookie_holding_a_nul_is_refused_and_signs_nobody_in(client, db):
    User.objects.create_user("juror@example.org", "juror@example.org", "pw")

    response = client.post(
        LOGIN, {"login": "juror@example.org", "password": "pw"}, HTTP_COOKIE=SESSION_COOKIE_WITH_A_NUL
    )

    assert_refused(response)
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "header",
    ["HTTP_USER_AGENT", "HTTP_X_FORWARDED_FOR", "HTTP_ACCEPT_LANGUAGE", "HTTP_REFERER", "CONTENT_TYPE"],
)
def test_header_with_a_nul_is_refused(client, edition, header):
    assert_refused(client.get(NOMINATE, **{header: "fr\x00x"}))


def test_cookies_with_escapes_that_are_not_a_nul_pass(client, edition):
    response = client.get(NOMINATE, HTTP_COOKIE='sessionid="abcdefgh\\377ijkl"; other="a\\054b"')

    assert response.status_code == 200


@pytest.mark.parametrize("length", ["abc", "-1", "1e3", " 12", "１２", "²"])
@pytest.mark.parametrize(
    "content_type", ["application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz", "text/plain"]
)
def test_post_whose_length_is_not_a_number_is_refused_and_saves_nothing(
    client, edition, guard_fields, content_type, length
):
    body = urlencode({**nomination_post_data(edition), **guard_fields}).encode()

    response = client.post(NOMINATE, body, content_type=content_type, CONTENT_LENGTH=length)

    assert_refused(response)
    assert_no_nomination_saved()


# Raw WSGI: what a server hands over, without the test client's own encoding --------------------------


def call_wsgi(**environ) -> tuple[str, dict, bytes]:
    """Run the project's WSGI handler on a hand-made environ; the status line, headers and body."""
    base = RequestFactory()._base_environ(**environ)
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(headers)

    # As the test client does: the test's database connection must outlive the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = WSGIHandler()(base, start_response)
        body = b"".join(response)
        response.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return answer["status"], answer["headers"], body


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/fr/nominations/new/\x00", ""),  # a server that decoded %00
        ("/fr/nominations/new/\xff", ""),  # a server that decoded %ff: one byte, as ISO-8859-1
        ("/fr/nominations/new/%00", ""),  # a server that left the escape in place
        ("/fr/nominations/new/%ff", ""),
        ("/fr/nominations/employers/suggest/", "q=%ff%fe"),
        ("/fr/nominations/employers/suggest/", "q=\xff\xfe"),
        ("/fr/nominations/employers/suggest/", "q=%00"),
        ("/fr/nominations/employers/suggest/", "q=€"),  # beyond ISO-8859-1: no real server sends it
        ("/fr/accounts/login/", "next=%00"),
    ],
)
def test_raw_wsgi_requests_with_malformed_addresses_get_a_400(edition, path, query):
    status, headers, body = call_wsgi(PATH_INFO=path, QUERY_STRING=query)

    assert status == "400 Bad Request"
    assert headers["Content-Type"] == "text/plain; charset=utf-8"
    assert body.decode().startswith(FRENCH_MESSAGE)


def test_raw_wsgi_post_with_a_nul_in_the_body_gets_a_400_before_the_csrf_check(edition, guard_fields):
    body = urlencode({**nomination_post_data(edition), **guard_fields, "first_name": "L\x00a"}).encode()

    status, _headers, _body = call_wsgi(
        PATH_INFO=NOMINATE,
        REQUEST_METHOD="POST",
        CONTENT_TYPE="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(len(body)),
        **{"wsgi.input": BytesIO(body)},
    )

    assert status == "400 Bad Request"
    assert_no_nomination_saved()


def test_raw_wsgi_request_with_a_session_cookie_holding_a_nul_gets_a_400(edition):
    status, _headers, body = call_wsgi(PATH_INFO="/fr/", HTTP_COOKIE=SESSION_COOKIE_WITH_A_NUL)

    assert status == "400 Bad Request"
    assert body.decode().startswith(FRENCH_MESSAGE)


def test_raw_wsgi_urlencoded_post_whose_length_is_not_a_number_gets_a_400(edition, guard_fields):
    body = urlencode({**nomination_post_data(edition), **guard_fields}).encode()

    status, _headers, _body = call_wsgi(
        PATH_INFO=NOMINATE,
        REQUEST_METHOD="POST",
        CONTENT_TYPE="application/x-www-form-urlencoded",
        CONTENT_LENGTH="abc",
        **{"wsgi.input": BytesIO(body)},
    )

    assert status == "400 Bad Request"
    assert_no_nomination_saved()


def test_raw_wsgi_clean_request_is_served(edition):
    status, headers, body = call_wsgi(PATH_INFO=SUGGEST, QUERY_STRING="q=caf%C3%A9")

    assert status == "200 OK"
    assert headers["Content-Type"] == "application/json"
    assert body == b'{"results": []}'
