"""Integração Meta (/meta): Conversions API, audience and ads ids, test_event_code and the
closed-loop policies (DIRECTOR only); the latest actions sent to Meta with their state."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from engine import locale_br
from engine import meta_settings as ms
from engine.actions.report import recent_actions
from engine.config import get_settings
from engine.models import ActionLogStatus, Role
from engine.tickets import org_timezone
from studio import tables, ui

user = ui.require_role(Role.DIRECTOR)
org = user.organization_id

st.title("🔗 Integração Meta")
if get_settings().meta_sandbox:
    st.info("Modo SANDBOX: os envios vão para o simulador local da Meta (nada sai desta máquina).")

with ui.db_session() as session:
    form = ms.load_form(session, organization_id=org)

with st.form("meta_form"):
    st.subheader("Conversions API (WhatsApp)")
    dataset_id = st.text_input("Dataset id", value=form.dataset_id, key="meta_dataset")
    token = st.text_input("Token de acesso", value="", type="password", key="meta_token",
                          placeholder=form.token_mask or "cole o token do usuário do sistema",
                          help="Deixe em branco para manter o token salvo." if form.has_token else None)
    clear = st.checkbox("Remover o token salvo", key="meta_clear") if form.has_token else False
    waba_id = st.text_input("WABA id", value=form.waba_id, key="meta_waba")
    page_id = st.text_input("Page id", value=form.page_id, key="meta_page")
    choices = list(ms.ID_FIELD_CHOICES)
    id_field = st.selectbox("Campo de id em user_data", choices, index=choices.index(form.user_data_id_field),
                            format_func=ms.ID_FIELD_CHOICES.__getitem__, key="meta_id_field",
                            help="A Meta não confirma qual id exige para business_messaging: escolha aqui.")
    test_code = st.text_input("test_event_code", value=form.test_event_code, key="meta_test_code",
                              help="Com um código de teste, os eventos aparecem em Eventos de teste e não contam.")
    st.subheader("Audiência e anúncios")
    audience_id = st.text_input("Id da audiência (lista de clientes)", value=form.audience_id, key="meta_audience")
    ad_account_id = st.text_input("Ad account id", value=form.ad_account_id, key="meta_ad_account")
    st.subheader("Políticas do loop")
    capi_auto = st.checkbox(ms.FIELD_LABELS["capi_auto_apply"], value=form.capi_auto_apply, key="meta_capi_auto",
                            help="Envia a Purchase sem clique quando a compra é confirmada com confiança ≥ 0,8.")
    automatic = st.checkbox(ms.FIELD_LABELS["meta_automatic_events"], value=form.meta_automatic_events,
                            key="meta_automatic_events",
                            help="Com o Automatic Events da Meta ativo, o Auditor CAPI não envia Purchase (a Meta já "
                                 "conta a venda; enviar de novo contaria duas vezes). Diferenças de valor continuam "
                                 "registradas para revisão.")
    ghost_on = st.checkbox("Auto-aplicar a Sentinela de Ghosting", value=form.ghosting_auto_apply_risk is not None,
                           key="meta_ghost_on")
    ghost_risk = st.number_input(ms.FIELD_LABELS["ghosting_auto_apply_risk"], 0.0, 100.0,
                                 value=float(form.ghosting_auto_apply_risk or 80), key="meta_ghost_risk")
    min_lost = st.number_input(ms.FIELD_LABELS["alert_min_lost"], 1, 1000, value=form.alert_min_lost,
                               key="meta_min_lost")
    share_pct = st.slider(ms.FIELD_LABELS["alert_reason_share"], 5, 100, value=round(form.alert_reason_share * 100),
                          step=5, format="%d %%", key="meta_share")
    window = st.number_input(ms.FIELD_LABELS["alert_window_days"], 1, 90, value=form.alert_window_days,
                             key="meta_window", help="1 = só o dia do alerta; 7 = a semana que termina nele.")
    st.subheader("Custos")
    rate = st.text_input(ms.FIELD_LABELS["usd_brl_rate"], value=locale_br.number(form.usd_brl_rate, 2),
                         key="meta_usd_brl", placeholder="ex.: 5,43",
                           help="Os provedores de IA cobram em US$; o Studio mostra os custos em R$ a esta cotação "
                                "(as exportações trazem também o valor em US$).")
    saved = st.form_submit_button("Salvar")

if saved:
    values = {"dataset_id": dataset_id, "access_token": token, "waba_id": waba_id, "page_id": page_id,
              "user_data_id_field": id_field, "test_event_code": test_code, "audience_id": audience_id,
              "ad_account_id": ad_account_id, "capi_auto_apply": capi_auto, "meta_automatic_events": automatic,
              "ghosting_auto_apply_risk": ghost_risk if ghost_on else None, "alert_min_lost": int(min_lost),
              "alert_reason_share": share_pct / 100, "alert_window_days": int(window),
              "usd_brl_rate": rate}
    try:
        with ui.db_session() as session:
            ms.save_form(session, organization_id=org, role=user.role, values=values, clear_token=bool(clear))
    except ms.MetaSettingsError as err:
        st.error(str(err))
    else:
        st.success("Configurações salvas.")

st.subheader("Últimas ações enviadas à Meta")
with ui.db_session() as session:
    actions = recent_actions(session, organization_id=org)
    tz = org_timezone(session, org)
if actions:
    shown = pd.DataFrame([{
        "Quando": locale_br.moment(a.updated_at, tz), "Ação": locale_br.ACTION_KIND_LABELS.get(a.kind, a.kind),
        "Evento": str((a.request or {}).get("event_name") or "—"),
        "Estado": locale_br.ACTION_STATUS_LABELS.get(ActionLogStatus(a.status), a.status).capitalize(),
        "Tentativas": a.attempts,
        "Destino": "simulador (sandbox)" if a.sandbox else ("Meta" if a.attempts else "—"),
        "Erro": a.error or "",
    } for a in actions])
    st.dataframe(shown, hide_index=True, key="meta_actions", height=tables.fit_height(len(shown)))
    with st.expander("Detalhes técnicos"):
        st.caption("Identificadores para o suporte e para o Gerenciador de Eventos da Meta.")
        st.dataframe(pd.DataFrame([{
            "Ação (id)": str(a.id), "Insight (id)": str(a.insight_id or ""), "kind": a.kind, "status": a.status,
            "fbtrace_id": str((a.response or {}).get("fbtrace_id") or ""),
            "updated_at (UTC)": a.updated_at.isoformat(timespec="seconds"),
        } for a in actions]), hide_index=True, key="meta_actions_ids", height=tables.fit_height(len(actions)))
else:
    st.caption("Nenhuma ação ainda: aplique um insight do Auditor CAPI ou da Sentinela no Console.")
