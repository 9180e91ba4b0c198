"""Execute one ``action_log`` row: the RQ job body behind ``engine.jobs.enqueue_action``.

Guarantees:
- One execution at a time per row: the row is locked (``FOR UPDATE SKIP LOCKED``) for the whole
  call, so a duplicate job finds it busy and does nothing. The lock is held across the HTTP call on
  purpose: it costs one pooled connection per in-flight action and buys "never in flight twice".
- SENT only with Meta's response; FAILED with Meta's message for permanent (4xx Graph) errors;
  SKIPPED with a pt-BR reason when we refuse locally (expired event, missing ctwa_clid...).
- Transient errors (5xx, 429, network, Graph rate-limit codes) keep the row PENDING and schedule a
  retry with exponential backoff (5 s, 10 s, 20 s, 40 s); the 5th failure ends FAILED.
- Crash between Meta's answer and our commit: the row is still PENDING, the retry resends with the
  same ``event_id``, and Meta keeps only the first (same event_id + event_name within 48 h).
  Audience add/remove are set operations, so a resend is harmless too.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.actions import audience, capi, meta_rules
from engine.actions.graph import (
    SANDBOX_AUDIENCE,
    SANDBOX_DATASET,
    SANDBOX_TEST_CODE,
    SANDBOX_WABA,
    GraphError,
    GraphTarget,
    graph_target,
)
from engine.config import Settings, get_settings
from engine.db import session_scope
from engine.models import ActionLog, ActionLogStatus, Contact, Organization, Ticket, WhatsappNumber
from engine.org_settings import MetaSettings, OrgSettings
from engine.queues import enqueue_action_retry

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BACKOFF_BASE_SECONDS = 5.0
BACKOFF_MAX_SECONDS = 300.0
# Each row may carry two hashes (both ninth-digit forms of a Brazilian mobile): a batch of rows
# must fit Meta's 10,000 rows per request.
ROWS_PER_BATCH = audience.MAX_BATCH // 2
RetryScheduler = Callable[[uuid.UUID, float, int], None]


@dataclass
class ActionOutcome:
    """What one execution did. ``retry_in`` set => a retry was scheduled after the commit."""

    action_id: uuid.UUID
    status: str  # PENDING | SENT | FAILED | SKIPPED | busy | missing
    attempts: int = 0
    error: str | None = None
    retry_in: float | None = None
    batch: list[uuid.UUID] = field(default_factory=list)


def backoff(attempt: int) -> float:
    """Seconds before retry number ``attempt`` (1-based): 5, 10, 20, 40... capped at 5 minutes."""
    return min(BACKOFF_MAX_SECONDS, BACKOFF_BASE_SECONDS * 2 ** (attempt - 1))


def default_retry_scheduler(action_id: uuid.UUID, delay: float, attempt: int) -> None:
    """Re-enqueue on the actions queue. The job id carries the attempt: the running job still holds
    ``action_<id>``, so a plain ``enqueue_action`` would be dropped as a duplicate."""
    enqueue_action_retry(action_id, delay_seconds=delay, attempt=attempt)


# ------------------------------------------------------------------------------ helpers
def _meta(session: Session, organization_id: uuid.UUID) -> MetaSettings:
    org = session.get(Organization, organization_id)
    return OrgSettings.load(org.settings if org else None).meta


def _waba_id(session: Session, organization_id: uuid.UUID, meta: MetaSettings) -> str | None:
    if meta.waba_id:
        return meta.waba_id
    waba: str | None = session.scalar(select(WhatsappNumber.waba_id).where(
        WhatsappNumber.organization_id == organization_id, WhatsappNumber.waba_id.is_not(None)).limit(1))
    return waba


def _finish(row: ActionLog, status: ActionLogStatus, *, error: str | None = None,
            response: dict[str, Any] | None = None) -> None:
    row.status = status
    row.error = error[:4000] if error else None
    if response is not None:
        row.response = response


def _graph_failure(rows: list[ActionLog], err: GraphError, outcome: ActionOutcome) -> None:
    """Record a failed attempt on every row of the request; schedule a retry or give up."""
    leader = rows[0]
    for r in rows:
        r.response = err.to_json()
    if err.transient and leader.attempts < MAX_ATTEMPTS:
        delay = backoff(leader.attempts)
        for r in rows:
            r.error = f"{err.describe()} — nova tentativa em {delay:g} s (tentativa {leader.attempts}/{MAX_ATTEMPTS})"
        outcome.status, outcome.retry_in = ActionLogStatus.PENDING.value, delay
    else:
        prefix = f"desistimos após {leader.attempts} tentativas: " if err.transient else ""
        for r in rows:
            _finish(r, ActionLogStatus.FAILED, error=prefix + err.describe())
        outcome.status = ActionLogStatus.FAILED.value
    outcome.error = leader.error


def _capi_phones(phone: str) -> list[str]:
    """Both ninth-digit forms of a Brazilian mobile (the SDK hashes each into ``ph``); none if invalid."""
    from engine.phones import match_forms

    try:
        return match_forms(audience.normalise_phone(phone))
    except ValueError:
        return []


# ------------------------------------------------------------------------------ kinds
def _traits_rows(session: Session, row: ActionLog) -> list[ActionLog]:
    # Blocking lock (not SKIP LOCKED): a traits job holds its row only for an instant, and
    # skipping it would make its traits miss a Purchase that is going out right now.
    return list(session.scalars(select(ActionLog).where(
        ActionLog.organization_id == row.organization_id, ActionLog.ticket_id == row.ticket_id,
        ActionLog.kind == "capi_custom_data", ActionLog.status == ActionLogStatus.PENDING,
        ActionLog.request["event_name"].astext == row.request.get("event_name"),
    ).order_by(ActionLog.created_at).with_for_update()))


def _run_capi(session: Session, row: ActionLog, target: GraphTarget | None, settings: Settings,
              now: datetime, outcome: ActionOutcome) -> None:
    org_id = row.organization_id
    meta = _meta(session, org_id)
    req = dict(row.request or {})
    event_name = str(req.get("event_name") or "Purchase")
    traits = _traits_rows(session, row)
    ticket = session.scalar(select(Ticket).where(Ticket.id == row.ticket_id, Ticket.organization_id == org_id))
    event_time = meta_rules.purchase_time(row, ticket) if ticket else row.created_at
    org = session.get(Organization, org_id)
    refusal = (meta_rules.event_name_refusal(event_name) or capi.check_window(event_time, now)
               or (meta_rules.attribution_refusal(event_time, meta_rules.click_time(ticket)) if ticket else None)
               or meta_rules.automatic_events_refusal(OrgSettings.load(org.settings if org else None), event_name))
    if refusal:
        _finish(row, ActionLogStatus.SKIPPED, error=refusal)
        for t in traits:
            _finish(t, ActionLogStatus.SKIPPED, error=f"a {event_name} do ticket não foi enviada: {refusal}")
        return
    contact = session.scalar(select(Contact).where(Contact.id == ticket.contact_id,
                                                   Contact.organization_id == org_id)) if ticket else None
    dataset_id = meta.dataset_id or (SANDBOX_DATASET if settings.meta_sandbox else None)
    if ticket is None:
        _finish(row, ActionLogStatus.FAILED, error="ticket não existe mais")
        return
    if target is None or not dataset_id:
        _finish(row, ActionLogStatus.FAILED,
                error="configure o dataset id e o token de acesso da Meta (Integração Meta) e tente de novo")
        return
    if not ticket.ctwa_clid:
        _finish(row, ActionLogStatus.SKIPPED,
                error="ticket sem ctwa_clid: a conversa não veio de um anúncio Click-to-WhatsApp")
        return
    custom: dict[str, Any] = dict(req.get("custom") or {})
    for t in traits:
        custom.update(t.request.get("custom") or {})
    ev = capi.CapiEvent(
        event_name=event_name, event_time=event_time, event_id=capi.event_id_for(ticket.id, event_name),
        phones=tuple(_capi_phones(contact.phone)) if contact and contact.phone else (),
        ctwa_clid=ticket.ctwa_clid, value=Decimal(req["value"]) if req.get("value") else None,
        currency=req.get("currency"), custom=custom)
    try:
        waba = _waba_id(session, org_id, meta) or (SANDBOX_WABA if target.sandbox else None)
        body = capi.build_event(ev, meta, waba_id=waba, now=now)
    except (capi.CapiConfigError, ValueError) as err:
        _finish(row, ActionLogStatus.FAILED, error=str(err))
        return
    test_code = meta.test_event_code or (SANDBOX_TEST_CODE if target.sandbox else None)
    params = capi.request_params([body], test_code)
    row.request = {**req, "http": {"method": "POST", "path": f"/{target.api_version}/{dataset_id}/events",
                                   "params": params, "sandbox": target.sandbox},
                   "traits_from": [str(t.id) for t in traits]}
    row.attempts += 1
    outcome.attempts = row.attempts
    try:
        response = capi.send_events(target, dataset_id, params)
    except GraphError as err:
        _graph_failure([row], err, outcome)
        return
    response = {**response, "sandbox": target.sandbox, "test_event_code": test_code}
    if int(response.get("events_received") or 0) < 1:
        _finish(row, ActionLogStatus.FAILED, response=response,
                error=f"a Meta descartou o evento (events_received 0): {response.get('messages')}")
        outcome.status = ActionLogStatus.FAILED.value
        return
    _finish(row, ActionLogStatus.SENT, response=response)
    for t in traits:
        _finish(t, ActionLogStatus.SENT, response={"sent_with": str(row.id), **response})
    outcome.status = ActionLogStatus.SENT.value


def _run_traits(session: Session, row: ActionLog, outcome: ActionOutcome) -> None:
    """A traits row waits for its Purchase; it only settles when the Purchase has settled."""
    event_name = str(row.request.get("event_name") or "Purchase")
    purchase = session.scalar(select(ActionLog).where(
        ActionLog.organization_id == row.organization_id,
        ActionLog.dedupe_key == capi.dedupe_key_for(row.ticket_id, event_name))) if row.ticket_id else None
    if purchase is None or purchase.status is ActionLogStatus.PENDING:
        row.error = f"aguardando a {event_name} do ticket: os traços vão junto quando ela for enviada"
    elif purchase.status is ActionLogStatus.SENT:
        if str(row.id) in (purchase.request.get("traits_from") or []):
            _finish(row, ActionLogStatus.SENT, response={"sent_with": str(purchase.id), **(purchase.response or {})})
        else:
            from engine.actions import LATE_TRAITS

            _finish(row, ActionLogStatus.SKIPPED, error=LATE_TRAITS)
    else:
        _finish(row, ActionLogStatus.SKIPPED, error=f"a {event_name} do ticket não foi enviada: {purchase.error}")
    outcome.status = row.status.value


def _run_audience(session: Session, row: ActionLog, target: GraphTarget | None, settings: Settings,
                  outcome: ActionOutcome) -> None:
    meta = _meta(session, row.organization_id)
    audience_id = meta.audience_id or (SANDBOX_AUDIENCE if settings.meta_sandbox else None)
    if target is None or not audience_id:
        _finish(row, ActionLogStatus.FAILED,
                error="configure o id da audiência e o token de acesso da Meta (Integração Meta) e tente de novo")
        return
    # Batch: this row plus every other PENDING row of the same kind in the organisation (rows that
    # another job is sending right now are skipped, not waited for).
    others = list(session.scalars(select(ActionLog).where(
        ActionLog.organization_id == row.organization_id, ActionLog.kind == row.kind,
        ActionLog.status == ActionLogStatus.PENDING, ActionLog.id != row.id,
    ).order_by(ActionLog.created_at).limit(ROWS_PER_BATCH - 1).with_for_update(skip_locked=True)))
    rows = [row, *others]
    hashes = next(audience.batches(h for r in rows for h in (r.request.get("hashes") or [r.request["hash"]])))
    remove = row.kind == "audience_remove"
    http = {"method": "DELETE" if remove else "POST", "path": f"/{target.api_version}/{audience_id}/users",
            "rows": len(rows), "distinct": len(hashes), "sandbox": target.sandbox}
    for r in rows:
        r.attempts += 1
        r.request = {**r.request, "http": http, "batch_leader": str(row.id)}
    outcome.attempts = row.attempts
    outcome.batch = [r.id for r in rows]
    try:
        response = audience.change_users(target, audience_id, hashes, remove=remove)
    except GraphError as err:
        _graph_failure(rows, err, outcome)
        return
    response = {**response, "sandbox": target.sandbox, "batch_rows": len(rows), "batch_distinct": len(hashes)}
    for r in rows:
        _finish(r, ActionLogStatus.SENT, response=response)
    outcome.status = ActionLogStatus.SENT.value


# ------------------------------------------------------------------------------ entry point
def execute_action(action_log_id: uuid.UUID, *, organization_id: uuid.UUID | None = None,
                   settings: Settings | None = None, now: datetime | None = None,
                   schedule_retry: RetryScheduler | None = None) -> ActionOutcome:
    """Run one action row (idempotent; see module doc). The retry is scheduled after the commit."""
    settings = settings or get_settings()
    now = now or datetime.now(UTC)
    outcome = ActionOutcome(action_id=action_log_id, status="missing")
    with session_scope() as s:
        stmt = select(ActionLog).where(ActionLog.id == action_log_id)
        if organization_id is not None:
            stmt = stmt.where(ActionLog.organization_id == organization_id)
        row = s.scalar(stmt.with_for_update(skip_locked=True))
        if row is None:
            exists = s.scalar(stmt.with_only_columns(ActionLog.id))
            outcome.status = "busy" if exists else "missing"
            return outcome
        outcome.status, outcome.attempts = row.status.value, row.attempts
        if row.status is not ActionLogStatus.PENDING:
            return outcome  # already SENT / FAILED / SKIPPED: never sent twice
        target = graph_target(_meta(s, row.organization_id), settings)
        if row.kind == "capi_event":
            _run_capi(s, row, target, settings, now, outcome)
        elif row.kind == "capi_custom_data":
            _run_traits(s, row, outcome)
        elif row.kind in ("audience_add", "audience_remove"):
            _run_audience(s, row, target, settings, outcome)
        else:
            _finish(row, ActionLogStatus.FAILED, error=f"tipo de ação desconhecido: {row.kind}")
        outcome.status = row.status.value  # PENDING when a retry is scheduled
        outcome.error = row.error
        outcome.attempts = row.attempts
    if outcome.retry_in is not None:
        (schedule_retry or default_retry_scheduler)(action_log_id, outcome.retry_in, outcome.attempts)
    return outcome


def retry_failed(session: Session, *, organization_id: uuid.UUID, action_id: uuid.UUID) -> uuid.UUID | None:
    """Put a FAILED row back to PENDING (e.g. after fixing the settings); returns its id to enqueue.

    Safe: a FAILED row was refused by Meta or never reached it, and a resend reuses the event_id."""
    row = session.scalar(select(ActionLog).where(ActionLog.id == action_id,
                                                 ActionLog.organization_id == organization_id).with_for_update())
    if row is None or row.status is not ActionLogStatus.FAILED:
        return None
    row.status, row.attempts, row.error = ActionLogStatus.PENDING, 0, None
    session.flush()
    return row.id


def stale_pending_ids(session: Session, *, older_than: datetime, limit: int = 500) -> list[uuid.UUID]:
    """PENDING rows created before ``older_than`` (all organisations): the sweeper re-enqueues them
    when their job was lost (e.g. the process died between the commit and the enqueue)."""
    return list(session.scalars(select(ActionLog.id).where(
        ActionLog.status == ActionLogStatus.PENDING, ActionLog.kind != "capi_custom_data",
        ActionLog.updated_at < older_than).order_by(ActionLog.updated_at).limit(limit)))
