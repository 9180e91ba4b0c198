"""One pass over a conversation: normalised lines, who said what, procedures, names, untrusted text.

A ``Reading`` is built once per context and shared by every field of every agent that runs on it
(the worker runs several agents per event), so per-call work stays small.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from engine.context import ConversationContext
from engine.offline.lexicon import INJECTION, cue, normalise
from engine.offline.money import Amount, amounts

# (pattern, PT name, EN name); more specific first: the first match in a text wins.
PROCEDURES: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (cue(p), pt, en) for p, pt, en in [
        ([r"preenchimento (?:labial|de labios|nos labios|da boca)", r"labial", r"lip fillers?", r"lips"],
         "preenchimento labial", "lip filler"),
        ([r"botox", r"toxina(?: botulinica)?", r"botulinica", r"dysport", r"xeomin"], "botox", "Botox"),
        ([r"harmoniza\w*", r"facial harmoni\w*"], "harmonização facial", "facial harmonization"),
        ([r"bioestimulador\w*", r"sculptra", r"radiesse", r"collagen stimulat\w*"], "bioestimulador",
         "collagen stimulator"),
        ([r"fios? (?:de )?(?:pdo|sustentacao)", r"thread lift"], "fios de PDO", "thread lift"),
        ([r"preenchimento", r"acido hialuronico", r"fillers?", r"hyaluronic"], "preenchimento", "filler"),
        ([r"limpeza de pele", r"hydrafacial", r"facial cleans\w*"], "limpeza de pele", "facial"),
        ([r"peeling", r"chemical peel", r"peels?"], "peeling", "chemical peel"),
        ([r"depila\w*(?: a laser)?", r"laser hair removal", r"hair removal"], "depilação a laser",
         "laser hair removal"),
        ([r"microagulhamento", r"microneedling"], "microagulhamento", "microneedling"),
        ([r"criolipolise", r"crio", r"coolsculpting", r"cryolipolysis"], "criolipólise", "cryolipolysis"),
        ([r"papada", r"double chin", r"kybella"], "lipo de papada", "double chin treatment"),
        ([r"skin ?booster\w*"], "skinbooster", "skin booster"),
        ([r"rinomodela\w*", r"non-surgical rhinoplasty"], "rinomodelação", "non-surgical rhinoplasty"),
        ([r"micropigmenta\w*", r"microblading", r"sobrancelhas?", r"eyebrows?"], "micropigmentação",
         "microblading"),
        ([r"ultraformer", r"hifu", r"lavieen", r"laser", r"lasers"], "laser", "laser treatment"),
        ([r"drenagem", r"massagem modeladora", r"lymphatic drainage"], "drenagem", "lymphatic drainage"),
        ([r"clareamento", r"melasma", r"manchas", r"whitening", r"dark spots"], "tratamento de manchas",
         "dark-spot treatment"),
    ]
)
_CLAUSE = re.compile(r"[.!?;\n]+|,\s|\s(?:mas|but)\s")


@dataclass(frozen=True)
class Line:
    """One message, normalised. ``untrusted`` marks lead text that tries to instruct the analyser."""

    index: int
    author: str
    raw: str
    norm: str
    type: str
    at: datetime
    untrusted: bool

    def clauses(self) -> list[str]:
        return [c.strip() for c in _CLAUSE.split(self.norm) if c.strip()]


class Reading:
    """The digest of one conversation; every derived value is computed lazily and once."""

    def __init__(self, ctx: ConversationContext) -> None:
        self.ctx = ctx
        conv = ctx.conversation
        self.lines: list[Line] = []
        for i, m in enumerate(conv.messages):
            norm = normalise(m.text)
            bad = m.author == "lead" and bool(INJECTION.search(norm))
            self.lines.append(Line(i, m.author, m.text.strip(), norm, m.type, m.at, bad))
        self.lang = "en" if ctx.language == "en" else "pt"
        self.status = conv.ticket.status.value
        self.ticket_value = float(conv.ticket.value) if conv.ticket.value is not None else None
        self.ticket_currency = conv.ticket.currency or "BRL"

    # -- who said what ------------------------------------------------------------------------
    @cached_property
    def lead(self) -> list[Line]:
        """Lead messages the analyser may read (instruction-like messages are left out)."""
        return [ln for ln in self.lines if ln.author == "lead" and not ln.untrusted]

    @cached_property
    def seller(self) -> list[Line]:
        return [ln for ln in self.lines if ln.author == "seller"]

    @cached_property
    def untrusted(self) -> list[Line]:
        return [ln for ln in self.lines if ln.untrusted]

    @cached_property
    def last_lead_turn(self) -> list[Line]:
        """The lead's latest turn: its messages after the last seller/bot message (or its last message)."""
        turn: list[Line] = []
        for ln in reversed(self.lines):
            if ln.author != "lead":
                if turn:
                    break
                continue
            if not ln.untrusted:
                turn.append(ln)
        turn.reverse()
        return turn

    @cached_property
    def first_name(self) -> str | None:
        name = (self.ctx.conversation.contact.name or "").strip()
        first = name.split()[0] if name else ""
        return first[:1].upper() + first[1:].lower() if first.isalpha() else None

    # -- what the conversation is about -------------------------------------------------------
    @cached_property
    def procedure(self) -> str | None:
        """The procedure discussed most (lead mentions weigh double; the campaign name counts too)."""
        score: dict[int, float] = {}
        attr = self.ctx.conversation.ticket.attribution
        campaign = normalise(" ".join(x for x in (attr.utm_campaign, attr.utm_content, attr.utm_term) if x)
                             .replace("_", " ").replace("-", " "))
        sources = [(ln.norm, 2.0 if ln.author == "lead" else 1.0) for ln in self.lines if not ln.untrusted]
        for text, weight in [*sources, (campaign, 1.0)]:
            for i, (pat, _, _) in enumerate(PROCEDURES):
                if pat.search(text):
                    score[i] = score.get(i, 0.0) + weight
                    break
        if not score:
            return None
        best = max(score, key=lambda i: (score[i], -i))
        _, pt, en = PROCEDURES[best]
        return pt if self.lang == "pt" else en

    @cached_property
    def seller_amounts(self) -> list[Amount]:
        """Prices the seller wrote (anchors and installments keep their role)."""
        out: list[Amount] = []
        for ln in self.seller:
            out.extend(amounts(ln.norm))
        return out

    @cached_property
    def quoted_prices(self) -> list[float]:
        """Offer prices the seller quoted, oldest first (anchors and installments excluded)."""
        return [a.value for a in self.seller_amounts if a.role == "price" and a.value >= 30]

    @cached_property
    def campaign_text(self) -> str:
        attr = self.ctx.conversation.ticket.attribution
        parts = [attr.utm_campaign, attr.utm_content, attr.utm_term]
        return normalise(" ".join(p for p in parts if p).replace("_", " ").replace("-", " "))
