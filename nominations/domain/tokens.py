"""Private links and confirmation codes.

The private token is random and only its SHA-256 is stored, so a database leak gives no link.
The confirmation code is signed and expires; it carries the private token so that confirming
lands the youth on their private page.
"""

import hashlib
import secrets

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "nominations.confirm"


def new_private_token() -> tuple[str, str]:
    """Return (token, its hash)."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def make_confirmation_code(*, nomination_id: int, token: str) -> str:
    return signing.dumps({"n": nomination_id, "t": token}, salt=CONFIRM_SALT, compress=True)


class ConfirmationExpired(Exception):
    def __init__(self, payload: dict):
        super().__init__("confirmation code expired")
        self.payload = payload


def read_confirmation_code(code: str) -> dict:
    """The code's payload. Raises ConfirmationExpired (with the payload) or signing.BadSignature."""
    try:
        return signing.loads(code, salt=CONFIRM_SALT, max_age=settings.NOMINATION_CONFIRM_MAX_AGE)
    except signing.SignatureExpired:
        raise ConfirmationExpired(signing.loads(code, salt=CONFIRM_SALT)) from None
