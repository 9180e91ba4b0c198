"""Phone numbers: the one normal form the product stores, matches and sends to Meta.

The normal form is Meta's: digits only, with the country code, no ``+`` and no leading zeros
(``+55 (11) 99999-0000`` -> ``5511999990000``). Contacts are stored and deduplicated in this form,
and audience / Conversions API hashes are taken over it. Every module that touches a phone number
goes through here, so a change to the rule (e.g. Brazilian mobile numbers) is made once.

- ``normalise_phone`` / ``has_valid_length`` / ``checked_phone``: the plain digit form.
- ``normalise_for_country(raw, default_country)``: what a CRM sends may be national
  (``(11) 98765-4321``): it gets the organisation's default country code (``55``). A number
  written with ``+`` or ``00`` keeps its own code. Brazilian numbers are checked (DDD, 8 or 9
  digits, a 9-digit number is a mobile starting with 9). Invalid numbers raise ``PhoneError``
  with a pt-BR reason (never an empty or guessed phone).
- ``match_forms(phone)``: what a matching list must carry. Brazilian mobiles registered before the
  ninth digit may be known to WhatsApp by 12 digits (``55 11 8765-4321``) while the CRM holds 13
  (``55 11 98765-4321``), or the reverse: both forms are sent, 13 digits first.
"""

from __future__ import annotations

import re

from engine.errors import InvalidInput

MIN_DIGITS = 8  # shorter than this is no phone number anywhere
MAX_DIGITS = 15  # E.164: at most 15 digits including the country code
BRAZIL = "55"


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


def _brazil_check(digits: str, raw: str) -> None:
    national = digits[2:]
    if len(national) not in (10, 11):
        raise PhoneError(f"telefone brasileiro inválido: '{raw}' (DDD + 8 ou 9 dígitos)")
    ddd = national[:2]
    if ddd[0] == "0" or ddd[1] == "0":
        raise PhoneError(f"telefone brasileiro inválido: '{raw}' (DDD {ddd} não existe)")
    if len(national) == 11 and national[2] != "9":
        raise PhoneError(f"telefone brasileiro inválido: '{raw}' (celular de 9 dígitos começa com 9)")


def normalise_for_country(raw: str, default_country: str | None = BRAZIL) -> str:
    """The normal form, national numbers completed with ``default_country`` (see module doc).

    Raises PhoneError with the reason."""
    text = (raw or "").strip()
    if not text or re.search(r"[A-Za-z]", text):
        raise PhoneError(f"telefone inválido: '{raw}' (use só dígitos, com DDI e DDD)")
    international = text.startswith("+") or re.sub(r"[\s().-]", "", text).startswith("00")
    digits = normalise_phone(text)
    if not international and default_country:
        if default_country == BRAZIL:
            # National Brazilian forms: DDD + 8/9 digits (10/11 digits), after a trunk '0' and an
            # optional two-digit carrier code ('0 21 11 98765-4321').
            if len(digits) in (12, 13) and not digits.startswith(BRAZIL) and re.sub(r"\D", "", text).startswith("0"):
                digits = digits[2:]  # carrier selection code
            if len(digits) in (10, 11):
                digits = BRAZIL + digits
        elif len(digits) <= 10 and not digits.startswith(default_country):
            digits = default_country + digits
    if not MIN_DIGITS <= len(digits) <= MAX_DIGITS:
        raise PhoneError(f"telefone inválido: '{raw}' ({len(digits)} dígitos; esperado 8 a 15 com o DDI)")
    if digits.startswith(BRAZIL) and (default_country == BRAZIL or international or len(digits) in (12, 13)):
        _brazil_check(digits, raw)
    return digits


def match_forms(phone: str) -> list[str]:
    """The normalised phone plus its other ninth-digit form for a Brazilian mobile (13 digits first)."""
    if not phone.startswith(BRAZIL):
        return [phone]
    national = phone[2:]
    if len(national) == 11 and national[2] == "9":
        return [phone, BRAZIL + national[:2] + national[3:]]
    if len(national) == 10 and national[2] in "6789":  # mobile ranges before the ninth digit
        return [BRAZIL + national[:2] + "9" + national[2:], phone]
    return [phone]
