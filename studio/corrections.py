""""Corrigir" on an insight (Console de Insights): who corrected it and when, and the form that stores
the right values as a label (``engine.labels.record_correction``). Rendering only."""

from __future__ import annotations

import time
import uuid
from datetime import tzinfo
from typing import Any

import streamlit as st

from engine import labels
from engine.agents import AgentSpec
from engine.errors import CopilotError
from engine.insights import InsightView
from engine.labels import CorrectionInfo
from engine.models import FieldType
from studio import ui

FLASH_KEY = "corrections_flash"
FLASH_SECONDS = 8
UNSET = "__unset__"


def _fmt(v: Any) -> str:
    if v is UNSET or v is None:
        return "(não rotular)"
    if isinstance(v, bool):
        return "Sim" if v else "Não"
    return str(v)


def _key(view: InsightView, field: str) -> str:
    return f"fix.{view.id}.{field}"


def _save(view: InsightView, spec: AgentSpec, organization_id: uuid.UUID, user_id: uuid.UUID) -> None:
    values: dict[str, Any] = {}
    for f in labels.correction_fields(spec):
        v = st.session_state.get(_key(view, f.field_name))
        if v is UNSET or v is None or v == "":
            continue
        if f.field_type is FieldType.ARRAY and isinstance(v, str):
            v = [i.strip() for i in v.split(",") if i.strip()]
        values[f.field_name] = v
    try:
        with ui.db_session() as session:
            labels.record_correction(session, organization_id=organization_id, insight_id=view.id, user_id=user_id,
                                     values=values)
    except CopilotError as err:
        st.session_state[FLASH_KEY] = ("error", f"Correção não salva: {err.user_message}", time.monotonic())
    else:
        st.session_state[FLASH_KEY] = ("success", f"Correção salva como rótulo no conjunto “{labels.CORRECTIONS_SET}”.",
                                       time.monotonic())


def flash() -> None:
    """The outcome of the last "Salvar correção", kept for a few seconds: the live feed re-runs every 2 s."""
    msg = st.session_state.get(FLASH_KEY)
    if msg is None:
        return
    if time.monotonic() - msg[2] > FLASH_SECONDS:
        del st.session_state[FLASH_KEY]
        return
    (st.success if msg[0] == "success" else st.error)(msg[1])


def panel(view: InsightView, *, spec: AgentSpec | None, correction: CorrectionInfo | None,
          organization_id: uuid.UUID, user_id: uuid.UUID, tz: tzinfo | None) -> None:
    """Inside an insight bubble: "Corrigido por X em …" and the "Corrigir" form."""
    if correction is not None:
        when = f"{correction.created_at.astimezone(tz) if tz else correction.created_at:%d/%m/%Y %H:%M}"
        values = ", ".join(f"{k} = {_fmt(v)}" for k, v in correction.values.items())
        st.markdown(f"✏️ **Corrigido** por {correction.user_name or '—'} em {when}: {values}")
    if spec is None or view.ticket_id is None:
        return
    fields = labels.correction_fields(spec)
    if not fields:
        return
    with st.expander("Corrigir", expanded=False), st.form(f"fix-{view.id}", border=False):
        st.caption("Informe os valores certos: a correção vira um rótulo para avaliar o copiloto.")
        for f in fields:
            current = view.payload.get(f.field_name)
            k = _key(view, f.field_name)
            if f.field_type is FieldType.ENUM:
                opts = [UNSET, *(f.enum_values or ())]
                st.selectbox(f.field_name, opts, index=opts.index(current) if current in opts else 0, key=k,
                             format_func=_fmt)
            elif f.field_type is FieldType.BOOLEAN:
                bool_opts: list[Any] = [UNSET, True, False]
                st.selectbox(f.field_name, bool_opts, index=bool_opts.index(current) if isinstance(current, bool)
                             else 0, key=k, format_func=_fmt)
            elif f.field_type is FieldType.NUMBER:
                st.number_input(f.field_name, value=float(current) if isinstance(current, int | float) else None,
                                key=k, placeholder="(não rotular)")
            elif f.enum_values:
                st.multiselect(f.field_name, list(f.enum_values),
                               default=[i for i in current or [] if i in f.enum_values], key=k)
            else:
                st.text_input(f.field_name, value=", ".join(current or []), key=k, help="Itens separados por vírgula")
        st.form_submit_button("Salvar correção", type="primary", key=f"fix-save-{view.id}", on_click=_save,
                              args=(view, spec, organization_id, user_id))
