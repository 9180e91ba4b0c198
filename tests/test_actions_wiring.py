"""Worker entry points: auto-apply after an insight, lead returns, throttled roll-up after TICKET_LOST."""

from __future__ import annotations

from datetime import UTC, datetime

from loop_support import GHOST, make_insight, make_org, make_ticket
from rq import Queue

from engine.actions.runner import execute_action
from engine.actions.wiring import after_event_applied, after_insight_recorded, ensure_daily_rollup
from engine.db import session_scope
from engine.models import ActionStatus, AiInsight, EventType
from engine.rollup import maybe_enqueue_rollup


def test_auto_apply_then_lead_returns(committed_db, redis_conn, monkeypatch) -> None:  # noqa: ANN001
    # conftest already points REDIS_URL at the test Redis DB that ``redis_conn`` flushes.
    monkeypatch.setenv("META_SANDBOX", "0")
    from engine.config import get_settings

    get_settings.cache_clear()
    with session_scope() as s:
        org = make_org(s, keys=("ghosting_sentinel",), ghosting_auto_apply_risk=80)
        t = make_ticket(s, org)
        ins = make_insight(s, org, "ghosting_sentinel", t, GHOST)
    [aid] = after_insight_recorded(org.id, ins.id)
    with session_scope() as s:
        assert s.get(AiInsight, ins.id).action_status is ActionStatus.APPLIED
    assert Queue("actions", connection=redis_conn).job_ids == [f"action_{aid}"]
    # The add is still PENDING (no Graph call yet): the lead coming back cancels it.
    assert after_event_applied(redis_conn, org.id, t.id, EventType.NEW_MESSAGE_RECEIVED) == []
    assert execute_action(aid).status == "SKIPPED"


def test_rollup_throttled_once_per_org_per_window(redis_conn, monkeypatch) -> None:  # noqa: ANN001
    import uuid

    org_id = uuid.uuid4()
    now = datetime(2026, 8, 12, 15, 1, tzinfo=UTC)
    assert maybe_enqueue_rollup(redis_conn, org_id, now=now) is True
    assert maybe_enqueue_rollup(redis_conn, org_id, now=now.replace(minute=9)) is False
    assert maybe_enqueue_rollup(redis_conn, uuid.uuid4(), now=now) is True  # other org: its own window
    assert maybe_enqueue_rollup(redis_conn, org_id, now=now.replace(minute=11)) is True  # next window
    q = Queue("agents", connection=redis_conn)
    assert len(q.scheduled_job_registry.get_job_ids()) == 3
    assert ensure_daily_rollup(redis_conn, now=now) is True
    assert ensure_daily_rollup(redis_conn, now=now) is False


def test_retry_is_scheduled_with_a_valid_job_id(redis_conn) -> None:  # noqa: ANN001
    import uuid

    from engine.actions.runner import default_retry_scheduler

    aid = uuid.uuid4()
    default_retry_scheduler(aid, 5.0, 1)
    default_retry_scheduler(aid, 10.0, 2)
    ids = Queue("actions", connection=redis_conn).scheduled_job_registry.get_job_ids()
    assert sorted(ids) == [f"action_{aid}_retry1", f"action_{aid}_retry2"]
