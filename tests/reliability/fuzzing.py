"""What the fuzzing tests share: hypothesis's settings, the odd values posted, and the runner that
checks each example (never an error 500; a refused post changes nothing).

``FUZZ_EXAMPLES`` (environment) sets the number of examples of each form or page; examples are random
on a developer's machine and fixed under CI (CI=true)."""

from __future__ import annotations

import os
import time
from collections import Counter, defaultdict
from collections.abc import Callable

from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", 40))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=os.environ.get("CI", "").lower() == "true",
    database=None,
)
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
PASSWORD = "un-mot-de-passe-solide-2026"

# Values ---------------------------------------------------------------------------------------------------

# Any character a browser can send (no lone surrogates: they cannot be encoded in UTF-8).
UNICODE = st.characters(exclude_categories=("Cs",))
CONTROL = st.characters(min_codepoint=0, max_codepoint=31) | st.sampled_from(
    ["\x7f", "\x85", "\u2028", "\u2029", "\u200b", "\u200e", "\u202e", "\ufeff", "\ufffd"]
)
ODD_STRINGS = [
    "",
    " ",
    "\x00",
    "0",
    "-1",
    "1.5",
    "1e309",
    "NaN",
    "inf",
    "-0",
    "0x10",
    "١٢",  # Arabic-Indic digits
    "½",
    "𝟙𝟚",
    "None",
    "null",
    "true",
    "[]",
    "{}",
    "<script>alert(1)</script>",
    "'; DROP TABLE nominations_nomination; --",
    "../../etc/passwd",
    "%00",
    "%ff",
    "javascript:alert(1)",
    "http://",
    "https://exa mple.org",
    "a@b",
    "@example.org",
    "2026-02-30T25:61",
    "9999-12-31T23:59",
    "0001-01-01T00:00",
]
LONG = st.sampled_from(["a", "é", "9", "\u200b", "👍"]).map(lambda char: char * 10_000)
NUMBERS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([10**30, -(10**30), 2**63, 2**63 - 1, -(2**63), 2**31, 2**15, -1, 0, 10**18, 10**19]),
    st.floats(allow_nan=True, allow_infinity=True),
)
SCALAR = st.one_of(
    st.sampled_from(ODD_STRINGS),
    st.text(UNICODE, max_size=40),
    st.text(CONTROL, min_size=1, max_size=10),
    st.builds(lambda a, b: f"{a}\x00{b}", st.text(UNICODE, max_size=5), st.text(UNICODE, max_size=5)),
    LONG,
    NUMBERS,
)
# A list posts the field several times (or not at all when empty).
VALUE = st.one_of(SCALAR, st.lists(SCALAR, max_size=3))
EXTRA_NAMES = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz_0123456789éÀ-[]."), min_size=1, max_size=20)


@st.composite
def mutated(draw, base: dict, *, keep: tuple[str, ...] = ()) -> dict:
    """``base`` with some fields fuzzed, some left out, and maybe a few extra fields; ``keep`` untouched."""
    names = sorted(set(base) - set(keep))
    fuzzed = draw(st.sets(st.sampled_from(names), max_size=len(names))) if names else set()
    dropped = draw(st.sets(st.sampled_from(names), max_size=3)) if names else set()
    data = dict(base)
    for name in sorted(fuzzed):
        data[name] = draw(VALUE)
    for name in dropped:
        data.pop(name, None)
    for name, value in draw(st.dictionaries(EXTRA_NAMES, VALUE, max_size=3)).items():
        if name not in keep:
            data[name] = value
    return data


# Running the examples -----------------------------------------------------------------------------------


class Tally:
    """What became of each form's examples, for the report; a 500 fails the test before it is counted."""

    counts: dict[str, Counter] = defaultdict(Counter)

    @classmethod
    def add(cls, form: str, response, *, accepted: bool) -> None:
        if accepted:
            outcome = "accepted"
        elif response.status_code == 400 and response["Content-Type"].startswith("text/plain"):
            outcome = "malformed (middleware)"
        else:
            outcome = f"refused {response.status_code}"
        cls.counts[form][outcome] += 1


def fuzz(
    form: str,
    *,
    post: Callable[[object], object],
    base: object,
    snapshot: Callable[[], object],
    succeeded: Callable[[object], bool],
    keep: tuple[str, ...] = (),
    examples: st.SearchStrategy | None = None,
    max_examples: int = EXAMPLES,
) -> None:
    """Post ``base`` once (it must succeed: the fuzzing starts from a valid form), then fuzzed variants:
    ``base`` mutated, or drawn from ``examples`` (``post`` may as well send a GET, or put the value in
    the address).

    Every post: a status under 500; when refused, ``snapshot()`` unchanged."""

    def one(data, *, must_succeed: bool = False) -> None:
        cache.clear()  # rate limits
        with transaction.atomic():
            before = snapshot()
            response = post(data)
            assert response.status_code < 500, response.status_code
            accepted = succeeded(response)
            if must_succeed:
                assert accepted, (response.status_code, response.content[:3000])
            else:
                Tally.add(form, response, accepted=accepted)
                if not accepted:
                    assert snapshot() == before, f"refused ({response.status_code}) but something changed"
            transaction.set_rollback(True)

    one(base, must_succeed=True)
    started = time.monotonic()

    @settings(FUZZ, max_examples=max_examples)
    @given(data=examples if examples is not None else mutated(base, keep=keep))
    def run(data):
        one(data)

    run()
    outcomes = Tally.counts[form]
    details = ", ".join(f"{outcome}: {count}" for outcome, count in sorted(outcomes.items()))
    print(
        f"\nfuzz {form}: {sum(outcomes.values())} examples, 0 errors 500, "
        f"{time.monotonic() - started:.1f} s ({details})"
    )


def redirected(response) -> bool:
    return response.status_code == 302


def login(user) -> Client:
    client = Client()
    client.force_login(user, backend=MODEL_BACKEND)
    return client


def account(email: str, *, group: str | None = None, **fields) -> User:
    user = User.objects.create_user(email, email, PASSWORD, **fields)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user
