"""Console de Insights (/console): ticket inbox, transcript and the live Insight Feed with Aplicar / Descartar.

The filters and the open ticket live in the URL (``?status=OPEN&seller=<id>&ticket=<id>``): a reload
or a shared link opens the same view. The open ticket (transcript, feed) refreshes every second and the inbox
with its counts every 2 s; what
arrived since the user last looked carries a "novo" badge. A decision's confirmation stays until
the user's next action.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pandas as pd
import streamlit as st

from engine import insights, labels, last_seen, macros, tickets
from engine.agents import load_agent
from engine.errors import CopilotError
from engine.models import ActionStatus, Role, TicketStatus
from engine.rollup import money
from studio import bubbles, corrections, macro_buttons, ui

user = ui.require_role(Role.DIRECTOR, Role.COORDINATOR)
org = user.organization_id
FLASH_KEY = "console_flash"
TICKET_KEY = "console_ticket"
IDS_KEY = "console_inbox_ids"
DRAWN_KEY = "console_drawn"  # the ticket the ticket panel shows
BASELINE_KEY = "console_seen"  # (ticket id, the user's previous look at it) for the "novo" badges
OPENED_KEY = "console_opened_at"  # tickets never looked at: "novo" is what arrived since the console opened

st.title("🗂️ Console de Insights")
st.session_state.setdefault(OPENED_KEY, datetime.now(UTC))
with ui.db_session() as session:
    options = tickets.filter_options(session, organization_id=org)
    tz = tickets.org_timezone(session, org)
sellers = {o.id: o.label for o in options.sellers}
campaigns = {o.id: o.label for o in options.campaigns}
agents = {o.id: o.label for o in options.agents}


# ------------------------------------------------------------------ URL state
def _uuid(raw: str | None, allowed: dict[uuid.UUID, str] | None = None) -> uuid.UUID | None:
    try:
        value = uuid.UUID(raw) if raw else None
    except ValueError:
        return None
    return value if allowed is None or value in allowed else None


def _date(raw: str | None) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


qp = st.query_params
if "console_status" not in st.session_state:  # first run on this page: the URL sets the view
    st.session_state["console_status"] = [s for s in TicketStatus if s.value in qp.get_all("status")]
    st.session_state["console_seller"] = _uuid(qp.get("seller"), sellers)
    st.session_state["console_campaign"] = _uuid(qp.get("campaign"), campaigns)
    st.session_state["console_agent"] = _uuid(qp.get("agent"), agents)
    st.session_state["console_from"] = _date(qp.get("from"))
    st.session_state["console_to"] = _date(qp.get("to"))
    st.session_state["console_page"] = max(1, int(qp["page"])) if qp.get("page", "").isdigit() else 1
    if (wanted := _uuid(qp.get("ticket"))) is not None:
        st.session_state[TICKET_KEY] = str(wanted)


def _sync_url() -> None:
    """Write the view into the URL (no rerun): what a reload or a shared link reopens."""
    ss = st.session_state
    params: dict[str, str | list[str]] = {}
    if ss.get("console_status"):
        params["status"] = [s.value for s in ss["console_status"]]
    for name in ("seller", "campaign", "agent"):
        if ss.get(f"console_{name}"):
            params[name] = str(ss[f"console_{name}"])
    for name, key in (("from", "console_from"), ("to", "console_to")):
        if ss.get(key):
            params[name] = ss[key].isoformat()
    if int(ss.get("console_page") or 1) > 1:
        params["page"] = str(ss["console_page"])
    if ss.get(TICKET_KEY):
        params["ticket"] = str(ss[TICKET_KEY])
    if {k: qp.get_all(k) for k in qp} != {k: v if isinstance(v, list) else [v] for k, v in params.items()}:
        st.query_params.from_dict(params)


# ------------------------------------------------------------------ filters
c1, c2, c3, c4, c5, c6 = st.columns([2, 2, 2, 2, 1.3, 1.3])
statuses = c1.multiselect("Status", list(TicketStatus), format_func=bubbles.TICKET_STATUS_LABELS.get,
                          key="console_status", placeholder="Todos")
seller_id = c2.selectbox("Vendedor", [None, *sellers], format_func=lambda v: sellers.get(v, "Todos"),
                         key="console_seller", placeholder="Todos")
campaign_id = c3.selectbox("Campanha", [None, *campaigns], format_func=lambda v: campaigns.get(v, "Todas"),
                           key="console_campaign", placeholder="Todas")
agent_id = c4.selectbox("Copiloto", [None, *agents], format_func=lambda v: agents.get(v, "Todos"),
                        key="console_agent", placeholder="Todos")
date_from = c5.date_input("De", value=None, format="DD/MM/YYYY", key="console_from")
date_to = c6.date_input("Até", value=None, format="DD/MM/YYYY", key="console_to")
if date_from and date_to and date_to < date_from:
    st.error("A data final precisa ser igual ou posterior à data inicial.")
    st.stop()
filters = tickets.TicketFilters(statuses=tuple(statuses), seller_id=seller_id, campaign_id=campaign_id,
                                agent_id=agent_id, date_from=date_from, date_to=date_to)


# ------------------------------------------------------------------ actions (callbacks: they run before the rerun)
def _flash(kind: str, message: str, warnings: list[str] | None = None) -> None:
    """The outcome of the user's last action: shown until the next action (not by time)."""
    st.session_state[FLASH_KEY] = (kind, message, warnings or [])


def picked() -> None:
    """A row was selected in the inbox: open that ticket (ids as drawn when the user clicked)."""
    rows = st.session_state["console_inbox"].selection.rows
    ids = st.session_state.get(IDS_KEY) or []
    if rows and rows[0] < len(ids):
        st.session_state[TICKET_KEY] = ids[rows[0]]
        st.session_state.pop(FLASH_KEY, None)


def decide(view: insights.InsightView, status: ActionStatus) -> None:
    """Record the decision. A callback, so the click is handled even when someone else decided the
    insight meanwhile and its buttons are no longer drawn: the refusal message still shows."""
    action = insights.apply_insight if status is ActionStatus.APPLIED else insights.dismiss_insight
    try:
        decision = action(org, view.id, user.user_id)
    except CopilotError as err:
        _flash("error", err.user_message)
    else:
        verb = "aplicado" if status is ActionStatus.APPLIED else "descartado"
        extra = f" {len(decision.action_ids)} ação(ões) na fila." if decision.action_ids else ""
        _flash("success", f"Insight {verb}: “{view.summary}”.{extra}", decision.warnings)


def press(button: macros.MacroButton, ticket_id: uuid.UUID, click_id: str) -> None:
    macro_buttons.press(user, button, ticket_id, click_id, _flash)


# ------------------------------------------------------------------ live: inbox every 2 s, the open ticket every 1 s
def _inbox(now: datetime) -> uuid.UUID | None:
    with ui.db_session() as session:
        inbox = tickets.list_inbox(session, organization_id=org, filters=filters,
                                   page=int(st.session_state.get("console_page") or 1))
    if inbox.page > max(1, inbox.pages):  # filters shrank the list under the current page
        st.session_state["console_page"] = 1
        st.rerun()
    st.subheader(f"Caixa de entrada · {inbox.total} ticket(s)")
    if not inbox.rows:
        st.info("Nenhum ticket com esses filtros.")
        return None
    seen = last_seen.many(ui.redis(), user_id=user.user_id,
                          subjects=[last_seen.ticket_subject(r.id) for r in inbox.rows])
    open_id = st.session_state.get(TICKET_KEY)
    opened = st.session_state[OPENED_KEY]
    frame = pd.DataFrame([{
        "": "▶" if str(r.id) == open_id else "",
        "Novo": "🆕" if r.last_insight_at and (seen[last_seen.ticket_subject(r.id)] or opened) < r.last_insight_at
        and str(r.id) != open_id else "",
        "Contato": r.contact, "Vendedor": r.seller or "—", "Status": bubbles.TICKET_STATUS_LABELS[r.status],
        "Campanha": r.campaign or "—", "Valor": money(r.value) if r.value is not None else "—",
        "Última atividade": bubbles.when(r.last_activity, tz), "Insights": r.insights, "Pendentes": r.pending,
    } for r in inbox.rows])
    st.session_state[IDS_KEY] = [str(r.id) for r in inbox.rows]
    st.dataframe(frame, key="console_inbox", on_select=picked, selection_mode="single-row", hide_index=True,
                 height=min(392, 38 + 35 * len(frame)))
    left, right = st.columns([1, 5], vertical_alignment="center")
    if inbox.pages > 1:
        left.number_input(f"Página (de {inbox.pages})", min_value=1, max_value=inbox.pages, step=1,
                          key="console_page")
    right.caption("Selecione um ticket na tabela para abrir a conversa e o feed de insights. 🆕 = insight "
                  "novo desde a sua última visita ao ticket.")
    return inbox.rows[0].id


def _ticket(ticket_id: uuid.UUID) -> None:
    try:
        with ui.db_session() as session:
            detail = tickets.ticket_detail(session, organization_id=org, ticket_id=ticket_id)
            buttons = macros.buttons(session, ui.redis(), organization_id=org, ticket_id=ticket_id,
                                     role=user.role, user_id=user.user_id)
    except CopilotError as err:
        st.error(f"{err.user_message} Escolha outro ticket na caixa de entrada.")
        return
    st.subheader(f"Conversa com {detail.contact}")
    value = money(detail.value) if detail.value else "—"
    st.caption(f"{bubbles.TICKET_STATUS_LABELS[detail.status]} · Vendedor: {detail.seller or '—'} · "
               f"Campanha: {detail.campaign or '—'} · Valor: {value}")
    macro_buttons.draw(buttons, ticket_id, press, tz)
    with st.container(height=520, autoscroll=True):  # oldest at the top, the newest message in view
        # One HTML block, not one chat element per message: redrawn every second, it must stay cheap.
        st.html(bubbles.transcript_html(detail.messages, tz) if detail.messages
                else '<p style="color:#808495">Sem mensagens.</p>')


def _feed(ticket_id: uuid.UUID, now: datetime) -> None:
    baseline = st.session_state.get(BASELINE_KEY)
    if baseline is None or baseline[0] != str(ticket_id):  # the ticket was just opened
        previous = last_seen.swap(ui.redis(), user_id=user.user_id, subject=last_seen.ticket_subject(ticket_id),
                                  now=now)
        baseline = (str(ticket_id), previous or now)
        st.session_state[BASELINE_KEY] = baseline
    else:
        last_seen.touch(ui.redis(), user_id=user.user_id, subject=last_seen.ticket_subject(ticket_id), now=now)
    with ui.db_session() as session:
        feed = insights.ticket_feed(session, organization_id=org, ticket_id=ticket_id)
        fixes = labels.corrections_for(session, organization_id=org, insight_ids=[v.id for v in feed])
        specs = {a: load_agent(session, organization_id=org, agent_id=a) for a in {v.agent_id for v in feed}}
    fresh = sum(v.created_at > baseline[1] for v in feed)
    st.subheader(f"Insight Feed · {len(feed)}" + (f" · {fresh} novo(s)" if fresh else ""))
    corrections.flash()
    if flash := st.session_state.get(FLASH_KEY):  # stays until the next action
        kind, message, warnings = flash
        (st.success if kind == "success" else st.info if kind == "info" else st.error)(message)
        for w in warnings:
            st.warning(w)
    if not feed:
        st.caption("Nenhum insight ainda. Novos insights aparecem aqui sozinhos.")
    with st.container(height=620, border=False, autoscroll=False):  # newest first, at the top, in view
        for view in feed:
            bubbles.bubble(view, decide=decide, tz=tz, new=view.created_at > baseline[1], link_citations=True,
                           extra=lambda v: corrections.panel(
                               v, spec=specs.get(v.agent_id), correction=fixes.get(v.id), organization_id=org,
                               user_id=user.user_id, tz=tz))


@st.fragment(run_every="2s")
def inbox_panel() -> None:
    """The inbox and its counts; opening another ticket redraws the ticket panel at once."""
    drawn = st.session_state.get(TICKET_KEY)
    first = _inbox(datetime.now(UTC))
    if first is not None and _uuid(st.session_state.get(TICKET_KEY)) is None:
        st.session_state[TICKET_KEY] = str(first)
    _sync_url()
    if st.session_state.get(TICKET_KEY) != drawn and st.session_state.get(DRAWN_KEY) is not None:
        st.rerun()  # a row was picked: the ticket panel (its own fragment) follows now, not at its next tick


@st.fragment(run_every="1s")
def ticket_panel() -> None:
    """Transcript, macro buttons and feed of the open ticket, every second (index range scans only)."""
    ticket_id = _uuid(st.session_state.get(TICKET_KEY))
    st.session_state[DRAWN_KEY] = str(ticket_id) if ticket_id else None
    if ticket_id is None:
        return
    left, right = st.columns([3, 2], gap="large")
    with left:
        _ticket(ticket_id)
    with right:
        _feed(ticket_id, datetime.now(UTC))


inbox_panel()
ticket_panel()
