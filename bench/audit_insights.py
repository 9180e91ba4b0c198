"""Audit the insights in a database against issue 9's promises and print the numbers.

Usage: ``DATABASE_URL=... python -m bench.audit_insights [--org clinica-demo]`` (after ``make demo``
or a replay). Read-only. Measures:
- evidence: ticket insights whose citations all quote (whitespace- and case-normalised) the text of
  the cited message of that ticket; "sem evidência" insights; alerts citing their data sources;
- closed tickets: open-ticket agents' insights produced after the ticket closed that tell the seller
  to act (must be 0), runs skipped for a closed ticket, closed-ticket overrides;
- cards: (ticket, agent) pairs with more than one live card of the same material payload (must be 0),
  refreshed and superseded cards;
- Meta: Purchase events queued or sent whose ``event_time`` is not their evidence message's time
  (must be 0), and those refused locally (older than 7 days, no evidence).
"""

from __future__ import annotations

import argparse
import uuid
from collections import Counter, defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.agents import load_agent
from engine.citations import clean_quote, normalise
from engine.db import session_scope
from engine.fact_guard import ACTIONABLE, key
from engine.insight_cards import materially_same
from engine.models import ActionLog, AiInsight, AiRun, Event, Message, Organization, RunStatus, Ticket
from engine.offline.lexicon import normalise as fold

# Imperatives of "do this now" text (accent-folded, pt-BR and EN).
ACT = frozenset({"responda", "ofereca", "envie", "mande", "pergunte", "reforce", "ligue", "retome", "agende",
                 "conduza", "reply", "send", "offer", "call"})


def _uuid(v: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(v))
    except ValueError:
        return None


def audit(session: Session, org_id: uuid.UUID) -> dict[str, Any]:
    out: dict[str, Any] = {}
    texts: dict[uuid.UUID, tuple[uuid.UUID, str, datetime]] = {
        m.id: (m.ticket_id, normalise(m.body), m.sent_at)
        for m in session.execute(select(Message.id, Message.ticket_id, Message.body, Message.sent_at)
                                 .where(Message.organization_id == org_id))}
    insights = session.scalars(select(AiInsight).where(AiInsight.organization_id == org_id)).all()
    by_engine: Counter[str] = Counter()
    verified: Counter[str] = Counter()
    uncited: Counter[str] = Counter()
    alerts = alerts_sourced = 0
    for i in insights:
        cites = (i.payload or {}).get("citations") or []
        if i.ticket_id is None:
            alerts += 1
            alerts_sourced += bool(cites) and all("source" in c for c in cites)
            continue
        by_engine[i.engine] += 1
        if not cites:
            uncited[i.engine] += 1
            continue
        ok = True
        for c in cites:
            mid = _uuid(c.get("message_id"))
            found = texts.get(mid) if mid else None
            ok = ok and found is not None and found[0] == i.ticket_id and clean_quote(str(c.get("quote"))) in found[1]
        verified[i.engine] += ok
    out["ticket_insights"] = dict(by_engine)
    out["citations_verified"] = dict(verified)
    out["sem_evidencia"] = dict(uncited)
    out["alerts"] = alerts
    out["alerts_citing_sources"] = alerts_sourced

    # Closed tickets: insights of open-ticket agents produced after the ticket closed.
    rows = session.execute(
        select(AiInsight, Ticket.status, Ticket.closed_at, Event.payload)
        .join(Ticket, Ticket.id == AiInsight.ticket_id)
        .join(AiRun, AiRun.id == AiInsight.run_id)
        .outerjoin(Event, Event.id == AiRun.event_id)
        .where(AiInsight.organization_id == org_id, Ticket.status != "OPEN")).all()
    acting = after_close = 0
    for i, _status, closed_at, event in rows:
        occurred = (event or {}).get("occurred_at")
        if closed_at is None or occurred is None or datetime.fromisoformat(occurred) < closed_at:
            continue
        after_close += 1
        texts_ = [str(v) for k, v in (i.payload or {}).items() if key(k) in ACTIONABLE or k == "summary"]
        acting += any(w in fold(t).split() for t in texts_ for w in ACT) and i.delivery.value == "SELLER"
    out["insights_after_close"] = after_close
    out["after_close_telling_seller_to_act"] = acting
    skipped = session.execute(select(AiRun.detail).where(AiRun.organization_id == org_id,
                                                         AiRun.status == RunStatus.SKIPPED)).scalars().all()
    out["runs_skipped"] = dict(Counter(str((d or {}).get("rule")) for d in skipped))
    details = session.execute(select(AiRun.detail).where(AiRun.organization_id == org_id,
                                                         AiRun.status == RunStatus.SUCCEEDED)).scalars().all()
    overrides = Counter(o.get("rule", "fact") for d in details for o in (d or {}).get("overrides", []))
    out["overrides"] = dict(overrides)
    out["runs_refreshing_a_card"] = sum(1 for d in details if (d or {}).get("refreshed_insight"))

    # Cards: live duplicates of the same material payload.
    live: dict[tuple[uuid.UUID, uuid.UUID], list[AiInsight]] = defaultdict(list)
    for i in insights:
        if i.ticket_id is not None and i.superseded_at is None:
            live[(i.ticket_id, i.agent_id)].append(i)
    specs = {aid: load_agent(session, organization_id=org_id, agent_id=aid) for aid in {a for _, a in live}}
    dup = 0
    for (_, aid), cards in live.items():
        for n, a in enumerate(cards):
            dup += any(materially_same(a.payload, b.payload, specs[aid].fields) for b in cards[n + 1:])
    out["live_cards"] = sum(len(c) for c in live.values())
    out["pairs_with_more_than_one_live_card"] = sum(1 for c in live.values() if len(c) > 1)
    out["duplicate_live_cards_same_payload"] = dup
    out["superseded_cards"] = sum(1 for i in insights if i.superseded_at is not None)
    out["refreshed_cards"] = sum(1 for i in insights if i.refreshed_at is not None)

    # Meta: Purchase event_time = the evidence message's time.
    by_id = {i.id: i for i in insights}
    wrong = right = 0
    refused: Counter[str] = Counter()
    for a in session.scalars(select(ActionLog).where(ActionLog.organization_id == org_id,
                                                     ActionLog.kind == "capi_event")):
        if a.status.value == "SKIPPED":
            refused[str(a.error)[:60]] += 1
        ins = by_id.get(a.insight_id) if a.insight_id else None
        if a.status.value not in ("PENDING", "SENT") or ins is None:
            continue
        times = [texts[m][2] for c in (ins.payload or {}).get("citations") or []
                 if (m := _uuid(c.get("message_id"))) in texts]
        sent = a.request.get("event_time")
        ok = bool(times) and sent is not None and datetime.fromisoformat(sent) == min(times)
        right += ok
        wrong += not ok
    out["purchases_queued_or_sent"] = right + wrong
    out["purchases_with_other_time"] = wrong
    out["capi_refused_locally"] = dict(refused)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--org", default="clinica-demo")
    args = parser.parse_args()
    with session_scope() as s:
        org_id = s.scalar(select(Organization.id).where(Organization.slug == args.org))
        if org_id is None:
            raise SystemExit(f"organização '{args.org}' não encontrada")
        s.execute(select(func.count()).select_from(AiInsight))  # fail early on a wrong database
        for k, v in audit(s, org_id).items():
            print(f"{k:42} {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
