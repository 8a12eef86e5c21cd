"""Keep private links out of the logs: their tokens are as good as a password."""

import logging
import re

_SEGMENT = r"[^\s\"?/]+"
_PRIVATE_PATHS = [
    re.compile(rf"(/(?:mine|confirm|parent|employer|password/reset/key)/){_SEGMENT}"),
    re.compile(rf"(/invitation/){_SEGMENT}/{_SEGMENT}"),
]


def redact(text: str) -> str:
    for pattern in _PRIVATE_PATHS:
        text = pattern.sub(r"\1[redacted]", text)
    return text


class RedactPrivateLinks(logging.Filter):
    """Replace a record's message by its formatted, redacted text (``args`` emptied), so that no handler
    formats the raw arguments again, whatever their type (tuple, dict, bytes, list...); the same for its
    traceback and stack."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a record that cannot be formatted must not leak either
            message = f"{record.msg} {record.args!r}"
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
