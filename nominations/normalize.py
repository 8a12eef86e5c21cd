"""Name normalisation, so that « Resto Chez Ginette inc. » and « resto chez ginette » meet."""

import re
import unicodedata

_LEGAL_SUFFIXES = re.compile(r"\b(inc|ltee|ltd|enr|senc|s e n c|llc|corp|cie)\b\.?")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalize_name(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    lowered = _NON_WORD.sub(" ", ascii_name.lower())
    without_suffix = _LEGAL_SUFFIXES.sub(" ", lowered)
    return " ".join(without_suffix.split())


def normalize_email(email: str) -> str:
    return email.strip().lower()
