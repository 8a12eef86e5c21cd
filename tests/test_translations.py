"""The French (Québec) catalogue is complete, covers every string of the code and templates, and the
pages really come out in French at /fr/ and in English at /en/.

Nothing here compiles or writes the .mo: the setup scripts compile it (manage.py compilemessages)."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
LOCALE_DIR = BASE_DIR / "locale"
FRENCH_PO = LOCALE_DIR / "fr" / "LC_MESSAGES" / "django.po"
FRENCH_MO = FRENCH_PO.with_suffix(".mo")

# The same scan as the documented command:
# manage.py makemessages -l fr --no-location --ignore=.venv --ignore=tests --ignore=staticfiles
MAKEMESSAGES_IGNORES = [".venv", "tests", "staticfiles"]
# Left out of the copy: never scanned, or heavy, or written at run time.
NOT_COPIED = shutil.ignore_patterns(
    ".venv",
    ".git",
    "__pycache__",
    "*.pyc",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    "node_modules",
    "tests",
    "staticfiles",
    "media",
    "test-results",
    "*.sqlite3",
    "*.mo",
)


def read_catalog(path: Path):
    with path.open("rb") as handle:
        return read_po(handle, locale="fr")


def _key(message) -> str:
    msgid = message.id[0] if isinstance(message.id, tuple) else message.id
    return f"{message.context}|{msgid}" if message.context else msgid


def untranslated_and_fuzzy(catalog) -> tuple[list[str], list[str]]:
    """The msgids (context|msgid when there is a context) that have an empty msgstr, and the fuzzy ones."""
    untranslated, fuzzy = [], []
    for message in catalog:
        if not message.id:  # the header
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            untranslated.append(_key(message))
        if message.fuzzy:
            fuzzy.append(_key(message))
    return untranslated, fuzzy


def entries(catalog) -> dict:
    """{(context, msgid): msgstr} of the translated entries, plural ones as tuples."""

    def plain(value):
        if isinstance(value, bytes):  # Babel's read_mo leaves the msgctxt as bytes
            return value.decode("utf-8")
        return tuple(value) if isinstance(value, list | tuple) else value

    return {(plain(m.context), plain(m.id)): plain(m.string) for m in catalog if m.id and not m.fuzzy}


def test_french_catalogue_has_the_right_header():
    header = FRENCH_PO.read_text(encoding="utf-8").split("\n\n", 1)[0]
    assert '"Language: fr\\n"' in header
    assert '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"' in header
    assert '"Content-Type: text/plain; charset=UTF-8\\n"' in header
    assert "#, fuzzy" not in header


def test_french_catalogue_is_fully_translated_and_has_no_fuzzy_entry():
    catalog = read_catalog(FRENCH_PO)
    untranslated, fuzzy = untranslated_and_fuzzy(catalog)
    assert len(catalog) > 0
    assert untranslated == [], f"Untranslated in {FRENCH_PO.name}: {untranslated}"
    assert fuzzy == [], f"Fuzzy in {FRENCH_PO.name}: {fuzzy}"


def test_french_translations_keep_placeholders_and_plural_forms():
    """Babel's checkers: same %(name)s placeholders as the msgid, two plural forms."""
    catalog = read_catalog(FRENCH_PO)
    problems = [(_key(message), [str(error) for error in errors]) for message, errors in catalog.check()]
    assert problems == []


def test_every_translatable_string_of_the_code_and_templates_is_translated(tmp_path):
    """makemessages on a copy of the project adds no empty or fuzzy entry to the French catalogue."""
    if shutil.which("xgettext") is None:
        if os.environ.get("CI"):
            pytest.fail("xgettext (GNU gettext) is missing: install Debian's gettext package.")
        pytest.skip("xgettext (GNU gettext) is not installed")
    copy = tmp_path / "project"
    shutil.copytree(BASE_DIR, copy, ignore=NOT_COPIED)
    before = FRENCH_PO.read_bytes()
    ignores = [f"--ignore={pattern}" for pattern in MAKEMESSAGES_IGNORES]
    python_path = os.pathsep.join(filter(None, [str(copy), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONPATH": python_path, "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(  # noqa: S603 - fixed arguments, our own manage.py
        [sys.executable, "manage.py", "makemessages", "-l", "fr", "--no-location", *ignores],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert FRENCH_PO.read_bytes() == before, "makemessages must write into the copy, not the project"
    untranslated, fuzzy = untranslated_and_fuzzy(read_catalog(copy / FRENCH_PO.relative_to(BASE_DIR)))
    assert untranslated == [], (
        f"Strings of the code or templates missing from {FRENCH_PO.name}; run makemessages "
        f"and translate them: {untranslated}"
    )
    assert fuzzy == [], f"Strings changed in the code, whose translation needs checking: {fuzzy}"


def test_compiled_french_catalogue_matches_the_po():
    """The .mo (compiled by the setup scripts, never here) is present and not stale."""
    if not FRENCH_MO.exists():
        pytest.fail(f"{FRENCH_MO.name} is missing: run `python manage.py compilemessages -l fr`.")
    with FRENCH_MO.open("rb") as handle:
        compiled = entries(read_mo(handle))
    source = entries(read_catalog(FRENCH_PO))
    stale = sorted(str(key) for key in source.keys() ^ compiled.keys()) + sorted(
        str(key) for key in source.keys() & compiled.keys() if source[key] != compiled[key]
    )
    assert stale == [], f"{FRENCH_MO.name} is stale, run compilemessages again: {stale}"


@pytest.mark.django_db
def test_home_page_is_in_french_at_fr_and_in_english_at_en(client, edition):
    french = client.get("/fr/").content.decode()
    english = client.get("/en/").content.decode()

    assert "Proposer mon boss" in french
    assert "Nominate my boss" not in french
    assert f"{edition.number}e édition ({edition.year})" in french
    assert "Ouverture des propositions" in french
    assert '<html lang="fr-CA">' in french

    assert "Nominate my boss" in english
    assert "Proposer mon boss" not in english
    assert f"Edition {edition.number} ({edition.year})" in english
    assert '<html lang="en-CA">' in english


@pytest.mark.django_db
def test_nomination_form_speaks_to_the_youth_in_french(client, edition):
    french = client.get("/fr/nominations/new/").content.decode()
    english = client.get("/en/nominations/new/").content.decode()

    assert "Ton adresse courriel" in french
    assert "Envoyer ma proposition" in french
    assert "Your e-mail address" in english
    assert "Send my nomination" in english


@pytest.mark.django_db
def test_rules_page_uses_french_plural_forms(client, edition):
    french = client.get("/fr/rules/").content.decode()

    assert re.search(r"\(\d+ municipalités\)", french)
    assert "Règlements et critères" in french
