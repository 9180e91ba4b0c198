"""WhatsApp conformance: every payload kind of tests/fixtures/ingest/ through the real API and apply_event.

The fixtures are written from public documentation and SDK test data (sources in
tests/fixtures/ingest/README.md). They are posted in one conversation's order, each followed by the
worker's apply step, and the table below states what must come out: the API's answer (accepted,
refused one by one, ignored with a reason) and what is stored and shown to the agents.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import pytest
import test_ingest_api as api
from fastapi.testclient import TestClient
from sqlalchemy import select
from test_ingest_api import FIXTURES, post_webhook, run_worker_step

from engine.context import build_context, render_transcript
from engine.conversation import conversation_from_ticket
from engine.db import session_scope
from engine.domain import AppliedEvent
from engine.models import Contact, Event, EventType, Message, Organization, Ticket

PHONE, BSUID = "5511987654321", "BR.1502576394655843"
# The API test module's fixtures (org A owns the fixtures' number; the worker's queue is recorded).
client, orgs, enqueued = api.client, api.orgs, api.enqueued


@dataclass(frozen=True)
class Row:
    fixture: str
    accepted: int
    errors: int = 0
    ignored: int = 0
    lead_message: bool = False  # fires NEW_MESSAGE_RECEIVED and moves the lead's activity
    shown: str | None = None  # what the agents' transcript must show afterwards


CONFORMANCE = [
    Row("wa_text_bsuid_only", 1, lead_message=True, shown="Lead: Oi! Vi o anúncio da limpeza de pele"),
    Row("wa_text_bsuid_and_phone", 1, lead_message=True, shown="Lead: Quanto custa?"),
    Row("wa_mixed_missing_sender", 1, errors=1, lead_message=True, shown="Lead: Tenho interesse"),
    Row("wa_nonnumeric_from", 0, errors=1),
    Row("wa_smb_message_echoes", 1, shown="Vendedor: Oi Mariana! A limpeza de pele sai por R$ 180."),
    Row("wa_image", 1, lead_message=True, shown="Lead: [image] Foto da mancha"),
    Row("wa_location", 1, lead_message=True, shown="[location] Localização: Av. Paulista — Av. Paulista, 1578"),
    Row("wa_button_reply", 1, lead_message=True, shown="Lead: [interactive] Quero agendar"),
    Row("wa_contacts", 1, lead_message=True, shown="Contato compartilhado: Joana Lima: +55 11 99876-5432 (CELL)"),
    Row("wa_flow_nfm_reply", 1, lead_message=True,
        shown="Formulário 'flow' respondido: procedimento = botox; melhor_horario = manhã"),
    Row("wa_order", 1, lead_message=True,
        shown="[order] Pedido do catálogo: 2× LIMPEZA-PELE a 180,00 BRL = 360,00 BRL; 1× PEELING a 250,50 BRL = "
              "250,50 BRL. Total: 610,50 BRL"),
    Row("wa_unsupported", 1, lead_message=True, shown="131051 Message type unknown: Message type is currently not"),
    Row("wa_reaction", 1, shown="Quanto custa? [reação: do lead ❤️]"),
    Row("wa_unreaction", 1, shown="Lead: Quanto custa?"),
    Row("wa_edit", 1, shown="Lead: Quanto custa o botox? (editada)"),
    Row("wa_revoke", 1, shown="Lead: [image] [mensagem apagada pelo autor]"),
    Row("wa_user_preferences", 1),
    Row("wa_account_update", 0, ignored=1),
    Row("wa_system_user_changed_number", 1, shown="O lead trocou de número: 5511987654321 → 5511912345678"),
    Row("wa_system_user_changed_user_id", 1,
        shown="O lead trocou de identificador no WhatsApp: BR.1502576394655843 → BR.9988776655443322"),
    Row("wa_text_12digit_wa_id", 1, lead_message=True),
]


def _transcript(org_id: uuid.UUID) -> str:
    with session_scope() as s:
        ticket_id = s.scalar(select(Ticket.id).join(Contact, Contact.id == Ticket.contact_id).where(
            Ticket.organization_id == org_id, Contact.name == "Mariana Souza"))
        assert ticket_id is not None
        conv = conversation_from_ticket(s, organization_id=org_id, ticket_id=ticket_id)
    return render_transcript(conv, budget=20_000, tz="UTC").text


def test_conformance_table(client: TestClient, orgs: tuple[Organization, Organization],
                           enqueued: list[uuid.UUID], capsys: pytest.CaptureFixture[str]) -> None:
    org = orgs[0]
    table: list[str] = []
    for row in CONFORMANCE:
        answer = post_webhook(client, (FIXTURES / f"{row.fixture}.json").read_bytes())
        assert answer.status_code == 200, (row.fixture, answer.text)
        body: dict[str, Any] = answer.json()
        assert (body["accepted"], len(body["errors"]), len(body["ignored"])) == (
            row.accepted, row.errors, row.ignored), (row.fixture, body)
        applied: list[AppliedEvent] = run_worker_step()
        assert len(applied) == row.accepted
        fired = [a for a in applied if a.trigger is EventType.NEW_MESSAGE_RECEIVED]
        assert bool(fired) == row.lead_message, (row.fixture, applied)
        if row.shown:
            assert row.shown in _transcript(org.id), (row.fixture, _transcript(org.id))
        outcome = "refused" if row.errors and not row.accepted else (
            "ignored" if row.ignored else ("lead message" if row.lead_message else "stored, no trigger"))
        table.append(f"{row.fixture:34} accepted={body['accepted']} refused={len(body['errors'])} "
                     f"ignored={len(body['ignored'])} -> {outcome}")
    with session_scope() as s:  # the catalog order is a fact every agent (the CAPI auditor) reads
        ticket_id = s.scalar(select(Ticket.id).join(Contact, Contact.id == Ticket.contact_id).where(
            Ticket.organization_id == org.id, Contact.name == "Mariana Souza"))
        assert ticket_id is not None
        facts = build_context(conversation_from_ticket(s, organization_id=org.id, ticket_id=ticket_id)).ticket_lines()
    assert any("pedidos do catálogo enviados pelo lead: 1" in line and "Total: 610,50 BRL" in line for line in facts)
    with capsys.disabled():
        print("\n" + "\n".join(table) + "\n" + _transcript(org.id))


def test_identity_follows_bsuid_phone_and_changes(client: TestClient, orgs: tuple[Organization, Organization],
                                                  enqueued: list[uuid.UUID]) -> None:
    org = orgs[0]
    for name in ("wa_text_bsuid_only", "wa_text_bsuid_and_phone", "wa_smb_message_echoes", "wa_user_preferences"):
        post_webhook(client, (FIXTURES / f"{name}.json").read_bytes())
        run_worker_step()
    with session_scope() as s:
        [c] = s.scalars(select(Contact).where(Contact.organization_id == org.id)).all()
        assert (c.user_id, c.phone, c.parent_user_id) == (BSUID, PHONE, "BR.ENT.11815799212886844830")
        assert c.preferences["marketing_messages"]["value"] == "stop"
        [t] = s.scalars(select(Ticket).where(Ticket.organization_id == org.id)).all()
        msgs = s.scalars(select(Message).where(Message.ticket_id == t.id).order_by(Message.external_id)).all()
        echo = next(m for m in msgs if m.external_id == "wamid.S13.echo")
        assert (echo.author, echo.direction, echo.extra["source"]) == ("seller", "OUTBOUND", "whatsapp_business_app")
        lead_at = t.last_lead_message_at
    for name in ("wa_system_user_changed_number", "wa_system_user_changed_user_id"):
        post_webhook(client, (FIXTURES / f"{name}.json").read_bytes())
        assert all(a.trigger is None for a in run_worker_step())
    with session_scope() as s:
        [c] = s.scalars(select(Contact).where(Contact.organization_id == org.id)).all()
        assert (c.user_id, c.phone) == ("BR.9988776655443322", "5511912345678")
        assert [h["kind"] for h in c.identity_history] == ["user_changed_number", "user_changed_user_id"]
        t = s.scalars(select(Ticket).where(Ticket.organization_id == org.id)).one()
        assert t.last_lead_message_at == lead_at  # system notices are nobody's activity
    # A later message under the new id only (no phone) reaches the same lead and ticket.
    body = (FIXTURES / "wa_text_bsuid_only.json").read_text().replace(BSUID, "BR.9988776655443322").replace(
        "wamid.S13.bsuid.only", "wamid.S13.after").encode()
    post_webhook(client, body)
    [applied] = run_worker_step()
    with session_scope() as s:
        assert s.scalar(select(Contact.id).where(Contact.organization_id == org.id)) is not None
        assert len(s.scalars(select(Contact).where(Contact.organization_id == org.id)).all()) == 1
        assert applied.ticket_id == t.id and applied.trigger is EventType.NEW_MESSAGE_RECEIVED


def test_a_refused_item_never_refuses_its_neighbours(client: TestClient, orgs: tuple[Organization, Organization],
                                                     enqueued: list[uuid.UUID]) -> None:
    r = post_webhook(client, (FIXTURES / "wa_mixed_missing_sender.json").read_bytes())
    assert r.status_code == 200
    [err] = r.json()["errors"]
    assert err["id"] == "wamid.S13.nosender" and "sem remetente" in err["message"]
    assert err["item"] == "entry.0.changes.0.value.messages.1"
    with session_scope() as s:
        assert [e.external_id for e in s.scalars(select(Event))] == ["wamid.S13.good"]


def test_ignored_parts_are_listed_with_reason_and_logged(client: TestClient, orgs: tuple[Organization, Organization],
                                                         enqueued: list[uuid.UUID],
                                                         caplog: pytest.LogCaptureFixture) -> None:
    import logging

    with caplog.at_level(logging.INFO, logger="engine.ingest.intake"):
        r = post_webhook(client, (FIXTURES / "wa_account_update.json").read_bytes())
    assert r.json()["ignored"] == ["entry.0.changes.0: campo 'account_update' não é processado"]
    assert "account_update" in caplog.text


def test_reaction_to_an_unknown_message_is_ignored_with_its_reason(
        client: TestClient, orgs: tuple[Organization, Organization], enqueued: list[uuid.UUID]) -> None:
    post_webhook(client, (FIXTURES / "wa_reaction.json").read_bytes())
    [applied] = run_worker_step()
    assert applied.trigger is None and "wamid.S13.both" in applied.detail["ignored"]
    with session_scope() as s:
        ev = s.scalars(select(Event)).one()
        assert "wamid.S13.both" in (ev.error or "")  # apply marked it IGNORED and said why
        assert s.scalar(select(Message.id)) is None


def test_unprocessed_lists_inside_a_handled_field_are_listed(client: TestClient, orgs: tuple[Organization, Organization],
                                                             enqueued: object) -> None:
    import json

    body = json.loads((FIXTURES / "wa_text_bsuid_and_phone.json").read_text())
    value = body["entry"][0]["changes"][0]["value"]
    value["errors"] = [{"code": 131000, "title": "Something went wrong"}]
    value["automatic_events"] = [{"id": "ae-1", "event_name": "Purchase", "timestamp": 1764630000}]
    r = post_webhook(client, json.dumps(body).encode()).json()
    assert r["accepted"] == 1
    assert sorted(r["ignored"]) == ["entry.0.changes.0: value.automatic_events não é processado (1 item(ns))",
                                    "entry.0.changes.0: value.errors não é processado (1 item(ns))"]
