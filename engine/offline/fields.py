"""Per-field resolvers, dispatched by field NAME + TYPE (+ enum values), never by template key.

A director's renamed copy of a template keeps working, and a custom agent that reuses a field name
(``concern``, ``evidence``...) gets the same detector. Unknown fields fall back to ``generic``.
Every resolver returns ``(value, certainty 0..1, topic)``; the topic tells the summary what to say.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from engine.offline import generic, playbook
from engine.offline.analysis import Analysis
from engine.offline.persona import age_range, persona
from engine.offline.quality import TRIGGERS
from engine.schema_compiler import FieldSpec
from engine.templates import CONCERN

Resolved = tuple[Any, float, str]
Resolver = Callable[[Analysis, FieldSpec, frozenset[str]], Resolved]
LIFE_STAGES = frozenset({"STUDENT", "YOUNG_PROFESSIONAL", "NEW_PARENT", "PARENT", "EXECUTIVE", "RETIRED"})
DRIVERS = frozenset({"PRICE", "RESULTS", "SAFETY", "CONVENIENCE", "STATUS", "TRUST"})
AGE_RANGES = frozenset({"18_24", "25_34", "35_44", "45_54", "55_PLUS"})
CURRENCIES = frozenset({"BRL", "USD", "EUR"})
PURCHASE_NAMES = frozenset({"purchaseconfirmed", "compraconfirmada", "pagamentoconfirmado", "paid", "pago"})


def key(name: str) -> str:
    """Field-name key: lowercase, no separators ("purchase_confirmed" == "purchaseConfirmed")."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


# ------------------------------------------------------------------------------ concerns / coach
def _concern(a: Analysis, spec: FieldSpec, names: frozenset[str]) -> Resolved:
    if spec.enum_values and "NO_RESPONSE" in spec.enum_values:
        return _loss(a, spec, names)
    c = a.concern
    certainty = 0.8 if c.score >= 4 else 0.6 if c.concern != "NONE" else 0.5
    value = c.concern if spec.field_type.value != "STRING" else playbook.CONCERN_LABEL[a.r.lang][c.concern]
    return value, certainty, "concern"


def _loss(a: Analysis, spec: FieldSpec, names: frozenset[str]) -> Resolved:
    reason, _ = a.loss
    if spec.field_type.value == "STRING":
        return playbook.CONCERN_LABEL[a.r.lang][reason], 0.5, "loss"
    certainty = 0.75 if a.overall.score >= 4 else 0.55 if reason != "OTHER" else 0.35
    return reason, certainty, "loss"


def _hesitation(a: Analysis, spec: FieldSpec, names: frozenset[str]) -> Resolved:
    return a.hesitant, 0.7 if a.hesitant or not a.r.lead else 0.55, "concern"


def _tip(a: Analysis, spec: FieldSpec, names: frozenset[str]) -> Resolved:
    return playbook.tip(a.concern.concern, a.r), 0.5, "concern"


def _reply(a: Analysis, spec: FieldSpec, names: frozenset[str]) -> Resolved:
    return playbook.suggested_reply(a.concern.concern, a.r), 0.5, "concern"


def _evidence(a: Analysis, spec: FieldSpec, names: frozenset[str]) -> Resolved:
    lang = a.r.lang
    if names & PURCHASE_NAMES:
        p = a.purchase
        if p.confirmed:
            return generic.quote(p.evidence), 0.7, "purchase"
        return purchase_reason(a), 0.5, "purchase"
    if {"lossreason", "motivoperda"} & names:
        ln = a.loss[1]
    else:
        ln = a.concern.evidence or a.hesitation_line
    if ln is None:
        if spec.is_required:
            empty = "O lead não deu motivo por escrito." if lang == "pt" else "The lead gave no written reason."
            return empty, 0.3, "loss"
        return None, 0.3, "loss"
    return generic.quote(ln), 0.6, "loss"


def purchase_reason(a: Analysis) -> str:
    """Why there is no proof of payment (quoting the misleading message when there is one)."""
    p, pt = a.purchase, a.r.lang == "pt"
    q = generic.quote(p.trap, 100)
    why = {
        "future": ("o lead só falou em pagar depois", "the lead only talked about paying later"),
        "conditional": ("é uma pergunta ou condição, não um pagamento", "it is a question or condition, not a payment"),
        "third_party": ("o pagamento citado é de outra pessoa", "the payment mentioned is someone else's"),
        "implausible": ("o valor alegado não bate com o preço combinado", "the claimed amount matches no quoted price"),
    }
    if p.trap is not None and p.trap_kind in why:
        reason = why[p.trap_kind][0 if pt else 1]
        return f"Sem prova de pagamento: {reason} (“{q}”)." if pt else f"No proof of payment: {reason} (“{q}”)."
    if a.r.untrusted:
        return ("Sem prova de pagamento; mensagem do lead com instruções foi ignorada." if pt
                else "No proof of payment; a lead message containing instructions was ignored.")
    return "Nenhuma mensagem mostra pagamento realizado." if pt else "No message shows a completed payment."


# ------------------------------------------------------------------------------ traffic
def _qualified(a: Analysis, spec: FieldSpec, names: frozenset[str]) -> Resolved:
    return a.qualified, 0.5, "loss"


def _mismatch(a: Analysis, spec: FieldSpec, names: frozenset[str]) -> Resolved:
    hit, _ = a.mismatch
    return hit, 0.65 if hit else 0.5, "loss"


# ------------------------------------------------------------------------------ ICP
def _persona(a: Analysis, spec: FieldSpec, names: frozenset[str]) -> Resolved:
    p = a.profile
    return persona(p, a.r.lang), 0.6 if p.life_stage != "UNKNOWN" else 0.3, "icp"


def _enum_profile(attr: str) -> Resolver:
    def resolve(a: Analysis, spec: FieldSpec, names: frozenset[str]) -> Resolved:
        value = getattr(a.profile, attr) if attr != "age" else age_range(a.profile.age)
        return value, 0.6 if value != "UNKNOWN" else 0.35, "icp"
    return resolve


def _traits(a: Analysis, spec: FieldSpec, names: frozenset[str]) -> Resolved:
    return list(a.profile.traits), 0.5, "icp"


def _age(a: Analysis, spec: FieldSpec, names: frozenset[str]) -> Resolved:
    age = a.profile.age
    return (float(age), 0.7, "icp") if age is not None else (generic.number_neutral(spec), 0.2, "icp")


# ------------------------------------------------------------------------------ ghosting
def _risk(a: Analysis, spec: FieldSpec, names: frozenset[str]) -> Resolved:
    return generic.scale(a.ghost[0], spec), 0.55, "ghost"


def _intent(a: Analysis, spec: FieldSpec, names: frozenset[str]) -> Resolved:
    return intent_text(a), 0.55, "ghost"


_INTENT = {
    "pt": {"paid": "Informou o pagamento", "commit": "Quer fechar/agendar", "cooling": "Ficou de pensar",
           "price": "Perguntou o preço", "schedule": "Perguntou horários", "question": "Fez uma pergunta",
           "other": "Respondeu", "none": "O lead ainda não escreveu"},
    "en": {"paid": "Reported the payment", "commit": "Wants to close/book", "cooling": "Said they'd think about it",
           "price": "Asked about the price", "schedule": "Asked about availability", "question": "Asked a question",
           "other": "Replied", "none": "The lead has not written yet"},
}


def intent_text(a: Analysis) -> str:
    """The lead's last intent, with the procedure and a quote."""
    i, lang = a.intent, a.r.lang
    if i.kind == "concern":
        label = playbook.CONCERN_LABEL[lang][a.turn.concern]
        head = f"Levantou objeção: {label}" if lang == "pt" else f"Raised an objection: {label}"
    else:
        head = _INTENT[lang][i.kind]
    if a.r.procedure and i.kind in ("price", "schedule", "commit", "concern", "question"):
        head += f" ({a.r.procedure})"
    return f"{head}: “{generic.quote(i.line, 120)}”" if i.line is not None else head


def _rescue(a: Analysis, spec: FieldSpec, names: frozenset[str]) -> Resolved:
    return playbook.rescue_message(a.concern.concern, a.r), 0.5, "ghost"


def _retarget(a: Analysis, spec: FieldSpec, names: frozenset[str]) -> Resolved:
    return a.retarget, 0.5, "ghost"


# ------------------------------------------------------------------------------ CAPI
def _purchased(a: Analysis, spec: FieldSpec, names: frozenset[str]) -> Resolved:
    p = a.purchase
    return p.confirmed, 0.75 if p.seller_confirmed or not p.confirmed and p.trap is None else 0.6, "purchase"


def _value(a: Analysis, spec: FieldSpec, names: frozenset[str]) -> Resolved:
    p = a.purchase
    if p.confirmed and p.value is not None:
        return p.value, 0.6, "purchase"
    if names & PURCHASE_NAMES:  # no purchase, no value
        return (None if not spec.is_required else generic.number_neutral(spec)), 0.5, "purchase"
    price = a.r.ticket_value or (a.r.quoted_prices[-1] if a.r.quoted_prices else None)
    return (price if price is not None else generic.number_neutral(spec)), 0.4, "purchase"


def _currency(a: Analysis, spec: FieldSpec, names: frozenset[str]) -> Resolved:
    p = a.purchase
    if p.confirmed and p.currency:
        return p.currency, 0.6, "purchase"
    if spec.is_required or not names & PURCHASE_NAMES:
        return a.r.ticket_currency, 0.4, "purchase"
    return None, 0.5, "purchase"


def _registered(a: Analysis, spec: FieldSpec, names: frozenset[str]) -> Resolved:
    return a.r.status == "WON", 1.0, "purchase"


# ------------------------------------------------------------------------------ QA (facts copied)
def _sla(a: Analysis, spec: FieldSpec, names: frozenset[str]) -> Resolved:
    return a.r.ctx.facts.sla_met, 1.0, "qa"


def _first_response(a: Analysis, spec: FieldSpec, names: frozenset[str]) -> Resolved:
    v = a.r.ctx.facts.first_response_minutes
    return (v if v is not None else 0.0), 1.0, "qa"


def _empathy(a: Analysis, spec: FieldSpec, names: frozenset[str]) -> Resolved:
    v = a.quality.empathy
    return (v if spec.max_value in (None, 10) else generic.scale(v * 10, spec)), 0.5, "qa"


def _triggers(a: Analysis, spec: FieldSpec, names: frozenset[str]) -> Resolved:
    return list(a.quality.triggers), 0.55, "qa"


def _overall(a: Analysis, spec: FieldSpec, names: frozenset[str]) -> Resolved:
    return generic.scale(a.quality.score, spec), 0.5, "qa"


def _improve(a: Analysis, spec: FieldSpec, names: frozenset[str]) -> Resolved:
    return playbook.improvement_tip(a.quality.weakest, a.r, a.overall.concern), 0.5, "qa"


# ------------------------------------------------------------------------------ dispatch
_B, _N, _S, _E, _A = "BOOLEAN", "NUMBER", "STRING", "ENUM", "ARRAY"
NAMED: dict[tuple[str, str], Resolver] = {}
for _names, _types, _fn in [
    (("concern", "mainconcern", "objection", "objecao", "preocupacao", "principalobjecao"), (_E, _S), _concern),
    (("lossreason", "motivoperda", "motivodaperda", "reasonlost"), (_E, _S), _loss),
    (("hesitationdetected", "hesitation", "hesitacao", "hesitou", "hesitacaodetectada"), (_B,), _hesitation),
    (("tip", "dica", "coachtip", "sellertip", "dicavendedor"), (_S,), _tip),
    (("suggestedreply", "respostasugerida", "suggestedmessage", "mensagemsugerida"), (_S,), _reply),
    (("evidence", "evidencia", "prova", "quote", "citacao"), (_S,), _evidence),
    (("leadqualified", "qualified", "qualificado", "leadqualificado"), (_B,), _qualified),
    (("campaignmismatch", "desalinhamentocampanha", "admismatch"), (_B,), _mismatch),
    (("persona",), (_S,), _persona),
    (("lifestage", "fasedavida", "fasedevida"), (_E,), _enum_profile("life_stage")),
    (("decisiondriver", "motivadordecisao", "driver"), (_E,), _enum_profile("driver")),
    (("agerange", "faixaetaria"), (_E,), _enum_profile("age")),
    (("traits", "tracos", "caracteristicas"), (_A,), _traits),
    (("age", "idade"), (_N,), _age),
    (("ghostingrisk", "churnrisk", "riscoghosting", "riscodesumir", "riscochurn"), (_N,), _risk),
    (("lastleadintent", "leadintent", "intencao", "ultimaintencao", "intent"), (_S,), _intent),
    (("rescuemessage", "mensagemresgate", "mensagemderesgate", "winbackmessage"), (_S,), _rescue),
    (("addtoretargeting", "retargeting", "adicionarretargeting"), (_B,), _retarget),
    (tuple(PURCHASE_NAMES), (_B,), _purchased),
    (("purchasevalue", "valorcompra", "valordacompra", "valorpago", "value", "valor"), (_N,), _value),
    (("currency", "moeda"), (_E, _S), _currency),
    (("alreadyregistered", "jaregistrado", "jaganho"), (_B,), _registered),
    (("slamet", "slacumprido", "sla"), (_B,), _sla),
    (("firstresponseminutes", "primeirarespostaminutos", "tempoprimeiraresposta"), (_N,), _first_response),
    (("empathyscore", "empatia", "notaempatia", "empathy"), (_N,), _empathy),
    (("persuasiontriggers", "gatilhos", "gatilhosmentais", "triggers"), (_A,), _triggers),
    (("overallscore", "notageral", "score", "nota"), (_N,), _overall),
    (("improvementtip", "dicamelhoria", "dicademelhoria"), (_S,), _improve),
]:
    for _n in _names:
        for _t in _types:
            NAMED[(_n, _t)] = _fn


def _by_values(spec: FieldSpec) -> Resolver | None:
    """ENUM/ARRAY fields recognised by their values (a custom "motivo" ENUM of Concern values...)."""
    values = set(spec.enum_values or ())
    if not values:
        return None
    if spec.field_type.value == "ARRAY":
        return _triggers if len(values & set(TRIGGERS)) >= 3 else None
    overlaps = {
        "concern": len(values & (set(CONCERN) - DRIVERS)), "stage": len(values & LIFE_STAGES),
        "driver": len(values & (DRIVERS - set(CONCERN))), "age": len(values & AGE_RANGES),
        "currency": len(values & CURRENCIES),
    }
    best = max(overlaps, key=lambda k: overlaps[k])
    if overlaps[best] < 2:
        return None
    return {"concern": _concern, "stage": _enum_profile("life_stage"), "driver": _enum_profile("driver"),
            "age": _enum_profile("age"), "currency": _currency}[best]


def _generic(a: Analysis, spec: FieldSpec, names: frozenset[str]) -> Resolved:
    t = spec.field_type.value
    k = key(spec.field_name)
    if t == _B:
        flag, certainty, _ = generic.boolean(spec, a.r)
        return flag, certainty, "generic"
    if t == _N:
        if re.search(r"risk|risco|churn", k):
            return _risk(a, spec, names)
        if re.search(r"score|nota|rating|pontua", k):
            return _overall(a, spec, names)
        if re.search(r"price|preco|valor|value|amount|ticket", k):
            return _value(a, spec, names)
        if re.search(r"idade|age", k):
            return _age(a, spec, names)
        if re.search(r"interest|interesse|engaj|engag|probab|chance", k):
            return generic.scale(a.engagement * 100, spec), 0.35, "generic"
        return generic.number_neutral(spec), 0.15, "generic"
    if t == _E:
        choice, certainty = generic.enum_value(spec, a.r)
        return choice, certainty, "generic"
    if t == _A:
        if re.search(r"procedimento|procedure|servico|service|treatment|tratamento", k):
            return ([a.r.procedure] if a.r.procedure else []), 0.4, "generic"
        items, certainty = generic.array(spec, a.r)
        return items, certainty, "generic"
    text, certainty = generic.string(spec, a.r)
    return text, certainty, "generic"


def resolve(a: Analysis, spec: FieldSpec, names: frozenset[str]) -> Resolved:
    """The value of one field: a named detector, a value-set detector, or the generic fallback."""
    fn = NAMED.get((key(spec.field_name), spec.field_type.value)) or _by_values(spec) or _generic
    value, certainty, topic = fn(a, spec, names)
    value = generic.coerce(value, spec)
    if value is None and spec.is_required:  # a required field always gets a valid, neutral value
        value = generic.coerce(_generic(a, spec, names)[0], spec)
        certainty = min(certainty, 0.2)
    return value, certainty, topic
