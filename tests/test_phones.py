"""engine.phones: the one normal form for stored, matched and hashed phone numbers."""

from __future__ import annotations

import pytest

from engine.phones import (
    PhoneError,
    checked_phone,
    has_valid_length,
    match_forms,
    normalise_for_country,
    normalise_phone,
)


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


TABLE = [
    # raw, default country, normalised
    ("+55 (11) 98765-4321", "55", "5511987654321"),
    ("(11) 98765-4321", "55", "5511987654321"),  # national: the organisation's country
    ("11 8765-4321", "55", "551187654321"),  # landline / pre-ninth-digit mobile
    ("011 98765-4321", "55", "5511987654321"),  # trunk zero
    ("0 21 11 98765-4321", "55", "5511987654321"),  # trunk zero + carrier code 21
    ("005511987654321", "55", "5511987654321"),  # international prefix
    ("5511987654321", "55", "5511987654321"),  # already E.164 digits
    ("551187654321", "55", "551187654321"),  # 12-digit WhatsApp id of an old account
    ("+1 555-555-5555", "55", "15555555555"),  # another country keeps its code
    ("(55) 99123-4567", "55", "5555991234567"),  # DDD 55 (Santa Maria, RS)
    ("5511987654321", None, "5511987654321"),  # WhatsApp ids carry their country code
]
INVALID = [
    ("abc", "55", "só dígitos"),
    ("", "55", "só dígitos"),
    ("12-34", "55", "dígitos"),
    ("(11) 88765-4321", "55", "começa com 9"),  # 9-digit local number must be a mobile
    ("(10) 98765-4321", "55", "DDD 10"),
    ("+55 119876543210", "55", "DDD \\+ 8 ou 9"),
    ("1234567890123456", "55", "8 a 15"),
]


@pytest.mark.parametrize(("raw", "country", "expected"), TABLE)
def test_national_numbers_get_the_country_and_brazil_is_checked(raw: str, country: str | None, expected: str) -> None:
    assert normalise_for_country(raw, country) == expected


@pytest.mark.parametrize(("raw", "country", "reason"), INVALID)
def test_invalid_phones_are_refused_with_a_reason(raw: str, country: str | None, reason: str) -> None:
    with pytest.raises(PhoneError, match=reason):
        normalise_for_country(raw, country)


@pytest.mark.parametrize(("phone", "forms"), [
    ("5511987654321", ["5511987654321", "551187654321"]),  # 13-digit mobile -> also 12
    ("551187654321", ["5511987654321", "551187654321"]),  # 12-digit old mobile -> also 13, 13 first
    ("551133334444", ["551133334444"]),  # landline (starts 2-5): one form
    ("15555555555", ["15555555555"]),
])
def test_both_ninth_digit_forms_for_brazilian_mobiles(phone: str, forms: list[str]) -> None:
    assert match_forms(phone) == forms
