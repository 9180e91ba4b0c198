"""Facts are never contradicted, and a closed ticket is never told to act.

After any engine answers (a model or the offline analyser), two rules run on the payload:

1. **Computed facts win.** A field that names a fact the system computed -- ticket status, first
   response, SLA, message counts, minutes since the lead's last message, who spoke last, today's
   campaign spend, "already WON" -- gets the computed value, whatever the engine said. Each change
   is returned as an override ``{"field", "claimed", "fact"}`` that the run records.
2. **Closed tickets get nothing actionable.** An agent whose purpose needs an open ticket (its
   trigger says ``openTicketOnly``, or it is a closing coach / ghosting sentinel) does not run on a
   WON/LOST ticket (the pipeline records it SKIPPED); when it runs anyway (a live test run, a
   fixture), its "what to do now" fields and summary are replaced with a statement that the ticket
   is closed, and retargeting is off. Recorded as overrides with ``"rule": "closed_ticket"``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from engine.agents import AgentSpec
from engine.context import ConversationContext
from engine.models import FieldType
from engine.schema_compiler import FieldSpec

OPEN_TICKET_TEMPLATES = frozenset({"closing_coach", "ghosting_sentinel"})
# Fields that tell the seller what to do next on this conversation.
ACTIONABLE = frozenset({"tip", "dica", "coachtip", "sellertip", "dicavendedor", "suggestedreply", "respostasugerida",
                        "suggestedmessage", "mensagemsugerida", "rescuemessage", "mensagemresgate",
                        "mensagemderesgate", "winbackmessage", "nextstep", "proximopasso", "action", "acao"})
ACTION_FLAGS = frozenset({"addtoretargeting", "retargeting", "adicionarretargeting"})
CLOSED_TEXT = {
    "pt": {"WON": "Venda ganha: ticket encerrado, nenhuma ação para o vendedor.",
           "LOST": "Ticket perdido e encerrado: nenhuma ação para o vendedor."},
    "en": {"WON": "Deal won: the ticket is closed, nothing for the seller to do.",
           "LOST": "Ticket lost and closed: nothing for the seller to do."},
}

Fact = Callable[[ConversationContext], Any]


def key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _spend(ctx: ConversationContext) -> float | None:
    return float(ctx.spend_today.spend) if ctx.spend_today is not None else None


# (field-name keys, field types the fact can fill, the fact)
FACTS: list[tuple[tuple[str, ...], tuple[FieldType, ...], Fact]] = [
    (("slamet", "slacumprido", "sla"), (FieldType.BOOLEAN,), lambda c: c.facts.sla_met),
    (("firstresponseminutes", "primeirarespostaminutos", "tempoprimeiraresposta"), (FieldType.NUMBER,),
     lambda c: c.facts.first_response_minutes),
    (("alreadyregistered", "jaregistrado", "jaganho"), (FieldType.BOOLEAN,),
     lambda c: c.conversation.ticket.status.value == "WON"),
    (("ticketstatus", "statusticket", "statusdoticket"), (FieldType.ENUM, FieldType.STRING),
     lambda c: c.conversation.ticket.status.value),
    (("leadmessages", "mensagenslead", "mensagensdolead"), (FieldType.NUMBER,), lambda c: c.facts.lead_messages),
    (("sellermessages", "mensagensvendedor", "mensagensdovendedor"), (FieldType.NUMBER,),
     lambda c: c.facts.seller_messages),
    (("slabreaches", "violacoessla"), (FieldType.NUMBER,), lambda c: c.facts.sla_breaches),
    (("minutessincelastleadmessage", "minutosdesdeultimamensagemdolead", "minutossemresposta"),
     (FieldType.NUMBER,), lambda c: c.facts.minutes_since_last_lead_message),
    (("lastspeaker", "quemfalouporultimo", "ultimoafalar"), (FieldType.ENUM, FieldType.STRING),
     lambda c: c.facts.last_speaker),
    (("spend", "gasto", "campaignspend", "gastocampanha", "gastodacampanha"), (FieldType.NUMBER,), _spend),
]
_BY_KEY = {k: (types, fact) for keys, types, fact in FACTS for k in keys}


def needs_open_ticket(agent: AgentSpec) -> bool:
    """The agent's purpose needs an open ticket (coaching or rescuing a live conversation)."""
    if agent.template_key in OPEN_TICKET_TEMPLATES:
        return True
    return any(t.throttle_rules.open_ticket_only for t in agent.triggers)


def closed_status(ctx: ConversationContext) -> str | None:
    status = ctx.conversation.ticket.status.value
    return None if status == "OPEN" else status


def _fits(spec: FieldSpec, value: Any) -> bool:
    if value is None:
        return False
    if spec.field_type is FieldType.NUMBER:
        v = float(value)
        return (spec.min_value is None or v >= spec.min_value) and (spec.max_value is None or v <= spec.max_value)
    if spec.field_type is FieldType.ENUM:
        return value in (spec.enum_values or ())
    return True


def _coerce(spec: FieldSpec, value: Any) -> Any:
    if spec.field_type is FieldType.NUMBER:
        return float(value)
    if spec.field_type is FieldType.STRING:
        return str(value)
    return value


def apply(agent: AgentSpec, ctx: ConversationContext, payload: dict[str, Any],
          fields: tuple[FieldSpec, ...] | None = None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The payload with facts enforced (and closed-ticket rules applied), and the overrides made."""
    out = dict(payload)
    overrides: list[dict[str, Any]] = []
    specs = fields if fields is not None else agent.fields
    for spec in specs:
        found = _BY_KEY.get(key(spec.field_name))
        if found is None or spec.field_type not in found[0]:
            continue
        fact = found[1](ctx)
        if not _fits(spec, fact):
            continue
        fact = _coerce(spec, fact)
        if out.get(spec.field_name) != fact:
            overrides.append({"field": spec.field_name, "claimed": out.get(spec.field_name), "fact": fact})
            out[spec.field_name] = fact
    status = closed_status(ctx)
    if status is not None and needs_open_ticket(agent):
        text = CLOSED_TEXT.get(ctx.language, CLOSED_TEXT["pt"])[status]
        for spec in specs:
            k, name = key(spec.field_name), spec.field_name
            if k in ACTIONABLE and spec.field_type is FieldType.STRING:
                new: Any = text if spec.is_required else None
            elif k in ACTION_FLAGS and spec.field_type is FieldType.BOOLEAN:
                new = False
            else:
                continue
            if out.get(name) != new:
                overrides.append({"field": name, "claimed": out.get(name), "fact": new, "rule": "closed_ticket"})
                out[name] = new
        if out.get("summary") != text:
            overrides.append({"field": "summary", "claimed": out.get("summary"), "fact": text, "rule": "closed_ticket"})
            out["summary"] = text
    return out, overrides
