"""Detectors over a Reading: concerns, hesitation, loss reason, qualification, campaign fit, ghosting.

Each detector returns plain values plus the lead line that triggered it (the evidence), so the
fields and the summary can quote the lead instead of asserting without proof.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from engine.offline.lexicon import (
    ATTACHMENT,
    COMMITMENT,
    CONCERN_CUES,
    ENGAGEMENT,
    HESITATION,
    INQUIRY_PRICE,
    INQUIRY_SCHEDULE,
    LEAD_ACT,
    OTHER_CAUSE,
    OTHER_REASON,
    cue,
)
from engine.offline.money import amounts
from engine.offline.reading import Line, Reading

_DONE_WITH_AMOUNT = re.compile(r"^(?:pronto|feito|done|listo|prontinho|pago)[!.,]? (?:emo_\w+ )*(?:r\$ ?)?\d")
# Tie-break: the more specific objection wins ("vi mais barato em outra clínica" is COMPETITOR).
PRIORITY = ("COMPETITOR", "PRICE", "FEAR_PAIN", "RECOVERY_TIME", "TRUST", "RESULTS_DOUBT", "PAYMENT_METHOD",
            "SCHEDULE")
# Schedule and payment talk comes up in every closing ("pode ser no cartão?", "tem sábado?"): it is
# the main concern only when nothing weightier was raised.
# On a won deal the last real objection raised before paying is the one overcome, unless an earlier one
# weighed clearly more (below this share of it the earlier one stays the answer).
WON_LATEST = 0.65
_LOGISTICS = {"SCHEDULE": 0.75, "PAYMENT_METHOD": 0.8}
# "no" is Spanish/English negation but also the Portuguese "in the" ("um consultório no centro faz por 250"):
# it negates right before the cue or before a Spanish verb or intensifier.
_NEGATION = re.compile(r"(?:^|\s)(?:(?:nao|nunca|nem|not|never|don't|isn't|wasn't)\s(?:\w+\s){0,2}"
                       r"|no\s(?:(?:es|esta|era|fue|me|lo|la|le|se|tan|muy|tengo|tiene|hay|creo|really|too|so)\s(?:\w+\s){0,1})?)$")
_QUESTION_END = re.compile(r"[^.!?\n]*\?")
NOT_OFFERED = cue([
    r"nao (?:fazemos|fazem|trabalhamos com|oferecemos|realizamos)", r"(?:a gente|aqui) nao (?:faz|trabalha com|oferece|realiza)(?! (?:diferenca|mal|sentido|falta|questao))", r"nao temos", r"(?:so|somente|apenas) (?:fazemos|trabalhamos com)",
    r"nao (?:e|eh) (?:uma |a )?(?:lipo|cirurgia)", r"we (?:don't|do not) (?:offer|do|provide|perform)",
    r"not (?:something )?we offer", r"we only (?:do|offer)",
])
# "não trabalhamos com boleto" is a payment rule, not a missing service: the object must be a service.
_PAYMENT_OBJECT = re.compile(r"\s?(?:com )?(?:boleto|cartao|pix|convenio|plano|parcel\w*|cheque|dinheiro|debito|credito)")
SERVICE_NOUN = cue([r"procedimentos?", r"servicos?", r"tratamentos?", r"cirurgi\w*", r"lipo\w*", r"aparelhos?",
                    r"tecnicas?", r"canula", r"surgery", r"surgical", r"procedures?", r"treatments?", r"services?"])
AD_REFERENCE = cue([r"anuncio", r"propaganda", r"promo\w*", r"instagram", r"facebook", r"the ad", r"ads?",
                    r"advert\w*", r"post"])
AD_COMPLAINT = cue([r"propaganda enganosa", r"(?:o|no|do) anuncio (?:dizia|falava|estava|era|tava|ta|diz|fala|prometia|mostrava)",
                    r"claro no anuncio",
                    r"(?:mas|so que) (?:o|no) anuncio", r"misleading", r"the ad (?:said|says)", r"bait"])
BUDGET = cue([r"(?:so|somente|apenas) (?:tenho|posso (?:pagar|gastar|investir))", r"meu orcamento (?:e|era)",
              r"(?:ate|no maximo) (?:r\$|\d)", r"my budget", r"(?:only|at most) (?:have|spend|pay)"])
DISQUALIFIER = cue([r"tenho 1[0-7] anos", r"engano", r"wrong number", r"so (?:queria|estava) (?:saber|vendo)",
                    r"so pesquisando", r"curiosidade", r"just (?:curious|browsing)", r"moro (?:em outr\w+|longe|fora)",
                    r"nao (?:tenho|teria) condic\w*", r"sem condic\w*", r"(?:can't|cannot) afford"])


# "Medo"/"afraid" is the emotion; when the same message names another objection (fake product, a result)
# that objection is the object of the fear, not pain.
GENERIC_FEAR = cue([r"medo", r"receio", r"fiquei com medo", r"scared", r"afraid", r"fear\w*", r"nervous", r"miedo",
                    r"emo_fear", r"morro de medo", r"traumatizad\w*", r"(?:nao tenho|falta|sem|me falta) coragem", r"so de (?:imaginar|pensar)",
                    r"(?:me )?da (?:um )?(?:no na garganta|no|frio na barriga|arrepio|agonia|calafrio)"])
PAIN_OBJECT = cue([r"dor", r"doi", r"doer", r"doid[oa]", r"dolorid\w*", r"agulha\w*", r"anestesi\w*", r"machuca\w*",
                   r"efeitos? colatera\w*", r"alergi\w*", r"pain\w*", r"hurts?", r"needles?", r"agujas?", r"duele\w*",
                   r"dolor", r"side effects?", r"allerg\w*", r"sangr\w*", r"bleed\w*"])
# Words that announce an objection whatever its topic ("o problema é que...", "só que...").
OBJECTION_MARK = cue([r"o problema (?:e|eh|sao|vai ser)", r"(?:o )?unico (?:problema|porem|detalhe)", r"so que",
                      r"the (?:only )?(?:problem|issue|thing) is", r"el problema es", r"lo malo es",
                      r"minha (?:unica )?(?:preocupacao|duvida) (?:e|eh)", r"my (?:only )?(?:concern|worry) is"])
# The lead accepting the seller's answer: the objection raised before it is resolved.
RESOLVED = cue([r"(?:ah|a|entao|ok|beleza|otimo|perfeito),? (?:assim|desse jeito|parcelado|dessa forma) (?:da|fica bom|cabe|rola)",
                r"assim (?:da|cabe|rola|fica bom)", r"(?:ah|a) bom", r"(?:ah+ )?menos mal", r"(?:entao|ai) (?:tranquilo|ta tranquilo|ta otimo|beleza)",
                r"(?:me )?(?:tranquilizou|acalmou|convenceu)", r"(?:fiquei|fico|me deixa|me deixou) mais (?:tranquila|tranquilo|segura|seguro)",
                r"faz sentido", r"entendi,? (?:ok|otimo|perfeito|beleza)", r"that works", r"(?:that's|thats|that is) reassuring",
                r"me tranquiliza\w*", r"(?:ok|great),? that helps",
                r"(?:perfecto|vale),? (?:asi|entonces)", r"cabe sim", r"da sim", r"mas (?:tudo bem|ok|vale a pena|beleza)",
                r"(?:mas|but) (?:that's )?(?:fine|ok|worth it)", r"(?:ah+|a|aah+) que bom", r"que alivio", r"ufa",
                r"(?:that|it) makes sense", r"good to know", r"que bom saber", r"(?:ah+|a),? entendi,? (?:entao|que bom|otimo)"])


@dataclass(frozen=True)
class ConcernResult:
    concern: str  # a Concern value (NONE when the lead raised nothing)
    score: float
    evidence: Line | None
    scores: dict[str, float]


def _counts(text: str, start: int) -> bool:
    """A cue counts unless it is negated in a statement ("não achei caro"); questions always count."""
    if not _NEGATION.search(text[max(0, start - 24):start]):
        return True
    q = _QUESTION_END.match(text, start)
    return bool(q and q.end() - start < 80)


def _line_scores(ln: Line) -> dict[str, float]:
    """The objection kinds one lead message raises: 2 for a strong cue, 1 for a weak one (+1 both)."""
    # An attachment's description ("[print pagamento aprovado em 10x]") is not the lead's words; a transcription is.
    norm = ATTACHMENT.sub(" ", ln.norm)
    line_scores: dict[str, float] = {}
    marked = bool(OBJECTION_MARK.search(norm))
    for name, (strong, weak) in CONCERN_CUES.items():
        # Presence, not repetition: one message saying "caro" three times is still one objection.
        sc = 2.0 if any(_counts(norm, m.start()) for m in strong.finditer(norm)) else 0.0
        sc += 1.0 if any(_counts(norm, m.start()) for m in weak.finditer(norm)) else 0.0
        if sc == 1.0 and marked:  # "o problema é que ... domingo": the marker makes a weak cue an objection
            sc = 2.0
        if sc:
            line_scores[name] = sc
    if "FEAR_PAIN" in line_scores and not PAIN_OBJECT.search(norm) and GENERIC_FEAR.search(norm):
        objects = [k for k, v in line_scores.items() if k not in ("FEAR_PAIN", *_LOGISTICS) and v >= 2.0]
        if objects:  # "fiquei com medo de produto falsificado": the fear is of that objection, and makes it louder
            del line_scores["FEAR_PAIN"]
            for k in objects:
                line_scores[k] += 0.5
    if OTHER_CAUSE.search(norm) and set(line_scores) <= {"PRICE"}:
        # "preciso ver com meu marido": a stated cause outside the categories; "é um valor alto, vou conversar com meu
        # marido" puts the money in someone else's hands: the cause is the decision, not the price
        line_scores.pop("PRICE", None)
        line_scores["OTHER"] = 2.0
    return line_scores


def concerns(lines: list[Line], current: bool = True,
             memo: dict[int, dict[str, float]] | None = None) -> ConcernResult:
    """Score every objection the lead raised over ``lines`` and pick the one that matters (``memo``: per-message
    scores shared by the calls on one conversation).

    Every mention gets a kind, a strength and a position (later messages weigh a little more). On a won
    deal (``current`` False) the main objection overcome is the answer: the strongest over the chat. While
    the deal is open, an objection the lead accepted an answer to ("ah, assim dá", "fiquei mais tranquila")
    is resolved, and the current concern is the latest one still standing. Schedule and payment talk
    ("tem sábado?", "parcela?") is the concern only when nothing weightier was raised.
    """
    scores: dict[str, float] = {}
    best_line: dict[str, tuple[float, Line]] = {}
    last_pos: dict[str, int] = {}
    resolved_at: list[int] = []
    n = len(lines)
    for pos, ln in enumerate(lines):
        recency = 1.0 + 0.3 * pos / n
        act = LEAD_ACT.search(ln.norm)
        if act and not _objects_before(ln, act.start()) or _DONE_WITH_AMOUNT.match(ln.norm):
            continue  # "paguei no cartão em 3x", "feito 💸 R$ 1.250" report a payment, they do not object to one
        if memo is None:
            line_scores = _line_scores(ln)
        else:  # the whole chat, the last turn and the after-payment part score the same messages
            if ln.index not in memo:
                memo[ln.index] = _line_scores(ln)
            line_scores = dict(memo[ln.index])
        resolving = bool(RESOLVED.search(ln.norm))
        if resolving:  # "ah, assim dá! parcelado cabe": its own cue words are part of the acceptance
            resolved_at.append(pos)
        for name, sc in line_scores.items():
            if sc >= 2.0 and not resolving:
                last_pos[name] = pos
            sc *= recency * _LOGISTICS.get(name, 1.0) * (0.9 if name == "OTHER" else 1.0)
            scores[name] = scores.get(name, 0.0) + sc
            if sc >= best_line.get(name, (0.0, ln))[0]:
                best_line[name] = (sc, ln)
    if not scores:
        return ConcernResult("NONE", 0.0, None, {})
    name = max(scores, key=lambda k: (scores[k], -_rank(k)))
    # Logistics give way to a real objection raised in the same chat.
    weighty = {k: v for k, v in scores.items() if k not in _LOGISTICS and k != "OTHER" and v >= 1.5}
    if name in _LOGISTICS and weighty:
        alt = max(weighty, key=lambda k: (weighty[k], -_rank(k)))
        if weighty[alt] >= 0.75 * scores[name]:
            name = alt
    # The current concern is the latest unresolved one: an objection the lead later accepted an answer to
    # gives way to one raised after that acceptance, and of two standing objections of comparable weight
    # the later one is current ("meu medo é ficar inchada... e dói?" is about pain now).
    open_ = {k: p for k, p in last_pos.items() if not any(r > p for r in resolved_at)}
    if current and open_:
        latest = max(open_, key=lambda k: (open_[k], scores[k]))
        if name not in open_ or (latest != name and latest not in _LOGISTICS and open_[latest] > open_.get(name, -1)
                                 and scores[latest] >= 0.8 * scores[name]):
            name = latest
    elif current and last_pos and not open_:
        return ConcernResult("NONE", 0.0, None, scores)  # every objection raised was accepted away
    elif not current and last_pos:
        # A won deal: the last real objection the lead raised before paying is the one overcome.
        real = {k: p for k, p in last_pos.items() if k not in _LOGISTICS}
        pool = real or last_pos
        latest = max(pool, key=lambda k: (pool[k], scores[k]))
        if latest != name and scores[latest] >= WON_LATEST * scores[name]:
            name = latest
    # "Achei caro, dá pra parcelar?": asking for installments after a price complaint is a price objection.
    if name == "PAYMENT_METHOD" and scores.get("PRICE", 0.0) >= 0.75 * scores[name]:
        name = "PRICE"
    if scores[name] < 1.5:  # one weak cue ("resultado", "sábado") is not an objection
        return ConcernResult("NONE", scores[name], None, scores)
    return ConcernResult(name, scores[name], best_line[name][1], scores)


def _objects_before(ln: Line, end: int) -> bool:
    """The message objects before it reports a payment ("o orçamento não fecha, acabei de pagar a caução"):
    the payment is the reason, the objection stands."""
    head = ln.norm[:end]
    return len(head) > 12 and any(v >= 2.0 for v in _line_scores(replace(ln, norm=head)).values())


def _rank(kind: str) -> int:
    return PRIORITY.index(kind) if kind in PRIORITY else len(PRIORITY)


def hesitation(r: Reading, turn_concern: ConcernResult) -> Line | None:
    """The line of the lead's latest turn that hesitates (cooling cue, objection, stated reason)."""
    for ln in reversed(r.last_lead_turn):
        if HESITATION.search(ln.norm) or OTHER_REASON.search(ln.norm):
            return ln
    if turn_concern.evidence is not None:
        return turn_concern.evidence
    return None


def committed(r: Reading) -> bool:
    """The lead's latest turn commits (book, close, ask for the pix key)."""
    return any(COMMITMENT.search(ln.norm) for ln in r.last_lead_turn)


def other_reason(r: Reading) -> Line | None:
    return next((ln for ln in reversed(r.lead) if OTHER_REASON.search(ln.norm)), None)


def loss_reason(r: Reading, overall: ConcernResult) -> tuple[str, Line | None]:
    """Why the deal did not close: a Concern, OTHER (a stated reason), or NO_RESPONSE (silence)."""
    missing = _service_not_offered(r)
    if missing is not None:  # the lead wanted a service the clinic does not do: no objection decided it
        return "OTHER", next((ln for ln in r.lead if ln.index > missing.index), missing)
    if overall.concern != "NONE":
        return overall.concern, overall.evidence
    other = other_reason(r)
    if other is not None:
        return "OTHER", other
    if not r.lead or r.ctx.facts.last_speaker != "lead" or any(HESITATION.search(ln.norm) for ln in r.last_lead_turn):
        return "NO_RESPONSE", r.lead[-1] if r.lead else None
    return "OTHER", r.lead[-1]


def _service_not_offered(r: Reading) -> Line | None:
    """The seller's message saying the clinic does not do the service the lead asked for."""
    for ln in r.seller:
        m = NOT_OFFERED.search(ln.norm)
        if m is None or _PAYMENT_OBJECT.match(ln.norm, m.end()):
            continue  # "não trabalhamos com boleto" is a payment rule, not a missing service
        if SERVICE_NOUN.search(ln.norm, m.end(), m.end() + 40) or SERVICE_NOUN.search(ln.norm, max(0, m.start() - 20), m.start()):
            return ln  # "não fazemos cirurgia" / "lipoaspiração cirúrgica a gente não faz"
    return None


def campaign_mismatch(r: Reading) -> tuple[bool, Line | None]:
    """The ad promised what the clinic does not offer, or a price far below what the seller quotes."""
    missing = _service_not_offered(r)
    if missing is not None:
        return True, missing
    for ln in r.lead:
        if AD_COMPLAINT.search(ln.norm):
            return True, ln
    quote = max(r.quoted_prices, default=None)
    if quote is None:
        return False, None
    ad_prices = [a.value for a in amounts(r.campaign_text) if a.value >= 30]
    ad_prices += [n for n in (float(x) for x in re.findall(r"(?<!\d)(\d{2,5})(?!\d)", r.campaign_text)) if n >= 30]
    for ln in r.lead:  # the lead quoting the ad's price, or a budget far below the quote
        if AD_REFERENCE.search(ln.norm) or BUDGET.search(ln.norm):
            ad_prices += [a.value for a in amounts(ln.norm) if a.value >= 30 and a.role == "price"]
            if ad_prices and quote >= 1.5 * min(ad_prices):
                return True, ln
    if ad_prices and quote >= 1.5 * min(ad_prices):
        return True, None
    return False, None


def qualified(r: Reading, mismatch: bool) -> bool:
    """Interest shown (asked about a procedure, price or schedule, or talked) and nothing disqualifying."""
    if any(DISQUALIFIER.search(ln.norm) for ln in r.lead) or mismatch and r.ctx.conversation.ticket.status.value != "WON":
        return r.status == "WON"
    if r.status == "WON":
        return True
    asked = any(INQUIRY_PRICE.search(ln.norm) or INQUIRY_SCHEDULE.search(ln.norm) or COMMITMENT.search(ln.norm)
                for ln in r.lead)
    return len(r.lead) >= 3 or (asked and len(r.lead) >= 2) or (asked and r.procedure is not None)


def engagement(r: Reading) -> float:
    """0..1: how engaged the lead was (messages, questions, positive words)."""
    if not r.lead:
        return 0.0
    pos = sum(1 for ln in r.lead if ENGAGEMENT.search(ln.norm))
    questions = sum(1 for ln in r.lead if "?" in ln.norm)
    return min(1.0, 0.12 * len(r.lead) + 0.15 * pos + 0.08 * questions)


def ghosting_risk(r: Reading, cooling: bool, concern: str, purchased: bool) -> tuple[float, str]:
    """Risk 0-100 that the lead disappears, and who is waiting ('lead', 'seller' or 'none')."""
    f = r.ctx.facts
    if r.status == "WON" or purchased:
        return 5.0, "none"
    if not r.lead:
        return (85.0 if f.minutes_since_last_message > 120 else 60.0), "lead"
    silent = f.minutes_since_last_message
    if f.last_speaker == "lead":
        # The lead is waiting for the seller: a seller problem; risk grows slowly with the wait.
        risk = 15 + 8 * math.log1p(silent / 30)
        waiting = "seller"
    else:
        # The lead went silent after the seller spoke: risk grows with time (2 h ~ 44, 1 day ~ 68, 2 days ~ 75).
        risk = 22 + 10 * math.log1p(silent / 15)
        waiting = "lead"
    if cooling:
        risk += 12
    if concern not in ("NONE",):
        risk += 6
    if committed(r):
        risk -= 12
    risk -= 6 * engagement(r)
    if r.status == "LOST":
        risk = max(risk, 80)
    return float(round(max(0.0, min(100.0, risk)))), waiting


@dataclass(frozen=True)
class Intent:
    kind: str  # paid | commit | concern | cooling | price | schedule | question | other | none
    line: Line | None


def last_intent(r: Reading, turn_concern: ConcernResult, paid_line: Line | None) -> Intent:
    """What the lead wanted the last time they spoke."""
    turn = r.last_lead_turn or r.lead[-1:]
    if not turn:
        return Intent("none", None)
    text = " ".join(ln.norm for ln in turn)
    last = turn[-1]
    if paid_line is not None and paid_line in turn:
        return Intent("paid", paid_line)
    if COMMITMENT.search(text):
        return Intent("commit", last)
    if turn_concern.concern != "NONE":
        return Intent("concern", turn_concern.evidence or last)
    if HESITATION.search(text):
        return Intent("cooling", last)
    if INQUIRY_PRICE.search(text):
        return Intent("price", last)
    if INQUIRY_SCHEDULE.search(text):
        return Intent("schedule", last)
    if "?" in text:
        return Intent("question", last)
    return Intent("other", last)
