"""Name normalisation, so that « Resto Chez Ginette inc. » and « resto chez ginette » meet.

Two functions, for two uses. ``employer_key`` makes the key stored in ``Employer.normalized_name`` and
is the only one to compare with it for equality (finding or creating an employer, a rename's collision
check, the demo's names). ``normalize_name`` makes a search query's key, looked for *within* stored keys:
there a legal form alone names nothing and must find nothing (« inc » would be in every key), so it
gives an empty key instead of keeping the form.
"""

import re
import unicodedata

# The column that stores the key (Employer.normalized_name).
NORMALIZED_NAME_MAX_LENGTH = 200
# Legal forms as they read once accents, case and punctuation are gone (« Ltée » reads ltee, « S.E.N.C. »
# reads s e n c). Left out of keys, so that « Prince Ltée » and « Prince » meet.
LEGAL_FORMS = frozenset({"inc", "ltee", "ltd", "enr", "senc", "s e n c", "llc", "corp", "cie"})
_LEGAL_SUFFIXES = re.compile(r"\b(" + "|".join(sorted(LEGAL_FORMS)) + r")\b\.?")
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
    """A search query's key: the name with accents, case, punctuation and legal forms ignored, at most
    NORMALIZED_NAME_MAX_LENGTH characters; empty when the name is only punctuation or a legal form.
    Never store it or compare it for equality with a stored key: that is ``employer_key``."""
    return _bounded(_without_legal_form(_words(name)))


def employer_key(name: str) -> str:
    """The key on which nominations of one business meet (Employer.normalized_name): the normalised name,
    or for a name made of a legal form alone, that form, so that such names do not all meet on one
    empty key. Never empty for a name that has a letter or a digit."""
    return normalize_name(name) or _bounded(_words(name))


def normalize_email(email: str) -> str:
    return email.strip().lower()
