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
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(str(record.msg))
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(redact(arg) if isinstance(arg, str) else arg for arg in args)
        return True
