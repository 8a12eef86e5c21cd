"""Project middleware: two-factor authentication for staff when the security policy requires it; a
400 for malformed requests; the Permissions-Policy header."""

from urllib.parse import unquote_to_bytes

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseBadRequest
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _

from contest.models import SecurityPolicy

# The areas that need the second factor, by URL namespace; the admin's log-out page stays reachable.
PROTECTED_NAMESPACES = {"staff", "admin"}
EXEMPT_VIEWS = {"admin:logout"}


def _has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class StaffMFAMiddleware:
    """When SecurityPolicy.require_mfa_for_staff is on, a staff account without an activated authenticator
    app that opens the staff area or the admin is sent to the activation page first.

    Runs after AuthenticationMiddleware and allauth's AccountMiddleware; reads the policy only for staff
    on those pages, so other visitors cost no query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not (user.is_authenticated and (user.is_staff or user.is_superuser)):
            return None
        match = request.resolver_match
        if match is None or match.view_name in EXEMPT_VIEWS:
            return None
        if not PROTECTED_NAMESPACES.intersection(match.namespaces):
            return None
        if not SecurityPolicy.current().require_mfa_for_staff or _has_totp(user):
            return None
        messages.warning(
            request,
            _(
                "Staff accounts must use two-factor authentication. Activate an authenticator app "
                "to continue."
            ),
        )
        return redirect("mfa_activate_totp")


# --- Malformed requests ----------------------------------------------------------------------------

FORM_CONTENT_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}
# What Django's decoders put in place of bytes that are not valid in the request's encoding.
REPLACEMENT_CHARACTER = "\ufffd"
# The headers that WSGI does not name HTTP_*.
HEADERS = {"CONTENT_TYPE", "CONTENT_LENGTH"}


class MalformedRequest(Exception):
    """The request carries a NUL character, bytes that are not valid UTF-8, or a form body that cannot
    be parsed."""


def _wsgi_bytes(value: str) -> bytes:
    # PEP 3333: the server hands the environ's strings over as ISO-8859-1; a character beyond it cannot
    # come from a real HTTP request.
    try:
        return value.encode("iso-8859-1")
    except UnicodeEncodeError:
        raise MalformedRequest from None


def _check_text(raw: bytes, encoding: str) -> None:
    """The bytes, once percent-decoded, are text of the given encoding without a NUL character."""
    try:
        text = unquote_to_bytes(raw).decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise MalformedRequest from None
    if "\x00" in text:
        raise MalformedRequest


def _check_values(data, *, replaced_means_malformed: bool) -> None:
    for key, values in data.lists():
        for text in (key, *values):
            if not isinstance(text, str):
                continue
            if "\x00" in text or (replaced_means_malformed and REPLACEMENT_CHARACTER in text):
                raise MalformedRequest


def _check_headers(request) -> None:
    """No header holds a NUL, nor any cookie once Django has unquoted its octal escapes
    (``sessionid="abc\\000def"``): the session cookie is looked up in the database."""
    headers = [value for key, value in request.META.items() if key.startswith("HTTP_") or key in HEADERS]
    cookies = [text for item in request.COOKIES.items() for text in item]
    if any(isinstance(text, str) and "\x00" in text for text in (*headers, *cookies)):
        raise MalformedRequest


def _content_length(request) -> int:
    """The announced length of the body; Django fails on one that is not a number when it reads it."""
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not (length.isascii() and length.isdigit()):
        raise MalformedRequest
    return int(length)


def _check_multipart_is_whole(request) -> None:
    """A multipart body ends with its closing boundary; Django's parser accepts a truncated one and
    would save the parts it got (a text field cut short). Bodies over DATA_UPLOAD_MAX_MEMORY_SIZE are
    left to Django's streaming parser (a truncated file there is refused as a damaged image)."""
    boundary = request.content_params.get("boundary", "")
    if not boundary:
        raise MalformedRequest
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if limit is not None and _content_length(request) > limit:
        return
    if f"--{boundary}--".encode("ascii", "replace") not in request.body:
        raise MalformedRequest


def check_request(request) -> None:
    """Raise MalformedRequest when the path, the query string, a header, a cookie or a form body is not
    clean text, or when the body's length is not a number."""
    # The server percent-decodes the path; decoding it once more also finds an escaped NUL or escaped
    # bytes that are not UTF-8 (no address of the site has a "%" of its own).
    _check_text(_wsgi_bytes(request.META.get("PATH_INFO", "")), "utf-8")
    query = _wsgi_bytes(request.META.get("QUERY_STRING", ""))
    _check_text(query.replace(b"+", b" "), "utf-8")
    _check_headers(request)
    _content_length(request)
    if request.method != "POST" or request.content_type not in FORM_CONTENT_TYPES:
        # Django parses no other body as a form: request.POST stays empty for them.
        return
    encoding = request.encoding or settings.DEFAULT_CHARSET
    try:
        if request.content_type == "application/x-www-form-urlencoded":
            # Django reads the body the same way for request.POST (same size limit).
            _check_text(request.body.replace(b"+", b" "), encoding)
            _check_values(request.POST, replaced_means_malformed=False)
        else:
            _check_multipart_is_whole(request)
            _check_values(request.POST, replaced_means_malformed=True)
            for upload in request.FILES.values():
                if "\x00" in (upload.name or ""):
                    raise MalformedRequest
    except MultiPartParserError:
        raise MalformedRequest from None


def malformed_request_response(request) -> HttpResponseBadRequest:
    """A short plain page in the language of the address (/fr/…, /en/…), French otherwise."""
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        text = _(
            "This request cannot be read: the address or the form contains characters that are not "
            "allowed. Go back to the page, check what you typed and try again."
        )
    response = HttpResponseBadRequest(f"{text}\n", content_type="text/plain; charset=utf-8")
    # Answered before the CSP and clickjacking middleware run: the same protections, strictest form.
    response["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'"
    response["X-Frame-Options"] = "DENY"
    return response


class MalformedRequestMiddleware:
    """Answer 400 with a short plain page when the path, the query string, a header, a cookie or any
    GET/POST key or value contains a NUL character (or, but for headers and cookies, bytes that are not
    valid UTF-8), or when a form body cannot be parsed or its announced length is not a number.

    Comes right after SecurityMiddleware, before anything reads the request: such input would otherwise
    reach the database (PostgreSQL refuses NUL in text: an error 500) or be silently mangled."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            check_request(request)
        except MalformedRequest:
            # Django's request log records the 400 itself (path redacted by config.logging).
            return malformed_request_response(request)
        return self.get_response(request)


# --- Permissions-Policy ----------------------------------------------------------------------------


class PermissionsPolicyMiddleware:
    """Sends settings.PERMISSIONS_POLICY (a dict: feature -> list of allowed origins, empty for none)
    as the Permissions-Policy header of every response. First in MIDDLEWARE, so that the responses
    answered early (HTTPS redirect, malformed request, static files) carry it too."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})" for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
