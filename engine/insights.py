"""Insights as the Studio shows them: lists, feeds and the apply / dismiss decision.

Reads take the caller's session and an ``organization_id`` (one organisation never sees another's
insights). ``apply_insight`` / ``dismiss_insight`` are entry points: they open their own
transaction, because what follows the decision (real-time publish, closed-loop actions) must only
be queued once the decision is committed.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, func, select, tuple_, update
from sqlalchemy.orm import Session, aliased

from engine.actions import on_insight_applied
from engine.db import session_scope
from engine.errors import InvalidInput, NotFound
from engine.models import (
    ActionLog,
    ActionLogStatus,
    ActionStatus,
    AiAgent,
    AiInsight,
    Contact,
    Delivery,
    Ticket,
    TicketStatus,
    User,
)
from engine.paging import Page
from engine.queues import enqueue_action, enqueue_publish
from engine.roles import can_open
from engine.tickets import custom_plans, day_bounds, org_timezone

log = logging.getLogger(__name__)

PAGE_SIZE = 50  # director list rows per page
FEED_LIMIT = 50  # bubbles per feed; older ones are in the director list
HIDDEN_TIP_LABEL = "Dica oculta — só o vendedor vê"


# ------------------------------------------------------------------------------ errors
class InsightDecisionError(InvalidInput):
    """A decision that cannot be recorded; ``str(err)`` is a pt-BR message for the user."""


class InsightNotFoundError(InsightDecisionError, NotFound):
    pass


class InsightAlreadyDecidedError(InsightDecisionError):
    pass


# ------------------------------------------------------------------------------ views
@dataclass(frozen=True)
class ActionState:
    id: uuid.UUID
    kind: str
    status: ActionLogStatus
    attempts: int
    error: str | None
    response: dict[str, Any] | None
    updated_at: datetime


@dataclass(frozen=True)
class InsightView:
    id: uuid.UUID
    ticket_id: uuid.UUID | None
    agent_id: uuid.UUID
    agent_name: str
    agent_icon: str
    template_key: str | None
    summary: str
    payload: dict[str, Any]
    confidence: float | None
    engine: str
    delivery: Delivery
    action_status: ActionStatus
    actioned_by: str | None
    actioned_at: datetime | None
    created_at: datetime
    contact: str | None = None
    seller: str | None = None
    actions: tuple[ActionState, ...] = ()  # closed-loop action log rows (applied insights only)
    uncited: bool = False  # "sem evidência": no citation survived the check
    refreshed_at: datetime | None = None  # the same finding came again ("atualizado às ...")
    superseded_at: datetime | None = None  # a later card of the agent replaced this one
    ticket_status: TicketStatus | None = None

    @property
    def citations(self) -> list[dict[str, str]]:
        """The evidence: ``{"message_id", "quote"}`` items (ticket insights) from the payload."""
        return [c for c in self.payload.get("citations") or [] if isinstance(c, dict) and c.get("quote")]

    @property
    def archived(self) -> bool:
        """A tip for the seller on a ticket that has since closed: nothing to act on any more, so its
        text is not shown (it stays in the director's list)."""
        return self.delivery is Delivery.SELLER and self.ticket_status in (TicketStatus.WON, TicketStatus.LOST)

    @property
    def bubble(self) -> str:
        """The bubble text: "<summary> (<agent name>)"."""
        return f"{self.summary} ({self.agent_name})"

    @property
    def hidden_tip(self) -> bool:
        """SELLER-delivery insights are whispered to the seller, never sent to the lead."""
        return self.delivery is Delivery.SELLER

    @property
    def is_offline(self) -> bool:
        return self.engine == "offline"


@dataclass(frozen=True)
class InsightFilters:
    """Director list filters; empty means "any". Dates are inclusive, in the organisation's timezone."""

    status: ActionStatus | None = None
    agent_id: uuid.UUID | None = None
    delivery: Delivery | None = None
    engine: str | None = None
    seller_id: uuid.UUID | None = None
    ticket_id: uuid.UUID | None = None
    date_from: date | None = None
    date_to: date | None = None
    search: str | None = None  # case-insensitive substring of the summary


InsightPage = Page[InsightView]


@dataclass(frozen=True)
class Decision:
    """A recorded decision. ``warnings`` (pt-BR) say what could not be queued after the commit."""

    insight_id: uuid.UUID
    status: ActionStatus
    actioned_by: uuid.UUID
    actioned_at: datetime
    action_ids: list[uuid.UUID] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# ------------------------------------------------------------------------------ reads
_actor = aliased(User)
_seller = aliased(User)


def _view_select(*, with_ticket: bool) -> Select:
    cols: list[Any] = [AiInsight, AiAgent.name, AiAgent.icon, AiAgent.template_key, _actor.name.label("actor"),
                       Ticket.status.label("ticket_status")]
    stmt = select(*cols)
    if with_ticket:
        stmt = stmt.add_columns(func.coalesce(Contact.name, Contact.phone, Contact.user_id).label("contact"),
                                _seller.name.label("seller"))
    stmt = (stmt.select_from(AiInsight).join(AiAgent, AiAgent.id == AiInsight.agent_id)
            .outerjoin(_actor, _actor.id == AiInsight.actioned_by)
            .outerjoin(Ticket, Ticket.id == AiInsight.ticket_id))
    if with_ticket:
        stmt = (stmt.outerjoin(Contact, Contact.id == Ticket.contact_id)
                .outerjoin(_seller, _seller.id == Ticket.seller_id))
    return stmt


def _to_view(row: Any) -> InsightView:
    i: AiInsight = row[0]
    mapping = row._mapping
    return InsightView(
        id=i.id, ticket_id=i.ticket_id, agent_id=i.agent_id, agent_name=row.name, agent_icon=row.icon,
        template_key=row.template_key, summary=i.summary, payload=i.payload, confidence=i.confidence,
        engine=i.engine, delivery=i.delivery, action_status=i.action_status, actioned_by=row.actor,
        actioned_at=i.actioned_at, created_at=i.created_at,
        contact=mapping.get("contact"), seller=mapping.get("seller"),
        uncited=bool(i.uncited), refreshed_at=i.refreshed_at, superseded_at=i.superseded_at,
        ticket_status=mapping.get("ticket_status"),
    )


def _list_where(session: Session, stmt: Select, *, organization_id: uuid.UUID, filters: InsightFilters) -> Select:
    stmt = stmt.where(AiInsight.organization_id == organization_id)
    if filters.status is not None:
        stmt = stmt.where(AiInsight.action_status == filters.status)
    if filters.agent_id is not None:
        stmt = stmt.where(AiInsight.agent_id == filters.agent_id)
    if filters.delivery is not None:
        stmt = stmt.where(AiInsight.delivery == filters.delivery)
    if filters.engine:
        stmt = stmt.where(AiInsight.engine == filters.engine)
    if filters.ticket_id is not None:
        stmt = stmt.where(AiInsight.ticket_id == filters.ticket_id)
    if filters.seller_id is not None:
        stmt = stmt.where(AiInsight.ticket_id.in_(
            select(Ticket.id).where(Ticket.organization_id == organization_id, Ticket.seller_id == filters.seller_id)))
    if filters.search:
        stmt = stmt.where(AiInsight.summary.icontains(filters.search.strip(), autoescape=True))
    if filters.date_from or filters.date_to:
        start, end = day_bounds(org_timezone(session, organization_id), filters.date_from, filters.date_to)
        if start is not None:
            stmt = stmt.where(AiInsight.created_at >= start)
        if end is not None:
            stmt = stmt.where(AiInsight.created_at < end)
    return stmt


def _with_actions(session: Session, organization_id: uuid.UUID, views: list[InsightView]) -> list[InsightView]:
    """Attach the action log rows of the applied insights in ``views`` (one query for the page)."""
    applied = [v.id for v in views if v.action_status is ActionStatus.APPLIED]
    states = action_states(session, organization_id=organization_id, insight_ids=applied)
    return [replace(v, actions=tuple(states[v.id])) if v.id in states else v for v in views]


def list_insights(
    session: Session, *, organization_id: uuid.UUID, filters: InsightFilters | None = None,
    page: int = 1, page_size: int = PAGE_SIZE,
) -> InsightPage:
    """One page of the organisation's insights, newest first, plus the total matching count.

    Offset pagination ordered by ``(created_at, id)``: the ``(organization_id, created_at)`` index
    serves both the page and the count (see bench/bench_studio.py for timings at 100,000 rows)."""
    filters = filters or InsightFilters()
    page = max(1, page)
    custom_plans(session)
    count_stmt = _list_where(session, select(func.count()).select_from(AiInsight),
                             organization_id=organization_id, filters=filters)
    total = session.scalar(count_stmt) or 0
    # Deferred join: page through ai_insight alone (the index), then join names for the 50 rows only,
    # so a deep page does not pay four joins for every skipped row.
    page_ids = (
        _list_where(session, select(AiInsight.id, AiInsight.created_at), organization_id=organization_id,
                    filters=filters)
        .order_by(AiInsight.created_at.desc(), AiInsight.id.desc())
        .limit(page_size).offset((page - 1) * page_size)
        .subquery("page_ids")
    )
    rows = session.execute(
        _view_select(with_ticket=True).join(page_ids, page_ids.c.id == AiInsight.id)
        .order_by(page_ids.c.created_at.desc(), page_ids.c.id.desc())
    ).all()
    views = _with_actions(session, organization_id, [_to_view(r) for r in rows])
    return InsightPage(rows=views, total=total, page=page, page_size=page_size)


def iter_insights(
    session: Session, *, organization_id: uuid.UUID, filters: InsightFilters | None = None, batch: int = 500,
) -> Iterator[InsightView]:
    """Every insight matching ``filters`` (the whole result, not a page), newest first, read in
    keyset batches of ``batch`` rows so an export streams in constant memory."""
    filters = filters or InsightFilters()
    custom_plans(session)
    after: tuple[datetime, uuid.UUID] | None = None
    while True:
        ids = _list_where(session, select(AiInsight.id, AiInsight.created_at), organization_id=organization_id,
                          filters=filters)
        if after is not None:
            ids = ids.where(tuple_(AiInsight.created_at, AiInsight.id) < tuple_(*after))
        chunk = ids.order_by(AiInsight.created_at.desc(), AiInsight.id.desc()).limit(batch).subquery("chunk")
        rows = session.execute(_view_select(with_ticket=True).join(chunk, chunk.c.id == AiInsight.id)
                               .order_by(chunk.c.created_at.desc(), chunk.c.id.desc())).all()
        if not rows:
            return
        yield from _with_actions(session, organization_id, [_to_view(r) for r in rows])
        last = rows[-1][0]
        after = (last.created_at, last.id)
        if len(rows) < batch:
            return


def ticket_feed(
    session: Session, *, organization_id: uuid.UUID, ticket_id: uuid.UUID, limit: int = FEED_LIMIT,
) -> list[InsightView]:
    """The Insight Feed of one ticket, newest first (served by ``ix_ai_insight_ticket_created``): live
    cards only (a superseded card stays in the director's list)."""
    rows = session.execute(
        _view_select(with_ticket=False)
        .where(AiInsight.organization_id == organization_id, AiInsight.ticket_id == ticket_id,
               AiInsight.superseded_at.is_(None))
        .order_by(AiInsight.created_at.desc(), AiInsight.id.desc()).limit(limit)
    ).all()
    return _with_actions(session, organization_id, [_to_view(r) for r in rows])


def seller_feed(
    session: Session, *, organization_id: uuid.UUID, seller_id: uuid.UUID, limit: int = FEED_LIMIT,
    deliveries: tuple[Delivery, ...] = (Delivery.SELLER,),
) -> list[InsightView]:
    """Insights on the seller's own tickets (``ticket.seller_id``), newest first.

    By default only SELLER-delivery insights: the ones meant for the seller's screen. Live cards only,
    and none on a closed ticket: a tip to act on a WON/LOST conversation is never shown."""
    custom_plans(session)
    stmt = (
        _view_select(with_ticket=True)
        .where(AiInsight.organization_id == organization_id, Ticket.organization_id == organization_id,
               Ticket.seller_id == seller_id, AiInsight.superseded_at.is_(None),
               (Ticket.status == TicketStatus.OPEN) | (AiInsight.delivery != Delivery.SELLER))
        .order_by(AiInsight.created_at.desc(), AiInsight.id.desc()).limit(limit)
    )
    if deliveries:
        stmt = stmt.where(AiInsight.delivery.in_(deliveries))
    return _with_actions(session, organization_id, [_to_view(r) for r in session.execute(stmt).all()])


def action_states(
    session: Session, *, organization_id: uuid.UUID, insight_ids: list[uuid.UUID],
) -> dict[uuid.UUID, list[ActionState]]:
    """Closed-loop action log rows per insight (kind, status, attempts, error, response)."""
    if not insight_ids:
        return {}
    rows = session.scalars(
        select(ActionLog).where(ActionLog.organization_id == organization_id, ActionLog.insight_id.in_(insight_ids))
        .order_by(ActionLog.created_at)
    ).all()
    out: dict[uuid.UUID, list[ActionState]] = {}
    for a in rows:
        assert a.insight_id is not None
        out.setdefault(a.insight_id, []).append(ActionState(
            id=a.id, kind=a.kind, status=a.status, attempts=a.attempts, error=a.error, response=a.response,
            updated_at=a.updated_at))
    return out


# ------------------------------------------------------------------------------ decisions
_VERB = {ActionStatus.APPLIED: "aplicado", ActionStatus.DISMISSED: "descartado"}
DECISION_PAGE = "console"  # who may open the Insights console may decide (engine.roles)


def record_decision(
    session: Session, *, organization_id: uuid.UUID, insight_id: uuid.UUID, user_id: uuid.UUID,
    status: ActionStatus,
) -> Decision:
    """SUGGESTION -> ``status`` in the caller's transaction (flushes, never commits).

    A conditional UPDATE makes the decision atomic: when two people decide at once, the second
    UPDATE waits for the first row lock, re-checks ``action_status`` and matches nothing, so it gets
    ``InsightAlreadyDecidedError``. Applying calls the closed-loop hook in the same transaction."""
    if status not in _VERB:
        raise InsightDecisionError("Decisão inválida: use aplicar ou descartar.")
    actor = session.execute(select(User.role, User.is_active)
                            .where(User.id == user_id, User.organization_id == organization_id)).first()
    if actor is None:
        raise InsightDecisionError("Usuário não pertence a esta organização.")
    # Re-checked here, not only when the page was opened: a user deactivated or demoted since then
    # must not decide with an old session.
    if not actor.is_active:
        raise InsightDecisionError("Seu acesso foi desativado: a decisão não foi registrada.")
    if not can_open(actor.role, DECISION_PAGE):
        raise InsightDecisionError("Seu perfil não pode aplicar ou descartar insights.")
    row = session.execute(
        update(AiInsight)
        .where(AiInsight.id == insight_id, AiInsight.organization_id == organization_id,
               AiInsight.action_status == ActionStatus.SUGGESTION)
        .values(action_status=status, actioned_by=user_id, actioned_at=func.now())
        .returning(AiInsight.actioned_at)
        # "fetch" refreshes an already-loaded insight, so the hook below sees the new status.
        .execution_options(synchronize_session="fetch")
    ).first()
    if row is None:
        raise _refusal(session, organization_id=organization_id, insight_id=insight_id)
    action_ids: list[uuid.UUID] = []
    if status is ActionStatus.APPLIED:
        action_ids = on_insight_applied(session, organization_id=organization_id, insight_id=insight_id)
    session.flush()
    return Decision(insight_id=insight_id, status=status, actioned_by=user_id, actioned_at=row.actioned_at,
                    action_ids=action_ids)


def _refusal(session: Session, *, organization_id: uuid.UUID, insight_id: uuid.UUID) -> InsightDecisionError:
    current = session.execute(
        select(AiInsight.action_status, AiInsight.actioned_at, User.name)
        .outerjoin(User, User.id == AiInsight.actioned_by)
        .where(AiInsight.id == insight_id, AiInsight.organization_id == organization_id)
    ).first()
    if current is None:
        return InsightNotFoundError("Insight não encontrado nesta organização.")
    who = current.name or "outra pessoa"
    when = ""
    if current.actioned_at is not None:
        local = current.actioned_at.astimezone(org_timezone(session, organization_id))
        when = f" em {local:%d/%m/%Y} às {local:%H:%M}"
    verb = _VERB.get(current.action_status, "decidido")
    return InsightAlreadyDecidedError(
        f"Este insight já foi {verb} por {who}{when}; a decisão não pode ser alterada.")


def _after_commit(decision: Decision) -> Decision:
    """Queue the real-time publish and each closed-loop action; a queue failure never undoes the decision."""
    warnings: list[str] = []
    try:
        enqueue_publish(decision.insight_id, action_status=decision.status.value)
    except Exception as err:  # noqa: BLE001 - the decision is committed; report, don't raise
        log.exception("enqueue_publish failed for insight %s", decision.insight_id)
        warnings.append(f"Decisão registrada, mas o aviso em tempo real não foi enviado ({err}).")
    for action_id in decision.action_ids:
        try:
            enqueue_action(action_id)
        except Exception as err:  # noqa: BLE001
            log.exception("enqueue_action failed for action %s", action_id)
            warnings.append(f"Ação {action_id} registrada como pendente, mas não entrou na fila ({err}).")
    return Decision(**{**decision.__dict__, "warnings": warnings})


def _decide(organization_id: uuid.UUID, insight_id: uuid.UUID, user_id: uuid.UUID, status: ActionStatus,
            url: str | None) -> Decision:
    with session_scope(url) as session:
        decision = record_decision(session, organization_id=organization_id, insight_id=insight_id,
                                   user_id=user_id, status=status)
    return _after_commit(decision)


def apply_insight(organization_id: uuid.UUID, insight_id: uuid.UUID, user_id: uuid.UUID, *,
                  url: str | None = None) -> Decision:
    """Apply a suggestion (who and when recorded), run the closed-loop hook, then queue its actions."""
    return _decide(organization_id, insight_id, user_id, ActionStatus.APPLIED, url)


def dismiss_insight(organization_id: uuid.UUID, insight_id: uuid.UUID, user_id: uuid.UUID, *,
                    url: str | None = None) -> Decision:
    """Dismiss a suggestion (who and when recorded) and publish the change."""
    return _decide(organization_id, insight_id, user_id, ActionStatus.DISMISSED, url)
