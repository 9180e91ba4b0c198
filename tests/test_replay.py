"""``copilot events replay`` and the demo event stream (real PostgreSQL; the worker is stubbed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import redis
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from engine.cli import main as cli_main
from engine.db import session_scope
from engine.demo_events import DEMO_CTWA_WAMID, write_stream
from engine.domain import apply_event
from engine.models import Event, EventStatus, Message, Organization, Ticket, TicketStatus, WhatsappNumber
from engine.replay import replay_file
from engine.seed import DATA_DIR, DEMO_PHONE_NUMBER_ID, DEMO_SLUG, seed_demo

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


@pytest.fixture(autouse=True)
def _clean_queue(redis_conn: redis.Redis) -> None:
    """Replayed events go onto the real (test) queue; no worker runs here, so they stay RECEIVED."""


@pytest.fixture
def replay_org(committed_db: Engine) -> Organization:
    with session_scope() as s:
        o = Organization(slug="replay-org", name="Replay", events_secret="x")
        s.add(o)
        s.flush()
        s.add(WhatsappNumber(organization_id=o.id, phone_number_id=DEMO_PHONE_NUMBER_ID))
    return o


def event_line(eid: str, **over: object) -> str:
    ev = {"id": eid, "type": "MESSAGE_RECEIVED", "occurred_at": "2026-08-12T14:03:00-03:00",
          "ticket": {"ref": "T-1"}, "contact": {"phone": "+5511999990000"},
          "message": {"id": f"{eid}:m", "from": "lead", "text": "oi"}}
    ev.update(over)
    return json.dumps(ev)


def counts() -> dict[str, int]:
    with session_scope() as s:
        return {str(src): int(n) for src, n in s.execute(select(Event.source, func.count()).group_by(Event.source))}


def test_replay_valid_and_invalid_lines(replay_org: Organization, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    envelope = (FIXTURES / "meta_message_referral.json").read_text().replace("\n", "")
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join([
        event_line("e1"),
        "{not json",
        "",
        event_line("e2", ticket={"seller": "x"}),  # no ticket.ref
        envelope,
        event_line("e3"),
        "[1, 2]",
    ]) + "\n", encoding="utf-8")
    assert replay_file(path, org_slug="replay-org", progress=False) == 1
    out = capsys.readouterr()
    assert "linha 2: JSON inválido" in out.err and "linha 4: ticket.ref: Field required" in out.err
    assert "linha 7: esperado um objeto JSON" in out.err
    assert "3 aceitos, 0 duplicados, 3 inválidos" in out.out
    assert counts() == {"crm": 2, "whatsapp": 1}
    # Same file again: everything valid is a duplicate, nothing is stored twice.
    assert replay_file(path, org_slug="replay-org", progress=False) == 1
    assert "0 aceitos, 3 duplicados, 3 inválidos" in capsys.readouterr().out
    assert counts() == {"crm": 2, "whatsapp": 1}


def test_replay_reports_lines_the_database_could_not_store_and_keeps_the_rest(
        replay_org: Organization, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "events.jsonl"
    bad_nul = event_line("e2", message={"id": "m2", "from": "lead", "text": "oi\u0000"})
    bad_year = event_line("e3", occurred_at="0001-01-01T00:00:00+00:00")
    path.write_text("\n".join([event_line("e1"), bad_nul, bad_year, event_line("e4")]) + "\n", encoding="utf-8")
    assert replay_file(path, org_slug="replay-org", progress=False) == 1
    out = capsys.readouterr()
    assert "linha 2: message.text: contains a NUL character" in out.err
    assert "linha 3: occurred_at: timestamp 0001-01-01T00:00:00+00:00 is before 2000-01-01" in out.err
    assert "2 aceitos, 0 duplicados, 2 inválidos" in out.out and counts() == {"crm": 2}


def test_replay_exit_codes(replay_org: Organization, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text(event_line("e1") + "\n", encoding="utf-8")
    assert replay_file(good, org_slug="replay-org", progress=True) == 0
    assert replay_file(tmp_path / "missing.jsonl", org_slug="replay-org") == 2
    assert "arquivo não encontrado" in capsys.readouterr().err
    binary = tmp_path / "bin.jsonl"
    binary.write_bytes(b"\xff\xfe\x00")
    assert replay_file(binary, org_slug="replay-org") == 2
    assert replay_file(good, org_slug="no-such-org") == 2
    assert "organização 'no-such-org' não existe" in capsys.readouterr().err
    # The CLI subcommand is this function.
    assert cli_main(["events", "replay", str(good), "--org", "replay-org", "--quiet"]) == 0
    assert "0 aceitos, 1 duplicados" in capsys.readouterr().out


def test_replay_refuses_envelopes_of_other_numbers(replay_org: Organization, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    with session_scope() as s:
        other = Organization(slug="other", name="Other", events_secret="y")
        s.add(other)
        s.flush()
        s.add(WhatsappNumber(organization_id=other.id, phone_number_id="555"))
    envelope = (FIXTURES / "meta_message_referral.json").read_text().replace("\n", "")
    path = tmp_path / "wa.jsonl"
    path.write_text(envelope.replace(DEMO_PHONE_NUMBER_ID, "555") + "\n" + envelope.replace(
        DEMO_PHONE_NUMBER_ID, "777") + "\n", encoding="utf-8")
    assert replay_file(path, org_slug="replay-org", progress=False) == 1
    err = capsys.readouterr().err
    assert "linha 1: phone_number_id 555: belongs to another organisation" in err
    assert "linha 2: phone_number_id 777: unknown" in err
    assert counts() == {}


@pytest.mark.slow  # seeds the demo org (password hashing) and applies ~670 events: ~10 s
def test_demo_stream_is_in_sync_and_replays_into_the_demo_org(committed_db: Engine, tmp_path: Path) -> None:
    regenerated = tmp_path / "events.jsonl"
    n = write_stream(DATA_DIR / "conversations", regenerated)
    assert regenerated.read_text(encoding="utf-8") == (DATA_DIR / "events.jsonl").read_text(encoding="utf-8"), (
        "data/events.jsonl is stale: run python -m engine.demo_events data/conversations data/events.jsonl")
    with session_scope() as s:
        seed_demo(s)
    assert replay_file(DATA_DIR / "events.jsonl", org_slug=DEMO_SLUG, progress=False) == 0
    with session_scope() as s:
        events = s.scalars(select(Event).order_by(Event.received_at, Event.id)).all()
        assert len(events) == n and {e.source for e in events} == {"crm", "whatsapp"}
        # The worker's first step on the whole stream, in file order (the order they were sent).
        order = {json.loads(line).get("id", DEMO_CTWA_WAMID): i for i, line in
                 enumerate((DATA_DIR / "events.jsonl").read_text(encoding="utf-8").splitlines())}
        for e in sorted(events, key=lambda e: order[e.external_id]):
            apply_event(s, e)
            e.status = EventStatus.PROCESSED
        tickets = s.scalars(select(Ticket)).all()
        assert len(tickets) == 51  # 50 conversations + the WhatsApp CTWA lead
        by_status = {st: sum(t.status is st for t in tickets) for st in TicketStatus}
        assert by_status == {TicketStatus.WON: 16, TicketStatus.LOST: 18, TicketStatus.OPEN: 17}
        ctwa = next(t for t in tickets if t.external_ref is None)
        assert ctwa.ctwa_clid and ctwa.ad_id == "120214870352110187" and ctwa.attribution_extra["headline"]
        assert all(t.seller_id is not None for t in tickets if t.external_ref)
        assert sum(t.campaign_id is not None for t in tickets) >= 30
        assert s.scalar(select(func.count()).select_from(Message)) == sum(e.type.startswith("MESSAGE") for e in events)
