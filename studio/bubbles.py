"""Insight Feed bubbles shared by the Console de Insights and the seller's feed (rendering only)."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo

import streamlit as st

from engine import locale_br
from engine.insights import HIDDEN_TIP_LABEL, ActionState, InsightView
from engine.models import ActionLogStatus, ActionStatus
from engine.tickets import TranscriptMessage
from studio import ui

# One pt-BR vocabulary for every page (engine.locale_br); the names are kept for the pages using them.
STATUS_LABELS = locale_br.INSIGHT_STATUS_LABELS
TICKET_STATUS_LABELS = locale_br.TICKET_STATUS_LABELS
ACTION_STATUS_LABELS = locale_br.ACTION_STATUS_LABELS
ACTION_KIND_LABELS = locale_br.ACTION_KIND_LABELS
# Payload fields the seller acts on directly (shown in full, not only in the details).
SELLER_FIELDS: dict[str, str] = {
    "tip": "O que fazer agora",
    "suggestedReply": "Resposta sugerida",
    "rescueMessage": "Mensagem de resgate",
}

Decide = Callable[[InsightView, ActionStatus], None]


def when(moment: datetime, tz: tzinfo | None) -> str:
    """'12/08/2026 14:03' in the organisation's timezone."""
    return locale_br.moment(moment, tz)


def confidence(view: InsightView) -> str:
    return locale_br.percent(view.confidence)


def action_line(a: ActionState) -> str:
    kind = ACTION_KIND_LABELS.get(a.kind, a.kind)
    text = f"{kind}: {ACTION_STATUS_LABELS.get(a.status, a.status.value)} · {a.attempts} tentativa(s)"
    return text + (f" · erro: {a.error}" if a.error else "")


_AUTHOR = {"lead": ("🧑", "Lead", "#f0f2f6", "flex-start"), "seller": ("💼", "Vendedor", "#e8f4ea", "flex-end"),
           "bot": ("🤖", "Bot", "#eef0fb", "flex-end")}


def transcript_html(messages: Sequence[TranscriptMessage], tz: tzinfo | None) -> str:
    """The conversation as one HTML block (lead on the left, seller/bot on the right), escaped."""
    parts = ['<div style="display:flex;flex-direction:column;gap:.5rem;font-size:.95rem">']
    for m in messages:
        icon, who, color, side = _AUTHOR.get(m.author, ("💬", m.author, "#f0f2f6", "flex-start"))
        body = html.escape(m.body if m.type == "text" else f"[{m.type}] {m.body}").replace("\n", "<br>")
        parts.append(
            f'<div data-testid="transcript-message" style="align-self:{side};max-width:85%;background:{color};'
            f'border-radius:.6rem;padding:.45rem .7rem"><div>{icon} {body}</div>'
            f'<div style="color:#808495;font-size:.75rem;margin-top:.2rem">{who} · {when(m.sent_at, tz)}</div></div>')
    parts.append("</div>")
    return "".join(parts)


def bubble(view: InsightView, *, decide: Decide | None = None, show_ticket: bool = False,
           seller_fields: bool = False, tz: tzinfo | None = None,
           extra: Callable[[InsightView], None] | None = None, new: bool = False) -> None:
    """One insight bubble: "<summary> (<agent>)", engine badge, delivery, confidence, time, status.

    With ``decide`` a SUGGESTION gets Aplicar / Descartar buttons; ``extra`` renders more inside the
    bubble (the console's "Corrigir"); ``new`` adds the "novo" badge."""
    with st.chat_message("assistant", avatar=view.agent_icon or "🤖"):
        if new:
            st.badge("novo", icon=":material/fiber_new:", color="green")
        st.markdown(html.escape(view.bubble))
        if view.hidden_tip:
            st.caption(f"🔒 {HIDDEN_TIP_LABEL}")
        meta = [f"Entrega: {ui.DELIVERY_LABELS.get(view.delivery, view.delivery.value)}",
                f"Confiança: {confidence(view)}", f"{when(view.created_at, tz)} ({ui.ago(view.created_at)})"]
        if show_ticket and view.contact:
            meta.insert(0, f"Lead: {view.contact}")
        ui.engine_badge(view.engine)
        st.caption(" · ".join(meta))
        if seller_fields:
            for key, label in SELLER_FIELDS.items():
                value = view.payload.get(key)
                if value:
                    st.markdown(f"**{label}:** {html.escape(str(value))}")
        _status(view, tz)
        with st.expander("Detalhes", expanded=False):
            st.json(view.payload, expanded=True)
        if extra is not None:
            extra(view)
        if decide is not None and view.action_status is ActionStatus.SUGGESTION:
            c1, c2 = st.columns(2)
            c1.button("Aplicar", key=f"apply-{view.id}", type="primary", icon=":material/check:",
                      on_click=decide, args=(view, ActionStatus.APPLIED))
            c2.button("Descartar", key=f"dismiss-{view.id}", icon=":material/close:",
                      on_click=decide, args=(view, ActionStatus.DISMISSED))


def _status(view: InsightView, tz: tzinfo | None) -> None:
    if view.action_status is ActionStatus.SUGGESTION:
        st.caption("Status: sugestão aguardando decisão")
        return
    at = f" em {when(view.actioned_at, tz)}" if view.actioned_at else ""
    who = f" por {view.actioned_by}" if view.actioned_by else ""
    st.markdown(f"**{STATUS_LABELS[view.action_status]}**{who}{at}")
    for a in view.actions:
        (st.error if a.status is ActionLogStatus.FAILED else st.caption)(f"Ação: {action_line(a)}")
