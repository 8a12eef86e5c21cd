"""Path converters for the project's URLs, registered once when this module is imported (every urls
module that uses them imports it).

Django's ``int`` converter takes any run of digits, so ``/candidacies/99999999999999999999/`` reached the
database with a number no integer column holds (an OverflowError, a 500, on SQLite). These take only
numbers that fit, and any other path is simply not found (404)."""

from django.urls import register_converter

# The largest id a database integer column holds (64-bit signed): beyond it SQLite raises OverflowError
# and PostgreSQL refuses the number.
MAX_ID = 2**63 - 1
ID_MAX_DIGITS = 18  # every number of 18 digits is below MAX_ID


def parse_id(value) -> int | None:
    """A positive id as typed in a form or an address, or None when it cannot be one: not plain ASCII
    digits, zero, or too long for a column (checked before ``int()``, which refuses 4,300 digits and
    more with a ValueError)."""
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit() and len(text) <= ID_MAX_DIGITS):
        return None
    return int(text) or None


class IdConverter:
    """A primary key: 1 to 18 digits, always below 2**63 (a 64-bit signed integer column)."""

    regex = f"[0-9]{{1,{ID_MAX_DIGITS}}}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))


class YearConverter(IdConverter):
    """An edition's year (a positive small integer: at most five digits)."""

    regex = "[0-9]{1,5}"


register_converter(IdConverter, "id")
register_converter(YearConverter, "year")
