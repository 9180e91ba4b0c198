"""engine.phones: the one normal form for stored, matched and hashed phone numbers."""

from __future__ import annotations

import pytest

from engine.phones import PhoneError, checked_phone, has_valid_length, normalise_phone


@pytest.mark.parametrize(("raw", "normal"), [
    ("+55 (11) 99999-0000", "5511999990000"),
    ("005511999990000", "5511999990000"),
    ("5511999990000", "5511999990000"),
    ("", ""),
])
def test_normal_form_is_digits_with_country_code(raw: str, normal: str) -> None:
    assert normalise_phone(raw) == normal


def test_length_bounds_count_normalised_digits() -> None:
    assert has_valid_length("+55 11 9999-0000") and has_valid_length("1" * 15)
    assert not has_valid_length("1234567") and not has_valid_length("1" * 16)
    assert not has_valid_length("00001234567")  # leading zeros are not digits of the number


def test_checked_phone_names_the_bad_number() -> None:
    assert checked_phone("+55 11 99999-0000") == "5511999990000"
    with pytest.raises(PhoneError, match=r"telefone inválido para a audiência: '12-34'"):
        checked_phone("12-34", purpose="para a audiência")
