"""Galeria de Copilotos (/settings-ai): the organisation's agents as cards, and the template library."""

from __future__ import annotations

import uuid
from decimal import Decimal

import streamlit as st

from engine import budgets, catalog, locale_br, metrics
from engine.agents import AgentNotFoundError
from engine.errors import CopilotError
from engine.models import Role
from engine.templates import TemplateAlreadyInstalled
from studio import ui

user = ui.require_role(Role.DIRECTOR)
CONFIRM_KEY = "gallery_confirm_copy"


def _refresh() -> None:
    ui.invalidate_agents()


def _toggle(agent_id: uuid.UUID, name: str) -> None:
    active = bool(st.session_state[f"active-{agent_id}"])
    try:
        with ui.db_session() as session:
            catalog.set_active(session, organization_id=user.organization_id, agent_id=agent_id, active=active)
    except AgentNotFoundError as err:
        st.session_state["gallery_error"] = str(err)
        return
    _refresh()
    st.toast(f"{name} {'ativado' if active else 'desativado'}.")


def _install(key: str, allow_copy: bool) -> None:
    try:
        with ui.db_session() as session:
            spec = catalog.install_template(session, organization_id=user.organization_id, key=key,
                                            user_id=user.user_id, allow_copy=allow_copy)
    except TemplateAlreadyInstalled as err:
        st.session_state[CONFIRM_KEY] = (key, err.user_message)
        return
    st.session_state.pop(CONFIRM_KEY, None)
    _refresh()
    if spec.is_active:
        st.session_state["gallery_notice"] = f"{spec.icon} {spec.name} adicionado à sua organização."
    else:
        st.session_state["gallery_notice"] = (f"{spec.icon} {spec.name} adicionado **inativo**: a cópia só roda "
                                              "depois que você clicar em **Ativar** no cartão dela.")


def _activate(agent_id: uuid.UUID, name: str) -> None:
    st.session_state[f"active-{agent_id}"] = True
    _toggle(agent_id, name)


def _budget_form(agent_id: uuid.UUID | None, current: Decimal | None) -> None:
    """Set or clear a monthly budget in R$ (the organisation's when ``agent_id`` is None)."""
    key = f"budget-{agent_id or 'org'}"
    value = st.number_input("Orçamento mensal (R$)", min_value=0.0, step=10.0, format="%.2f", key=key,
                            value=float(current) if current is not None else None, placeholder="sem limite")
    if st.button("Salvar orçamento", key=f"{key}-save"):
        try:
            with ui.db_session() as session:
                budgets.set_budget(session, organization_id=user.organization_id, agent_id=agent_id,
                                   value_brl=value)
        except CopilotError as err:
            st.session_state["gallery_error"] = err.user_message
        else:
            st.session_state["gallery_notice"] = ("Orçamento salvo." if value is not None
                                                  else "Orçamento removido: sem limite.")
        st.rerun()


st.title("🤖 Galeria de Copilotos")
st.caption("A força de trabalho de IA da sua organização: ligue, desligue, edite ou adicione copilotos prontos.")
if notice := st.session_state.pop("gallery_notice", None):
    st.success(notice)
if problem := st.session_state.pop("gallery_error", None):
    st.error(problem)

cards = ui.agent_cards(str(user.organization_id))
with ui.db_session() as session:
    rate = metrics.usd_brl_rate(session, user.organization_id)
    month_spend = {r.agent_id: r for r in budgets.copilot_spend(session, organization_id=user.organization_id)}
    org_budget = budgets.org_budget_status(session, organization_id=user.organization_id)
with st.container(border=True):
    budget = (f"de {ui.brl(org_budget.limit_brl)} do orçamento da organização" if org_budget.limit_brl is not None
              else "(a organização não tem orçamento definido)")
    st.markdown(f"**Gasto com modelos neste mês:** {ui.brl(org_budget.spent_brl)} {budget}. "
                "Execuções no motor offline não custam nada e nunca são pausadas.")
    with st.popover("Definir orçamento da organização", icon=":material/savings:"):
        _budget_form(None, org_budget.limit_brl)
st.subheader(f"Seus copilotos ({len(cards)})")
model_notes = {m: catalog.model_option(m).note for m in {c.model for c in cards}}
if not cards:
    st.info("Nenhum copiloto ainda. Adicione um da biblioteca abaixo ou crie um no Editor de copilotos.")
for row_start in range(0, len(cards), 3):
    for col, card in zip(st.columns(3), cards[row_start:row_start + 3], strict=False):
        with col.container(border=True):
            st.markdown(f"### {card.icon} {card.name}")
            st.toggle("Ativo", value=card.is_active, key=f"active-{card.id}", on_change=_toggle,
                      args=(card.id, card.name))
            if not card.is_active:
                st.caption(":gray-background[inativo] — não roda em nenhuma conversa até ser ativado.")
                st.button("Ativar", key=f"activate-{card.id}", icon=":material/play_arrow:", type="primary",
                          on_click=_activate, args=(card.id, card.name))
            triggers = ", ".join(ui.EVENT_LABELS[e] for e in card.triggers) or "nenhum gatilho"
            st.caption(f"Gatilhos: {triggers}")
            st.caption(f"Modelo: `{card.model}` · Entrega: {ui.DELIVERY_LABELS[card.delivery]} · v{card.version}")
            route_note = model_notes.get(card.model)
            if route_note:  # the honest engine: runs go to the offline analyser until the key is set
                st.caption(f":orange[motor offline] — {route_note}")
            st.caption(f"Última execução: {ui.ago(card.last_run_at)}")
            cost = locale_br.money(locale_br.usd_to_brl(card.cost_7d or 0, rate))
            st.markdown(f"**{locale_br.number(card.insights_7d)}** insights · **{cost}** · "
                        f"{locale_br.number(card.runs_7d)} execuções — últimos 7 dias",
                        help=f"Custo cobrado em US$ ({ui.usd(card.cost_7d, 4)}) convertido à cotação da organização "
                             f"(US$ 1 = {locale_br.money(rate)}), configurável em Integração Meta.")
            if card.uncited_7d:
                st.caption(f":orange-background[{card.uncited_7d} sem evidência] — insights cujas citações "
                           "não conferiram com a conversa")
            mine = month_spend.get(card.id)
            if mine is not None:
                cap = f"de {ui.brl(mine.budget_brl)}" if mine.budget_brl is not None else "(sem orçamento próprio)"
                st.caption(f"Gasto no mês: {ui.brl(mine.cost_brl)} {cap}")
            with st.popover("Orçamento mensal", icon=":material/savings:"):
                _budget_form(card.id, mine.budget_brl if mine is not None else None)
            if st.button("Editar", key=f"edit-{card.id}", icon=":material/edit:"):
                st.switch_page("pages/builder.py", query_params={"agent": str(card.id)})

st.divider()
st.subheader("📚 Biblioteca de modelos")
st.caption("Copilotos testados e pré-aprovados. Um clique instala uma cópia editável na sua organização.")
pending = st.session_state.get(CONFIRM_KEY)
if pending:
    key, message = pending
    with st.container(border=True):
        st.warning(f"{message}. A cópia é instalada **inativa**; ative-a quando quiser que ela rode.")
        yes, no = st.columns(2)
        yes.button("Criar cópia", key="confirm-copy", type="primary", on_click=_install, args=(key, True))
        no.button("Cancelar", key="cancel-copy", on_click=lambda: st.session_state.pop(CONFIRM_KEY, None))

library = ui.template_library(str(user.organization_id))
for row_start in range(0, len(library), 3):
    for col, tpl in zip(st.columns(3), library[row_start:row_start + 3], strict=False):
        with col.container(border=True):
            st.markdown(f"#### {tpl.icon} {tpl.name}")
            st.caption(f"Entrega: {ui.DELIVERY_LABELS[tpl.delivery]} · "
                       f"Gatilhos: {', '.join(ui.EVENT_LABELS[e] for e in tpl.triggers)}")
            st.caption("Campos: " + ", ".join(locale_br.field_label(f) for f in tpl.field_names))
            if tpl.installed:
                st.caption(f"✅ Instalado ({tpl.installed})")
            st.button("Adicionar", key=f"add-{tpl.key}", icon=":material/add:", on_click=_install,
                      args=(tpl.key, False))
