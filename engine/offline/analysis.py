"""The analysis of one conversation: every detector's result, computed lazily and at most once.

``analysis_of(ctx)`` returns the same object for consecutive agents that run on one context, so
running all six templates costs little more than running one.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from functools import cached_property

from engine.context import ConversationContext
from engine.offline import persona, purchase, quality, semantic, signals
from engine.offline.lexicon import HESITATION
from engine.offline.reading import Line, Reading

SURE = 3.0  # a rule score this high is not second-guessed by the semantic vote


class Analysis:
    """Lazy detector results for one context (see the modules each property delegates to)."""

    def __init__(self, ctx: ConversationContext) -> None:
        self.r = Reading(ctx)
        self.memo: dict[int, dict[str, float]] = {}  # objection scores per lead message

    @cached_property
    def rule_overall(self) -> signals.ConcernResult:
        return signals.concerns(self.r.lead, current=self.r.status != "WON" and not self.purchase.confirmed, memo=self.memo)

    @cached_property
    def after_payment(self) -> signals.ConcernResult | None:
        """A worry the lead raised after paying ("agora que paguei bateu um medo"): the concern now."""
        ev = self.purchase.evidence if self.purchase.confirmed else None
        if ev is None:
            return None
        later = [ln for ln in self.r.lead if ln.index > ev.index]
        c = signals.concerns(later, memo=self.memo) if later else None
        return c if c is not None and c.concern not in ("NONE", "PAYMENT_METHOD") and c.score >= 2.0 else None

    @cached_property
    def overall(self) -> signals.ConcernResult:
        """The rules' reading when they are sure; else the semantic vote over the lead's messages."""
        if self.after_payment is not None:
            return self.after_payment
        rules = self.rule_overall
        if rules.concern != "NONE" or signals.other_reason(self.r) is not None:
            return rules  # an objection or a stated other reason (spouse, pregnancy, minor) is a sure reading
        sem = self.semantic_concern
        if sem is None:
            return rules
        if rules.concern == sem.concern:
            return signals.ConcernResult(rules.concern, rules.score + 1.0, rules.evidence, rules.scores)
        return sem

    @cached_property
    def semantic_concern(self) -> signals.ConcernResult | None:
        """The latest lead message the nearest-exemplar vote reads as an objection (None when off or none)."""
        lines = [ln for ln in self.r.lead if ln.type == "text" or "transcri" in ln.norm][-8:]
        vs = semantic.votes("concern", [(ln.index, ln.raw) for ln in lines])
        for ln, v in zip(reversed(lines), reversed(vs), strict=True):
            if v is not None and v.label != "NONE":
                return signals.ConcernResult(v.label, 1.5, ln, {v.label: 1.5})
        return None

    @cached_property
    def turn(self) -> signals.ConcernResult:
        return signals.concerns(self.r.last_lead_turn, memo=self.memo)

    @cached_property
    def purchase(self) -> purchase.Purchase:
        return purchase.detect(self.r)

    @cached_property
    def hesitation_line(self) -> Line | None:
        if self.purchase.confirmed or self.r.status == "WON":
            return None
        line = signals.hesitation(self.r, self.turn)
        if line is None:
            return None
        # "fechado, vamos agendar" after an old doubt: the latest turn commits, no hesitation now.
        if signals.committed(self.r) and not HESITATION.search(line.norm) and self.turn.concern == "NONE":
            return None
        return line

    @property
    def hesitant(self) -> bool:
        return self.hesitation_line is not None

    @cached_property
    def concern(self) -> signals.ConcernResult:
        """The lead's main concern over the conversation (recent messages weigh a little more), else the turn's."""
        # A bare "vou pensar" names no objection: the concern stays NONE (hesitation is its own field).
        return self.overall if self.overall.concern != "NONE" else self.turn

    @cached_property
    def loss(self) -> tuple[str, Line | None]:
        return signals.loss_reason(self.r, self.overall)

    @cached_property
    def mismatch(self) -> tuple[bool, Line | None]:
        return signals.campaign_mismatch(self.r)

    @cached_property
    def qualified(self) -> bool:
        return signals.qualified(self.r, self.mismatch[0])

    @cached_property
    def cooling(self) -> bool:
        return any(HESITATION.search(ln.norm) for ln in self.r.last_lead_turn)

    @cached_property
    def ghost(self) -> tuple[float, str]:
        return signals.ghosting_risk(self.r, self.cooling, self.concern.concern, self.purchase.confirmed)

    @cached_property
    def engagement(self) -> float:
        return signals.engagement(self.r)

    @cached_property
    def retarget(self) -> bool:
        risk, _ = self.ghost
        interested = self.engagement >= 0.3 or self.r.procedure is not None or self.qualified
        return risk >= 60 and interested and not self.purchase.confirmed and self.r.status != "WON"

    @cached_property
    def intent(self) -> signals.Intent:
        return signals.last_intent(self.r, self.turn, self.purchase.evidence if self.purchase.confirmed else None)

    @cached_property
    def profile(self) -> persona.Profile:
        """The rules' profile; a life stage or driver the rules could not tell comes from the semantic vote."""
        ev = self.overall.evidence
        p = persona.profile(self.r, self.overall.concern, self.rule_overall.scores, ev.norm if ev is not None else "",
                            ev.index if ev is not None else None)
        if p.life_stage != "UNKNOWN" and p.driver != "UNKNOWN":
            return p
        lines = [ln for ln in self.r.lead if ln.type == "text" or "transcri" in ln.norm][-8:]
        texts = [(ln.index, ln.raw) for ln in lines]
        stage, driver = p.life_stage, p.driver
        if stage == "UNKNOWN":
            stage = _best(semantic.votes("stage", texts, floor=0.88, margin=0.02), stage)
        if driver == "UNKNOWN":
            driver = _best(semantic.votes("driver", texts, floor=0.88, margin=0.02), driver)
        return persona.Profile(stage, driver, p.traits, p.age, p.feminine)

    @cached_property
    def quality(self) -> quality.Quality:
        return quality.assess(self.r, self.purchase.confirmed)


def _best(votes: list[semantic.Vote | None], default: str) -> str:
    """The label with the strongest confident vote (UNKNOWN votes abstain)."""
    cast = [v for v in votes if v is not None and v.label != "UNKNOWN"]
    return max(cast, key=lambda v: (v.margin, v.similarity)).label if cast else default


_CACHE: OrderedDict[int, tuple[ConversationContext, Analysis]] = OrderedDict()
_CACHE_SIZE = 64
_LOCK = threading.Lock()  # the Studio may run agents from several threads


def analysis_of(ctx: ConversationContext) -> Analysis:
    """The Analysis of ``ctx``; reused while the same context object is analysed again."""
    key = id(ctx)
    with _LOCK:
        hit = _CACHE.get(key)
        if hit is not None and hit[0] is ctx:
            _CACHE.move_to_end(key)
            return hit[1]
    result = Analysis(ctx)
    with _LOCK:
        _CACHE[key] = (ctx, result)
        if len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return result
