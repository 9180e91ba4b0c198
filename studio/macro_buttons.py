"""Macro buttons on a ticket (console and seller feed): one per active copilot with MACRO_BUTTON_CLICKED.

A throttled button is drawn disabled and says until when. A click becomes an inbox event
(``engine.macros.press``) with a click id minted when the button was drawn, so one click submitted
twice is still one event; the worker runs the copilot and its insight reaches the live feed.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import tzinfo

import streamlit as st

from engine import macros
from engine.errors import CopilotError
from engine.login import CurrentUser
from studio import bubbles, ui

Flash = Callable[[str, str], None]


def press(user: CurrentUser, button: macros.MacroButton, ticket_id: uuid.UUID, click_id: str, flash: Flash) -> None:
    """Button callback: record the click; tell the user what happens next (or why not)."""
    try:
        with ui.db_session() as session:
            result = macros.press(session, organization_id=user.organization_id, ticket_id=ticket_id,
                                  agent_id=button.agent_id, user_id=user.user_id, role=user.role, click_id=click_id)
    except CopilotError as err:
        flash("error", err.user_message)
        return
    if result.duplicate:
        flash("info", f"Este clique em “{button.label}” já foi registrado.")
    else:
        flash("info", f"{button.icon} {button.agent_name} está analisando o ticket. O insight aparece no feed "
                      "em alguns segundos.")


def draw(buttons: list[macros.MacroButton], ticket_id: uuid.UUID, on_click: Callable[..., None],
         tz: tzinfo | None) -> None:
    """The buttons in one row; ``on_click(button, ticket_id, click_id)`` runs on a click."""
    if not buttons:
        return
    cols = st.columns(len(buttons) + 1)
    for col, b in zip(cols, buttons, strict=False):
        with col:
            limit = (f"Limite: {b.max_runs} execução(ões) a cada {b.window_seconds // 60} min por ticket."
                     if b.max_runs and b.window_seconds else "Sem limite de execuções.")
            st.button(f"{b.icon} {b.label}", key=f"macro-{ticket_id}-{b.agent_id}", disabled=b.throttled_until is not None,
                      on_click=on_click, args=(b, ticket_id, uuid.uuid4().hex), help=f"Roda {b.agent_name} agora neste "
                      f"ticket. {limit}")
            if b.throttled_until is not None:
                st.caption(f"⏳ Limite atingido: disponível de novo às {bubbles.when(b.throttled_until, tz)[-5:]} "
                           f"({bubbles.when(b.throttled_until, tz)[:10]}).")
