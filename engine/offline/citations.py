"""The offline engine's evidence: the messages its decisions came from, as ``citations``.

A thin layer over the detectors: each topic an agent's fields were resolved under ("concern",
"loss", "purchase", "ghost", "icp", "qa", "generic") names the lines its detector used (a concern's
evidence line, the purchase proof, the lead's last intent, the first reply the SLA was measured on,
...). Quotes are cut from the message text exactly as the transcript shows it, so they always pass
the schema's evidence check. When no decision points at a line (nothing was said), the lead's last
message is cited: it is what the "nothing happened" reading is based on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from engine.citations import CITATIONS_MAX, EvidenceIndex
from engine.context import visible_text
from engine.offline import persona, quality
from engine.offline.analysis import Analysis
from engine.offline.reading import Line

QUOTE_CHARS = 160


def evidence_index(a: Analysis, *, drop_invalid: bool = True) -> EvidenceIndex:
    """Every message the offline engine read (it reads the whole conversation, not a budgeted transcript)."""
    return EvidenceIndex({m.id or "": visible_text(m) for m in a.r.ctx.conversation.messages},
                         drop_invalid=drop_invalid)


def _quote(text: str) -> str:
    """The message, or its first ~160 characters cut at a word boundary (still a verbatim excerpt)."""
    text = text.strip()
    if len(text) <= QUOTE_CHARS:
        return text
    cut = text[:QUOTE_CHARS]
    space = cut.rfind(" ")
    return (cut[:space] if space > 40 else cut).rstrip()


def _first(lines: Iterable[Line], pattern: re.Pattern[str] | None) -> Line | None:
    if pattern is None:
        return None
    return next((ln for ln in lines if pattern.search(ln.norm)), None)


def _concern(a: Analysis) -> list[Line | None]:
    return [a.concern.evidence, a.hesitation_line]


def _loss(a: Analysis) -> list[Line | None]:
    reason, line = a.loss
    out: list[Line | None] = [line, a.mismatch[1]]
    if reason == "NO_RESPONSE":  # silence: the last thing said, which got no answer
        out.append(a.r.lines[-1] if a.r.lines else None)
    return out


def _purchase(a: Analysis) -> list[Line | None]:
    p = a.purchase
    return [p.evidence] if p.confirmed else [p.trap]


def _ghost(a: Analysis) -> list[Line | None]:
    return [a.intent.line]


def _icp(a: Analysis) -> list[Line | None]:
    prof = a.profile
    stage = getattr(persona, "LIFE_STAGE", {}).get(prof.life_stage)
    driver = getattr(persona, "DRIVER", {}).get(prof.driver)
    age = getattr(persona, "_AGE", None) if prof.age is not None else None
    return [_first(a.r.lead, stage), _first(a.r.lead, driver), _first(a.r.lead, age)]


def _qa(a: Analysis) -> list[Line | None]:
    first_lead = next((ln for ln in a.r.lines if ln.author == "lead"), None)
    first_reply = next((ln for ln in a.r.seller if first_lead is not None and ln.at >= first_lead.at), None)
    triggers = getattr(quality, "TRIGGERS", {})
    used = next((ln for ln in a.r.seller if any(p.search(ln.norm) for p in triggers.values())), None)
    return [first_lead, first_reply, used]


TOPIC_LINES: dict[str, Callable[[Analysis], list[Line | None]]] = {
    "concern": _concern, "loss": _loss, "purchase": _purchase, "ghost": _ghost, "icp": _icp, "qa": _qa,
}


def cite(a: Analysis, topics: Iterable[str]) -> list[dict[str, Any]]:
    """1-3 citations for the topics the payload's fields were decided under (empty: no text to quote)."""
    picked: list[Line] = []
    for topic in dict.fromkeys(topics):
        for line in TOPIC_LINES.get(topic, lambda _a: [])(a):
            if line is not None and line not in picked and line.raw:
                picked.append(line)
    if not picked:  # nothing decided on a particular line: the lead's last words (else anyone's)
        fallback = a.r.lead[-1:] or [ln for ln in a.r.lines if ln.raw][-1:]
        picked.extend(fallback)
    messages = a.r.ctx.conversation.messages
    out: list[dict[str, Any]] = []
    for line in picked:
        m = messages[line.index]
        quote = _quote(visible_text(m).replace(" ⏎ ", " "))
        if quote:
            out.append({"message_id": m.id or "", "quote": quote})
        if len(out) == CITATIONS_MAX:
            break
    return out
