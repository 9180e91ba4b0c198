"""Which single messages carry a fact that must survive a transcript trim (payment, objection).

Used by ``engine.context.render_transcript``: when the token budget drops older messages, the ones
this module flags are kept (behind gap markers) so a model still sees the payment or the objection
that decided the conversation. Cheap: the same normalisation and cue lists as the offline engine.
"""

from __future__ import annotations

from engine.offline.lexicon import (
    CONCERN_CUES,
    LEAD_ACT,
    OTHER_REASON,
    PAYMENT_WORD,
    SELLER_RECEIPT,
    normalise,
)


def carries_fact(author: str, text: str, kind: str = "text") -> bool:
    """True for a payment act/receipt/attachment, or a lead message stating an objection or reason."""
    norm = normalise(text)
    if author == "seller":
        return bool(SELLER_RECEIPT.search(norm))
    if author != "lead":
        return False
    if LEAD_ACT.search(norm) or (kind in ("image", "document") and PAYMENT_WORD.search(norm)):
        return True
    return bool(OTHER_REASON.search(norm)) or any(strong.search(norm) for strong, _ in CONCERN_CUES.values())
