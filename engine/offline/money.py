"""Money amounts in (normalised) message text: "R$ 1.490", "1490 reais", "2 mil", "$1,490.00", "10x de 149",
"2,3k", "dois mil e trezentos", "two thousand three hundred dollars".

Each amount keeps its role so callers can tell an anchor ("de R$ 2.400 por ...") from the offer,
and an installment ("10x de 149") from a price.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = r"\d{1,3}(?:[.,\s]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_SYMBOL = re.compile(r"(r\$|us\$|usd|brl|eur|€|\$)\s?(" + _NUM + r")(\s?mil\b)?")
_WORDED = re.compile(r"(?<![\w.,])(" + _NUM + r")(\s?mil)?\s?(reais|real|dolares|dollars|bucks|euros|usd|brl|eur)\b")
_THOUSANDS = re.compile(r"(?<![\w.,$])(\d{1,3}(?:,\d)?)\s?mil\b")
# Bare numbers only count next to a price word ("fica 1490", "paguei 800", "pix de 350").
_BARE = re.compile(
    r"(?:fica|sai|custa|valor(?: e| de| fica)?|por|investimento(?: e| de)?|total(?: de| e)?|paguei|pago|pix de|"
    r"pagamento de|transferi|deposito de|sinal de|entrada de|costs?|paid|for)\s(" + _NUM + r")(?!\s?(?:x|%|anos|"
    r"ano|dias|dia|meses|mes|min|h\b|horas|ml|unidades|sessoes|vezes|years|days|months|units|sessions|:|/))"
)
_K = re.compile(r"(?<![\w.,])(?:r\$\s?)?(\d{1,3}(?:[.,]\d{1,2})?)\s?k(?![\w])")
_UNITS = {
    "um": 1, "uma": 1, "dois": 2, "duas": 2, "tres": 3, "quatro": 4, "cinco": 5, "seis": 6, "sete": 7, "oito": 8,
    "nove": 9, "dez": 10, "onze": 11, "doze": 12, "treze": 13, "quatorze": 14, "catorze": 14, "quinze": 15,
    "dezesseis": 16, "dezessete": 17, "dezoito": 18, "dezenove": 19, "vinte": 20, "trinta": 30, "quarenta": 40,
    "cinquenta": 50, "sessenta": 60, "setenta": 70, "oitenta": 80, "noventa": 90, "cem": 100, "cento": 100,
    "duzentos": 200, "trezentos": 300, "quatrocentos": 400, "quinhentos": 500, "seiscentos": 600,
    "setecentos": 700, "oitocentos": 800, "novecentos": 900,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "dos": 2, "cuatro": 4, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "cien": 100, "ciento": 100,
    "doscientos": 200, "trescientos": 300, "cuatrocientos": 400, "quinientos": 500, "seiscientos": 600,
    "setecientos": 700, "ochocientos": 800, "novecientos": 900, "veinte": 20, "treinta": 30, "cuarenta": 40,
    "cincuenta": 50,
}
_WORD_NUM = re.compile(
    r"(?<![\w])((?:(?:" + "|".join(_UNITS) + r"|mil|thousand|hundred)(?:\s(?:e|and|y)\s|\s|$)){1,8})"
)
_MONEY_AFTER = re.compile(r"^\s?(?:reais|real|dolares|dollars|bucks|euros)\b")
_MONEY_BEFORE = re.compile(r"(?:r\$|fica|sai|custa|valor|por|paguei|pago|pix de|total|fechado|fechou|deal|for|paid)\s?$")


def _words_value(phrase: str) -> float | None:
    """'dois mil e trezentos' -> 2300, 'two thousand three hundred' -> 2300 (None when no 'mil'/money sense)."""
    total = current = 0
    seen = False
    for tok in phrase.split():
        if tok in ("e", "and", "y"):
            continue
        if tok in _UNITS:
            current += _UNITS[tok]
            seen = True
        elif tok == "hundred":
            current = max(current, 1) * 100
        elif tok in ("mil", "thousand"):
            total += max(current, 1) * 1000
            current = 0
            seen = True
    value = total + current
    return float(value) if seen and value > 0 else None


_INSTALLMENT = re.compile(r"(\d{1,2})\s?x\s?(?:de\s|of\s)?$")
_ANCHOR_AFTER = re.compile(r"^\s?(?:,\d{2})?\s?(?:por|para|agora|->|=>|to)\s")
_SYMBOL_CCY = {"r$": "BRL", "brl": "BRL", "us$": "USD", "usd": "USD", "$": "USD", "€": "EUR", "eur": "EUR"}
_WORD_CCY = {"reais": "BRL", "real": "BRL", "brl": "BRL", "dolares": "USD", "dollars": "USD", "bucks": "USD",
             "usd": "USD", "euros": "EUR", "eur": "EUR"}


@dataclass(frozen=True)
class Amount:
    value: float
    currency: str | None  # None when the text gives no currency (bare number)
    role: str  # price | anchor | installment
    start: int
    strong: bool  # written with a currency symbol or word


def parse_number(raw: str) -> float | None:
    """'1.490' -> 1490, '1.490,50' -> 1490.5, '1,490.50' -> 1490.5, '149,9' -> 149.9."""
    s = raw.replace(" ", "")
    if "." in s and "," in s:
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        s = s.replace("." if dec == "," else ",", "").replace(dec, ".")
    elif "," in s or "." in s:
        sep = "," if "," in s else "."
        head, _, tail = s.rpartition(sep)
        if len(tail) == 3 and head:
            s = s.replace(sep, "")
        else:
            s = head.replace(sep, "") + "." + tail
    try:
        return float(s)
    except ValueError:
        return None


def _role(text: str, start: int, end: int) -> str:
    if _INSTALLMENT.search(text[max(0, start - 8):start]):
        return "installment"
    if _ANCHOR_AFTER.match(text[end:end + 8]) and re.search(r"(?:^|\s)(?:de|era|from|was)\s$", text[max(0, start - 5):start]):
        return "anchor"
    return "price"


def amounts(text: str, default_currency: str | None = None) -> list[Amount]:
    """All amounts in normalised ``text`` (symbol or currency word first, then bare numbers by a price word)."""
    found: list[Amount] = []
    taken: list[tuple[int, int]] = []

    def add(value: float | None, ccy: str | None, start: int, end: int, strong: bool) -> None:
        if value is None or value <= 0 or any(s <= start < e or s < end <= e for s, e in taken):
            return
        taken.append((start, end))
        found.append(Amount(value, ccy, _role(text, start, end), start, strong))

    for m in _SYMBOL.finditer(text):
        v = parse_number(m.group(2))
        add(v * 1000 if v is not None and m.group(3) else v, _SYMBOL_CCY[m.group(1)], m.start(), m.end(), True)
    for m in _WORDED.finditer(text):
        v = parse_number(m.group(1))
        add(v * 1000 if v is not None and m.group(2) else v, _WORD_CCY[m.group(3)], m.start(), m.end(), True)
    for m in _THOUSANDS.finditer(text):
        v = parse_number(m.group(1).replace(",", "."))
        add(v * 1000 if v is not None else None, default_currency, m.start(), m.end(), True)
    for m in _K.finditer(text):
        v = parse_number(m.group(1).replace(",", "."))
        add(v * 1000 if v is not None else None, default_currency, m.start(), m.end(), True)
    for m in _WORD_NUM.finditer(text):
        phrase = m.group(1).strip()
        after, before = _MONEY_AFTER.match(text[m.end(1) - (len(m.group(1)) - len(m.group(1).rstrip())):]), \
            _MONEY_BEFORE.search(text[max(0, m.start(1) - 12):m.start(1)])
        if not (after or before or " mil" in f" {phrase}" or "thousand" in phrase):
            continue
        v = _words_value(phrase)
        if v is not None and v >= 30:
            ccy = _WORD_CCY[after.group(0).strip()] if after else default_currency
            add(v, ccy, m.start(1), m.start(1) + len(phrase), bool(after) or v >= 1000)
    for m in _BARE.finditer(text):
        v = parse_number(m.group(1))
        if v is not None and 30 <= v <= 200_000:
            add(v, None, m.start(1), m.end(1), False)
    found.sort(key=lambda a: a.start)
    return found


def installment_total(text: str) -> float | None:
    """'10x de R$ 149' -> 1490 (the price an installment offer implies)."""
    m = re.search(r"(\d{1,2})\s?x\s?(?:de\s|of\s)?(?:r\$|\$|€)?\s?(" + _NUM + r")", text)
    if not m:
        return None
    v = parse_number(m.group(2))
    return round(int(m.group(1)) * v, 2) if v else None
