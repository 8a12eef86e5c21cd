"""Name normalisation, so that « Resto Chez Ginette inc. » and « resto chez ginette » meet."""

import re
import unicodedata

# The column that stores the key (Employer.normalized_name).
NORMALIZED_NAME_MAX_LENGTH = 200
_LEGAL_SUFFIXES = re.compile(r"\b(inc|ltee|ltd|enr|senc|s e n c|llc|corp|cie)\b\.?")
_NON_WORD = re.compile(r"[\W_]+")
# Ligatures that Unicode does not decompose: « Sœurs » and « Soeurs » are one name.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})


def _words(name: str) -> str:
    """Lower-case words without accents or punctuation; letters of every script are kept."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_LIGATURES))
    letters = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    return " ".join(_NON_WORD.sub(" ", letters).split())


def _without_legal_form(words: str) -> str:
    return " ".join(_LEGAL_SUFFIXES.sub(" ", words).split())


def is_only_legal_form(name: str) -> bool:
    """True for a name made of a legal form alone (« Inc. », « Ltée », « Cie »): it names no business."""
    words = _words(name)
    return bool(words) and not _without_legal_form(words)


def _bounded(key: str) -> str:
    # A ligature such as « ﬃ » expands: the key may be longer than the name.
    return key[:NORMALIZED_NAME_MAX_LENGTH].rstrip()


def normalize_name(name: str) -> str:
    """A business name with accents, case, punctuation and legal forms ignored, at most
    NORMALIZED_NAME_MAX_LENGTH characters; empty when the name is only punctuation or a legal form."""
    return _bounded(_without_legal_form(_words(name)))


def employer_key(name: str) -> str:
    """The key on which nominations of one business meet (Employer.normalized_name): the normalised name,
    or for a name made of a legal form alone, that form, so that such names do not all meet on one
    empty key. Never empty for a name that has a letter or a digit."""
    return normalize_name(name) or _bounded(_words(name))


def normalize_email(email: str) -> str:
    return email.strip().lower()
