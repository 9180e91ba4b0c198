"""Insight Feed bubbles shared by the Console de Insights and the seller's feed (rendering only)."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo
from typing import Any

import streamlit as st

from engine import locale_br
from engine.citations import UNCITED_LABEL
from engine.insights import HIDDEN_TIP_LABEL, ActionState, InsightView
from engine.models import ActionLogStatus, ActionStatus, TicketStatus
from engine.tickets import TranscriptMessage
from studio import ui

# A cited message is an anchor (#msg-<id>); clicking a quote jumps to it and :target highlights it.
CITATION_CSS = """<style>
.copilot-msg { border-radius: 6px; padding: 2px 4px; scroll-margin-top: 40px; transition: background .3s; }
.copilot-msg:target { background: rgba(255, 214, 0, .35); outline: 2px solid #f5b800; }
a.copilot-cite { display: block; text-decoration: none; color: inherit; border-left: 3px solid #f5b800;
                 padding: 2px 8px; margin: 2px 0; font-style: italic; }
a.copilot-cite:hover { background: rgba(255, 214, 0, .15); }
</style>"""

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


def message_anchor(message_id: object) -> str:
    return f"msg-{message_id}"


def citations(view: InsightView, *, link: bool) -> None:
    """The quotes behind the insight; with ``link`` each one jumps to its message in the transcript."""
    if view.uncited:
        st.markdown(f":orange-background[⚠️ {UNCITED_LABEL}] — nenhuma citação conferiu com a conversa.")
        return
    sources = [c for c in view.payload.get("citations") or [] if isinstance(c, dict) and c.get("source")]
    if sources:  # an organisation-level alert cites the data its numbers come from
        st.caption("Fontes: " + " · ".join(source_line(c) for c in sources))
    items = []
    for c in view.citations:
        quote = html.escape(str(c["quote"]))
        if link:
            anchor = message_anchor(html.escape(str(c.get("message_id"))))
            items.append(f'<a class="copilot-cite" href="#{anchor}" title="ver a mensagem na conversa">“{quote}”</a>')
        else:
            items.append(f'<span class="copilot-cite">“{quote}”</span>')
    if items:
        st.markdown(CITATION_CSS + "".join(items), unsafe_allow_html=True)


SOURCE_LABELS = {"campaign_spend": "gasto da campanha", "conversations": "conversas abertas",
                 "lost_conversations": "conversas perdidas"}


def source_line(c: dict[str, Any]) -> str:
    """One data source of an alert: what, which campaign, which days, the number."""
    days = [str(d) for d in c.get("days") or []]
    span = days[0] if len(days) == 1 else f"{days[0]} a {days[-1]}" if days else ""
    if c.get("source") == "campaign_spend":
        number = f"{c.get('value')} {c.get('currency') or ''}".strip()
    elif c.get("source") == "lost_conversations":
        number = f"{c.get('count')} de {c.get('of')} ({c.get('reason')})"
    else:
        number = str(c.get("count"))
    return f"{SOURCE_LABELS.get(str(c.get('source')), c.get('source'))} {c.get('campaign')} ({span}): {number}"


_AUTHOR = {"lead": ("🧑", "Lead", "#f0f2f6", "flex-start"), "seller": ("💼", "Vendedor", "#e8f4ea", "flex-end"),
           "bot": ("🤖", "Bot", "#eef0fb", "flex-end")}


def transcript_html(messages: Sequence[TranscriptMessage], tz: tzinfo | None) -> str:
    """The conversation as one HTML block (lead on the left, seller/bot on the right), escaped; each
    message is anchored so a citation can scroll to and highlight it."""
    parts = [CITATION_CSS, '<div style="display:flex;flex-direction:column;gap:.5rem;font-size:.95rem">']
    for m in messages:
        icon, who, color, side = _AUTHOR.get(m.author, ("💬", m.author, "#f0f2f6", "flex-start"))
        body = html.escape(m.body if m.type == "text" else f"[{m.type}] {m.body}").replace("\n", "<br>")
        parts.append(
            f'<div data-testid="transcript-message" class="copilot-msg" id="{message_anchor(m.id)}" '
            f'style="align-self:{side};max-width:85%;background:{color};'
            f'border-radius:.6rem;padding:.45rem .7rem"><div>{icon} {body}</div>'
            f'<div style="color:#808495;font-size:.75rem;margin-top:.2rem">{who} · {when(m.sent_at, tz)}</div></div>')
    parts.append("</div>")
    return "".join(parts)


def bubble(view: InsightView, *, decide: Decide | None = None, show_ticket: bool = False,
           seller_fields: bool = False, tz: tzinfo | None = None,
           extra: Callable[[InsightView], None] | None = None, link_citations: bool = False,
           new: bool = False) -> None:
    """One insight bubble: "<summary> (<agent>)", its quoted evidence, engine badge, delivery,
    confidence, time, status.

    With ``decide`` a SUGGESTION gets Aplicar / Descartar buttons; ``extra`` renders more inside the
    bubble (the console's "Corrigir"); ``link_citations`` makes each quote jump to its message in the
    transcript beside it; ``new`` adds the "novo" badge."""
    with st.chat_message("assistant", avatar=view.agent_icon or "🤖"):
        if new:
            st.badge("novo", icon=":material/fiber_new:", color="green")
        if view.archived:  # a tip for an open ticket that has closed since: nothing to act on
            status = TICKET_STATUS_LABELS.get(view.ticket_status or TicketStatus.OPEN, "")
            st.markdown(f"🗄️ Dica arquivada: o ticket foi encerrado ({status.lower()}). ({html.escape(view.agent_name)})")
            st.caption(f"{when(view.created_at, tz)} · sem ação para o vendedor")
            if extra is not None:  # a coordinator may still correct what it concluded (Corrigir)
                extra(view)
            return
        st.markdown(html.escape(view.bubble))
        citations(view, link=link_citations)
        if view.refreshed_at is not None:
            st.caption(f"🔄 atualizado às {when(view.refreshed_at, tz)[-5:]} (mesma conclusão, nova execução)")
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
