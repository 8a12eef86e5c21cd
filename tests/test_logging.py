import logging

import pytest

from config.logging import RedactPrivateLinks, redact


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/fr/nominations/mine/AbC-123_x/edit/", "/fr/nominations/mine/[redacted]/edit/"),
        ("/en/nominations/confirm/eyJhIjoxfQ:1x:sig/", "/en/nominations/confirm/[redacted]/"),
        ("/fr/jury/invitation/MTI/abc-def/", "/fr/jury/invitation/[redacted]/"),
        ("/fr/nominations/parent/eyJwIjoxfQ:1x:sig/", "/fr/nominations/parent/[redacted]/"),
        ("/fr/employer/MTI:1x:sig/badge.png", "/fr/employer/[redacted]/badge.png"),
        ("/fr/employers/12/", "/fr/employers/12/"),
        ("/fr/rules/", "/fr/rules/"),
    ],
)
def test_private_link_tokens_are_redacted(path, expected):
    assert redact(path) == expected


def test_request_log_records_lose_their_tokens(caplog):
    logger = logging.getLogger("tests.redaction")
    logger.addFilter(RedactPrivateLinks())
    with caplog.at_level(logging.WARNING, logger="tests.redaction"):
        logger.warning("Not Found: %s", "/fr/nominations/mine/secret-token/")
    assert "secret-token" not in caplog.text
    assert "/fr/nominations/mine/[redacted]/" in caplog.text
