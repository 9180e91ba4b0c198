"""The bubble text: one or two short sentences (≤ 280 chars) in the conversation's language.

Sentences follow the topics of the agent's fields, in field order, so a coach reads about the
objection and a QA auditor about the service. Nothing claims to come from a model.
"""

from __future__ import annotations

from engine.offline import generic, playbook
from engine.offline.analysis import Analysis
from engine.offline.fields import purchase_reason
from engine.offline.persona import age_range, persona
from engine.schema_compiler import SUMMARY_MAX_CHARS

_TRIGGER_PT = {"SCARCITY": "escassez", "URGENCY": "urgência", "SOCIAL_PROOF": "prova social",
               "AUTHORITY": "autoridade", "RECIPROCITY": "reciprocidade", "ANCHORING": "ancoragem"}
_DRIVER_PT = {"PRICE": "preço", "RESULTS": "resultado", "SAFETY": "segurança", "CONVENIENCE": "praticidade",
              "STATUS": "status/evento", "TRUST": "confiança"}


def money(value: float, currency: str | None, lang: str) -> str:
    """R$ 1.490 / R$ 1.490,50 (pt) or R$1,490 / $1,490.50 (en)."""
    symbol = {"BRL": "R$", "USD": "US$" if lang == "pt" else "$", "EUR": "€"}.get(currency or "BRL", "R$")
    txt = f"{value:,.2f}" if value % 1 else f"{value:,.0f}"
    if lang == "pt":
        txt = txt.replace(",", "§").replace(".", ",").replace("§", ".")
        return f"{symbol} {txt}"
    return f"{symbol}{txt}" if symbol != "R$" else f"R$ {txt}"


def duration(minutes: float, lang: str) -> str:
    if minutes < 90:
        return f"{minutes:.0f} min"
    if minutes < 36 * 60:
        return f"{minutes / 60:.0f} h"
    days = minutes / 1440
    return f"{days:.0f} {'dias' if lang == 'pt' else 'days'}" if days >= 1.5 else f"1 {'dia' if lang == 'pt' else 'day'}"


def _concern(a: Analysis) -> str:
    pt = a.r.lang == "pt"
    c = a.concern
    if not a.hesitant and c.concern == "NONE":
        return "Lead sem objeção no momento; conduza ao fechamento." if pt else "No objection right now; move to close."
    label = playbook.CONCERN_LABEL[a.r.lang][c.concern]
    q = generic.quote(c.evidence or a.hesitation_line, 90)
    if c.concern == "PRICE" and a.r.quoted_prices:
        price = money(a.r.quoted_prices[-1], a.r.ticket_currency, a.r.lang)
        extra = (" e pediu parcelamento" if pt else " and asked for installments") \
            if c.scores.get("PAYMENT_METHOD", 0) >= 1.5 else ""
        head = f"Lead reclamou do preço ({price}){extra}" if pt else f"Lead pushed back on price ({price}){extra}"
    elif a.hesitant:
        head = f"Lead hesitante: {label}" if pt else f"Lead hesitating: {label}"
    else:
        head = f"Objeção anterior: {label}" if pt else f"Earlier objection: {label}"
    return f"{head} — “{q}”." if q else f"{head}."


def _loss(a: Analysis) -> str:
    pt = a.r.lang == "pt"
    reason, line = a.loss
    label = playbook.CONCERN_LABEL[a.r.lang][reason]
    parts = [f"Motivo: {label}" if pt else f"Reason: {label}"]
    if line is not None and reason != "NO_RESPONSE":
        parts[0] += f" (“{generic.quote(line, 80)}”)"
    if a.mismatch[0]:
        parts.append("anúncio desalinhado com a oferta" if pt else "ad does not match the offer")
    parts.append(("lead qualificado" if a.qualified else "lead não qualificado") if pt
                 else ("qualified lead" if a.qualified else "unqualified lead"))
    return "; ".join(parts) + "."


def _purchase(a: Analysis) -> str:
    pt, p = a.r.lang == "pt", a.purchase
    if p.confirmed:
        value = f" de {money(p.value, p.currency, a.r.lang)}" if p.value and pt else \
            f" of {money(p.value, p.currency, a.r.lang)}" if p.value else ""
        text = f"Pagamento confirmado{value}: “{generic.quote(p.evidence, 80)}”." if pt else \
            f"Payment confirmed{value}: “{generic.quote(p.evidence, 80)}”."
    else:
        text = purchase_reason(a)
    if a.r.status == "WON":
        text += " Ticket já marcado como ganho." if pt else " Ticket already marked as won."
    return text


def _ghost(a: Analysis) -> str:
    pt = a.r.lang == "pt"
    risk, waiting = a.ghost
    f = a.r.ctx.facts
    since = duration(f.minutes_since_last_message, a.r.lang)
    if waiting == "seller":
        return (f"Lead aguardando resposta do vendedor há {since} (risco {risk:.0f}/100): responda já." if pt
                else f"Lead has been waiting {since} for the seller (risk {risk:.0f}/100): reply now.")
    if waiting == "none":
        return f"Risco baixo ({risk:.0f}/100): venda concluída." if pt else f"Low risk ({risk:.0f}/100): sale closed."
    cool = (" e esfriou" if pt else " and cooled down") if a.cooling else ""
    return (f"Risco de ghosting {risk:.0f}/100: lead em silêncio há {since}{cool}." if pt
            else f"Ghosting risk {risk:.0f}/100: lead silent for {since}{cool}.")


def _icp(a: Analysis) -> str:
    pt, p = a.r.lang == "pt", a.profile
    parts = [persona(p, a.r.lang)]
    if p.driver != "UNKNOWN":
        parts.append(f"decidiu por {_DRIVER_PT[p.driver]}" if pt else f"decided on {p.driver.lower()}")
    if p.age is not None:
        parts.append(f"{age_range(p.age).replace('_', '-').replace('-PLUS', '+')} anos" if pt
                     else f"age {age_range(p.age).replace('_', '-').replace('-PLUS', '+')}")
    return ("Perfil: " if pt else "Profile: ") + "; ".join(parts) + "."


def _qa(a: Analysis) -> str:
    pt, f, q = a.r.lang == "pt", a.r.ctx.facts, a.quality
    if f.first_response_minutes is None:
        first = "1ª resposta: sem dado (registrado 0)" if pt else "first reply: no data (recorded as 0)"
    else:
        first = (f"1ª resposta em {f.first_response_minutes:.0f} min" if pt
                 else f"first reply in {f.first_response_minutes:.0f} min")
    sla = ("SLA cumprido" if f.sla_met else f"SLA violado {f.sla_breaches}x") if pt else \
        ("SLA met" if f.sla_met else f"SLA missed {f.sla_breaches}x")
    trig = ", ".join(_TRIGGER_PT[t] if pt else t.lower().replace("_", " ") for t in q.triggers) or \
        ("nenhum" if pt else "none")
    return (f"{sla}; {first}; empatia {q.empathy:.0f}/10; gatilhos: {trig}. Nota {q.score:.0f}/100." if pt
            else f"{sla}; {first}; empathy {q.empathy:.0f}/10; triggers: {trig}. Score {q.score:.0f}/100.")


def _generic(a: Analysis) -> str:
    pt = a.r.lang == "pt"
    last = generic.quote(a.r.lead[-1], 100) if a.r.lead else ""
    if not last:
        return "O lead ainda não escreveu." if pt else "The lead has not written yet."
    return f"Análise por palavras-chave; última fala do lead: “{last}”." if pt else \
        f"Keyword-based analysis; lead's last message: “{last}”."


_BUILDERS = {"concern": _concern, "loss": _loss, "purchase": _purchase, "ghost": _ghost, "icp": _icp, "qa": _qa,
             "generic": _generic}


def clip(text: str, limit: int = SUMMARY_MAX_CHARS) -> str:
    """Cut on a word boundary with an ellipsis when over ``limit``."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:—-") + "…"


def summarise(a: Analysis, topics: list[str]) -> str:
    """One sentence per topic (first two topics), plus a note when lead instructions were ignored."""
    seen: list[str] = []
    for t in topics:
        if t not in seen:
            seen.append(t)
    sentences = [_BUILDERS[t](a) for t in seen[:2]] or [_generic(a)]
    note = ""
    if a.r.untrusted:  # always visible, so the director knows someone tried to steer the analysis
        note = (" Instruções escritas pelo lead foram ignoradas." if a.r.lang == "pt"
                else " Instructions written by the lead were ignored.")
    text = clip(" ".join(sentences), SUMMARY_MAX_CHARS - len(note)) + note
    return text.strip() or ("Sem dados." if a.r.lang == "pt" else "No data.")
