"""Honest best effort for fields a director invents: keywords from the field's name and description.

A BOOLEAN "mentionsChildren" searches the lead's words for children; a NUMBER "idade" extracts an age;
an ENUM picks the value whose words best match the conversation (else UNKNOWN/OTHER/NONE); an ARRAY
lists matched keywords; a STRING quotes the most relevant lead message.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from engine.offline.lexicon import normalise
from engine.offline.reading import Line, Reading
from engine.schema_compiler import FieldSpec

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|[_\-\s]+")
_WORD = re.compile(r"[a-z][a-z']{2,}")
STOPWORDS = frozenset("""
o a os as um uma de do da dos das que e em no na nos nas para por com sem se ao aos lead cliente conversa
mensagem mensagens campo valor sim nao seu sua seus suas ele ela isso esse essa este esta foi ser ter tem
possui possuir mencionou menciona mencoes citou cita falou fala diz disse algum alguma quando qual quais
como onde the an of to in on for with is are was has have had does did lead's client conversation field
mentions mentioned says said any some whether if it its this that true false yes no detected detect flag
identify indica indique informe informar verdadeiro falso deteccao detectado mentions was
""".split())
# A few bilingual expansions so an English field name finds Portuguese conversations and back.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "children": ("filho", "filha", "filhos", "criancas", "crianca", "kids", "bebe", "nenem"),
    "child": ("filho", "filha", "crianca", "kid", "bebe"), "kids": ("filhos", "criancas", "children"),
    "filhos": ("filho", "filha", "criancas", "kids", "children"), "criancas": ("filhos", "kids", "children"),
    "cartao": ("cartao", "card", "credito", "debito"), "card": ("cartao", "card", "credito"),
    "credito": ("cartao", "credit"), "price": ("preco", "valor", "caro", "custa"), "preco": ("valor", "caro", "custa", "price"),
    "husband": ("marido", "esposo"), "marido": ("esposo", "husband"), "wife": ("esposa", "mulher"),
    "wedding": ("casamento", "casar", "noiva"), "casamento": ("casar", "noiva", "wedding"),
    "pain": ("dor", "doi", "medo"), "dor": ("doi", "doer", "pain"), "pregnant": ("gravida", "gestante"),
    "gravida": ("gestante", "pregnant"), "work": ("trabalho", "trabalhar", "emprego"), "trabalho": ("emprego", "work", "job"),
    "student": ("estudante", "faculdade"), "estudante": ("faculdade", "student"), "age": ("anos", "idade"),
    "idade": ("anos", "age"), "discount": ("desconto", "promocao"), "desconto": ("promocao", "discount"),
    "installments": ("parcelar", "parcela", "vezes"), "parcelamento": ("parcelar", "parcela", "vezes"),
    "instagram": ("instagram", "insta"), "referral": ("indicacao", "indicou", "amiga"), "indicacao": ("indicou", "referral"),
    "competitor": ("outra clinica", "outro lugar"), "concorrente": ("outra clinica", "outro lugar"),
    "schedule": ("horario", "agenda", "sabado"), "horario": ("agenda", "schedule"),
    "urgency": ("urgente", "hoje", "logo", "rapido"), "urgencia": ("urgente", "hoje", "logo", "rapido"),
}
FALLBACK_ENUM = ("UNKNOWN", "OTHER", "NONE", "NEUTRAL", "NEUTRO", "OUTRO", "OUTROS", "NENHUM", "NENHUMA",
                 "DESCONHECIDO", "NAO_INFORMADO", "N_A", "NA", "INDEFINIDO", "MEDIUM", "MEDIO")


@lru_cache(maxsize=1024)
def keywords(name: str, description: str) -> tuple[str, ...]:
    """Search words for a field: its name's parts and its description's nouns, plus synonyms."""
    words: list[str] = []
    for part in _CAMEL.split(name):
        words += _WORD.findall(normalise(part))
    words += _WORD.findall(normalise(description))
    out: list[str] = []
    for w in words:
        if len(w) < 4 or w in STOPWORDS or w in out:
            continue
        out.append(w)
        out += [s for s in SYNONYMS.get(w, ()) if s not in out]
    return tuple(out)


@lru_cache(maxsize=1024)
def stem_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex matching the words by stem (first 5 letters), so "filhos" also finds "filha"."""
    if not words:
        return None
    stems = sorted({re.escape(w[:5] if len(w) > 5 and " " not in w else w) for w in words}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(stems) + r")\w*")


def hits(pattern: re.Pattern[str] | None, lines: list[Line]) -> list[tuple[Line, list[str]]]:
    if pattern is None:
        return []
    found: list[tuple[Line, list[str]]] = []
    for ln in lines:
        words = pattern.findall(ln.norm)
        if words:
            found.append((ln, words))
    return found


def boolean(spec: FieldSpec, r: Reading) -> tuple[bool, float, Line | None]:
    """True when the lead's words match the field's keywords."""
    found = hits(stem_pattern(keywords(spec.field_name, spec.description)), r.lead)
    return (True, 0.45, found[-1][0]) if found else (False, 0.3, None)


def number_neutral(spec: FieldSpec) -> float:
    """A neutral number inside the field's bounds (midpoint, or the bound that exists, or 0)."""
    lo, hi = spec.min_value, spec.max_value
    if lo is not None and hi is not None:
        return (lo + hi) / 2
    if lo is not None:
        return max(lo, 0.0)
    if hi is not None:
        return min(hi, 0.0)
    return 0.0


def enum_value(spec: FieldSpec, r: Reading) -> tuple[str, float]:
    """The enum value whose words best match the lead's text, else a neutral value, else the first."""
    values = spec.enum_values or ()
    text = " ".join(ln.norm for ln in r.lead)
    best, best_score = None, 0
    for v in values:
        words = tuple(w for w in _WORD.findall(normalise(v.replace("_", " ").replace("-", " "))) if w not in STOPWORDS)
        pat = stem_pattern(words + tuple(s for w in words for s in SYNONYMS.get(w, ())))
        score = len(pat.findall(text)) if pat is not None else 0
        if score > best_score:
            best, best_score = v, score
    if best is not None:
        return best, 0.4
    return fallback_enum(values), 0.15


def fallback_enum(values: tuple[str, ...] | list[str]) -> str:
    upper = {v.upper(): v for v in values}
    for name in FALLBACK_ENUM:
        if name in upper:
            return upper[name]
    return values[0]


def array(spec: FieldSpec, r: Reading) -> tuple[list[str], float]:
    """Enum values (or the field's keywords) that occur in the lead's words."""
    if spec.enum_values:
        chosen = []
        text = " ".join(ln.norm for ln in r.lead)
        for v in spec.enum_values:
            words = tuple(w for w in _WORD.findall(normalise(v.replace("_", " "))) if w not in STOPWORDS)
            pat = stem_pattern(words)
            if pat is not None and pat.search(text):
                chosen.append(v)
        return chosen, 0.35
    matched: list[str] = []
    for _, found in hits(stem_pattern(keywords(spec.field_name, spec.description)), r.lead):
        matched += [w for w in found if w not in matched]
    return matched[:10], 0.35


def quote(ln: Line | None, limit: int = 160) -> str:
    """A short quote of a message (the raw text, clipped on a word)."""
    if ln is None:
        return ""
    text = " ".join(ln.raw.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def string(spec: FieldSpec, r: Reading) -> tuple[str, float]:
    """The lead message most relevant to the field, else the latest substantive one."""
    found = hits(stem_pattern(keywords(spec.field_name, spec.description)), r.lead)
    if found:
        ln = max(found, key=lambda h: (len(h[1]), h[0].index))[0]
        return quote(ln), 0.4
    substantive = [ln for ln in r.lead if len(ln.norm.split()) >= 3] or r.lead
    if not substantive:
        return ("O lead não escreveu nenhuma mensagem." if r.lang == "pt" else "The lead wrote no messages."), 0.2
    return quote(substantive[-1]), 0.2


def scale(value_0_100: float, spec: FieldSpec) -> float:
    """Map a 0-100 signal into the field's bounds (0-10 for a max of 10, etc.)."""
    lo, hi = spec.min_value, spec.max_value
    if hi is not None:
        base = lo if lo is not None else 0.0
        return base + (hi - base) * value_0_100 / 100
    return value_0_100


def coerce(value: Any, spec: FieldSpec) -> Any:
    """Make ``value`` valid for ``spec`` (type, bounds, enum values, length); None stays None."""
    t = spec.field_type.value
    if value is None:
        return None
    if t == "STRING":
        if isinstance(value, bool):
            value = "sim" if value else "não"
        elif isinstance(value, list):
            value = ", ".join(map(str, value))
        return str(value)[:2000]
    if t == "BOOLEAN":
        return value if isinstance(value, bool) else bool(value) and str(value).upper() not in ("NONE", "UNKNOWN", "0")
    if t == "NUMBER":
        v = float(value) if isinstance(value, int | float) else 1.0 if value is True else 0.0
        if spec.min_value is not None:
            v = max(v, spec.min_value)
        if spec.max_value is not None:
            v = min(v, spec.max_value)
        return round(v, 2)
    if t == "ENUM":
        values = spec.enum_values or ()
        lookup = {x.upper(): x for x in values}
        return lookup.get(str(value).upper(), fallback_enum(values))
    # ARRAY
    items = value if isinstance(value, list) else [value]
    items = [str(x) for x in items if x is not None]
    if spec.enum_values:
        lookup = {x.upper(): x for x in spec.enum_values}
        items = [lookup[x.upper()] for x in items if x.upper() in lookup]
    return list(dict.fromkeys(items))[:50]
