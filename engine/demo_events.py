"""Build the demo event stream (``data/events.jsonl``) from the demo conversations.

``python -m engine.demo_events data/conversations data/events.jsonl`` regenerates it.

Per conversation: one MESSAGE_RECEIVED (lead) or MESSAGE_SENT (seller/bot) system event per
message, ids ``{conv}:msg:{i}`` (stable, so a second replay is all duplicates); the first event
carries the ticket ref (= conversation id), contact, seller, value and attribution; a closed
ticket ends with TICKET_WON / TICKET_LOST. All events are sorted by time, as a live CRM would send
them. One WhatsApp webhook envelope (a fresh lead arriving from a Click-to-WhatsApp ad) shows the
WhatsApp path in the demo. Outcome labels (``labels.json``) are never put into events.
"""

from __future__ import annotations

import json
import sys
import zlib
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from engine.conversation import Conversation, load_conversation
from engine.models import TicketStatus
from engine.seed import DEMO_PHONE_NUMBER_ID, DEMO_WABA_ID

DEMO_CTWA_LEAD = {"wa_id": "5511987650001", "name": "Juliana Prado"}
DEMO_CTWA_WAMID = "wamid.HBgNNTUxMTk4NzY1MDAwMRUCABIYFkRFTU9DVFdBMDAwMQ=="
DEMO_CTWA_AT = datetime.fromisoformat("2026-08-28T15:20:00-03:00")


def _placeholder_phone(conv_id: str) -> str:
    """A stable fake phone for a fixture without one (the first event must open the ticket)."""
    return f"+55000{zlib.crc32(conv_id.encode()) % 10**8:08d}"


def conversation_events(conv: Conversation) -> list[dict[str, Any]]:
    """The system events of one conversation, in order."""
    events: list[dict[str, Any]] = []
    for i, m in enumerate(conv.messages):
        eid = f"{conv.id}:msg:{i}"
        message: dict[str, Any] = {"id": eid, "from": m.author, "text": m.text}
        if m.type != "text":
            message["type"] = m.type
        event: dict[str, Any] = {
            "id": eid, "type": "MESSAGE_RECEIVED" if m.author == "lead" else "MESSAGE_SENT",
            "occurred_at": m.at.isoformat(), "ticket": {"ref": conv.id}, "message": message,
        }
        if i == 0:
            t = conv.ticket
            ticket: dict[str, Any] = {"ref": conv.id, "currency": t.currency}
            if t.value is not None:
                ticket["value"] = float(t.value) if t.value != int(t.value) else int(t.value)
            if t.seller:
                ticket["seller"] = t.seller
            attribution = t.attribution.model_dump(exclude_none=True)
            if attribution:
                ticket["attribution"] = attribution
            event["ticket"] = ticket
            contact = {"phone": conv.contact.phone or _placeholder_phone(conv.id)}
            if conv.contact.name:
                contact["name"] = conv.contact.name
            event = {**{k: v for k, v in event.items() if k != "message"}, "contact": contact, "message": message}
        events.append(event)
    if conv.ticket.status is not TicketStatus.OPEN:
        closed_at = max(conv.reference_time, conv.messages[-1].at)
        kind = "TICKET_WON" if conv.ticket.status is TicketStatus.WON else "TICKET_LOST"
        close: dict[str, Any] = {"id": f"{conv.id}:{kind.removeprefix('TICKET_').lower()}", "type": kind,
                                 "occurred_at": closed_at.isoformat(), "ticket": {"ref": conv.id}}
        events.append(close)
    return events


def ctwa_envelope() -> dict[str, Any]:
    """A WhatsApp webhook delivery: a new lead's first message with a CTWA referral."""
    message = {
        "from": DEMO_CTWA_LEAD["wa_id"], "id": DEMO_CTWA_WAMID, "timestamp": str(int(DEMO_CTWA_AT.timestamp())),
        "type": "text", "text": {"body": "Oi! Vi o anúncio do botox, ainda tem horário essa semana?"},
        "referral": {
            "source_url": "https://fb.me/demoAgostoBotox", "source_id": "120214870352110187", "source_type": "ad",
            "body": "Botox 3 regiões por R$ 1.290 em agosto", "headline": "Agende sua avaliação",
            "media_type": "image", "image_url": "https://scontent.xx.fbcdn.net/v/demo-botox.jpg",
            "ctwa_clid": "Aff-DEMOctwaJulianaPrado0001xYz", "welcome_message": {"text": "Oi! Como podemos ajudar?"},
        },
    }
    return {"object": "whatsapp_business_account", "entry": [{"id": DEMO_WABA_ID, "changes": [{
        "field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "15550783881", "phone_number_id": DEMO_PHONE_NUMBER_ID},
            "contacts": [{"profile": {"name": DEMO_CTWA_LEAD["name"]}, "wa_id": DEMO_CTWA_LEAD["wa_id"]}],
            "messages": [message]}}]}]}


def build_stream(conversations: Sequence[Conversation]) -> list[dict[str, Any]]:
    """All events of all conversations plus the CTWA envelope, sorted by time (stable)."""
    keyed: list[tuple[datetime, int, int, dict[str, Any]]] = []
    for c_index, conv in enumerate(conversations):
        for seq, ev in enumerate(conversation_events(conv)):
            keyed.append((datetime.fromisoformat(ev["occurred_at"]), c_index, seq, ev))
    keyed.append((DEMO_CTWA_AT, len(conversations), 0, ctwa_envelope()))
    keyed.sort(key=lambda k: (k[0], k[1], k[2]))
    return [k[3] for k in keyed]


def write_stream(source_dir: Path, target: Path) -> int:
    """Read ``source_dir/*.json`` conversations and write the JSONL stream. Returns the line count."""
    conversations = [load_conversation(p) for p in sorted(source_dir.glob("*.json"))]
    if not conversations:
        raise FileNotFoundError(f"no conversation files (*.json) in {source_dir}")
    lines = [json.dumps(ev, ensure_ascii=False, separators=(",", ":")) for ev in build_stream(conversations)]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2:
        print("usage: python -m engine.demo_events CONVERSATIONS_DIR OUT.jsonl", file=sys.stderr)
        return 2
    try:
        n = write_stream(Path(args[0]), Path(args[1]))
    except (OSError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"wrote {n} events to {args[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
