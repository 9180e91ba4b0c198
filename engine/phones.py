"""Phone numbers: the one normal form the product stores, matches and sends to Meta.

The normal form is Meta's: digits only, with the country code, no ``+`` and no leading zeros
(``+55 (11) 99999-0000`` -> ``5511999990000``). Contacts are stored and deduplicated in this form,
and audience / Conversions API hashes are taken over it. Every module that touches a phone number
goes through here, so a change to the rule (e.g. Brazilian mobile numbers) is made once.
"""

from __future__ import annotations

import re

from engine.errors import InvalidInput

MIN_DIGITS = 8  # shorter than this is no phone number anywhere
MAX_DIGITS = 15  # E.164: at most 15 digits including the country code


class PhoneError(InvalidInput):
    """A phone number that cannot be used (pt-BR message; a ValueError too)."""


def normalise_phone(phone: str) -> str:
    """Digits only, with country code, no '+' or leading zeros (Meta's normal form). Never raises."""
    return re.sub(r"\D", "", phone or "").lstrip("0")


def has_valid_length(phone: str) -> bool:
    """Whether the normalised number has ``MIN_DIGITS`` to ``MAX_DIGITS`` digits."""
    return MIN_DIGITS <= len(normalise_phone(phone)) <= MAX_DIGITS


def checked_phone(phone: str, *, purpose: str = "") -> str:
    """The normalised phone; raises PhoneError when it has fewer than ``MIN_DIGITS`` digits.

    ``purpose`` ends the message (e.g. "para a audiência")."""
    digits = normalise_phone(phone)
    if len(digits) < MIN_DIGITS:
        raise PhoneError(f"telefone inválido{' ' + purpose if purpose else ''}: '{phone}'")
    return digits
