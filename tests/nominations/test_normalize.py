"""The key on which nominations of one business meet (Employer.normalized_name)."""

import pytest

from nominations.normalize import (
    NORMALIZED_NAME_MAX_LENGTH,
    employer_key,
    is_only_legal_form,
    normalize_name,
)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Resto Chez Ginette inc.", "resto chez ginette"),
        ("Épicerie Bégin", "epicerie begin"),
        ("Chez les Sœurs", "chez les soeurs"),
        ("CHEZ LES SŒURS", "chez les soeurs"),
        ("Cæsar Ltée", "caesar"),
        ("ÆSOP", "aesop"),
        ("Roy et Cie", "roy et"),
        ("北京饭店", "北京饭店"),
        ("Inc. 北京", "北京"),
    ],
)
def test_normalize_name_ignores_accents_case_punctuation_ligatures_and_legal_forms(name, key):
    assert normalize_name(name) == key
    assert employer_key(name) == key


@pytest.mark.parametrize(("name", "key"), [("Inc.", "inc"), ("Ltée", "ltee"), ("CIE", "cie")])
def test_a_name_made_of_a_legal_form_alone_keeps_it_as_its_employer_key(name, key):
    assert normalize_name(name) == ""
    assert employer_key(name) == key
    assert is_only_legal_form(name) is True


@pytest.mark.parametrize("name", ["Resto inc.", "北京饭店", "Inc. 北京", "..."])
def test_a_name_with_more_than_a_legal_form_is_not_only_a_legal_form(name):
    assert is_only_legal_form(name) is False


def test_a_key_that_a_ligature_expands_is_cut_to_its_column():
    key = employer_key("ﬃ" * 150)

    assert len(key) == NORMALIZED_NAME_MAX_LENGTH
    assert key == ("ffi" * 67)[:200]
