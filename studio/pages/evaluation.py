"""Avaliação (/evaluation, directors): evaluate a copilot on a labelled set, field by field; compare
versions and models against a baseline run; import a labelled set (upload) with per-row errors."""

from __future__ import annotations

import html
import uuid

import pandas as pd
import plotly.express as px
import streamlit as st

from engine import eval_metrics, eval_runs, labels
from engine.agents import load_agent
from engine.catalog import SUGGESTED_MODELS
from engine.errors import CopilotError
from engine.evaluation import agent_versions
from engine.models import Role
from studio import ui

user = ui.require_role(Role.DIRECTOR)
org = user.organization_id
K = "ev."
OWN_MODEL = "__own__"
TYPE_LABELS = {"ENUM": "Opções", "BOOLEAN": "Sim/Não", "NUMBER": "Número", "ARRAY": "Lista", "STRING": "Texto"}


def pct(v: float | None) -> str:
    return "—" if v is None else f"{v:.1%}".replace(".", ",")


def show(v: object, tolerance: float | None = None) -> str:
    """A value as the director reads it: Sim/Não, '—', lists joined, expected numbers with their tolerance."""
    if v is None:
        return "—"
    if isinstance(v, bool):
        return "Sim" if v else "Não"
    if isinstance(v, list):
        return ", ".join(map(str, v)) or "(nenhum)"
    if tolerance is not None:
        return eval_metrics.describe_expected(v, tolerance)
    return str(v)


st.title("🧪 Avaliação")
st.caption("Meça um copiloto em conversas rotuladas, campo a campo: compare versões e modelos antes de ativar.")

cards = ui.agent_cards(str(org))
if not cards:
    st.info("Nenhum copiloto nesta organização ainda. Instale um na Galeria de Copilotos.")
    st.stop()
agent_labels = {str(c.id): f"{c.icon} {c.name} (v{c.version})" for c in cards}
agent_id = st.selectbox("Copiloto", list(agent_labels), format_func=agent_labels.get, key=K + "agent")
with ui.db_session() as session:
    spec = load_agent(session, organization_id=org, agent_id=uuid.UUID(agent_id))
    key = labels.agent_key(spec)
    sets = labels.list_sets(session, organization_id=org)
    versions = agent_versions(session, organization_id=org, agent_id=spec.id) if spec.id else []
    default = labels.default_set(session, organization_id=org, agent_key=key)
    runs = eval_runs.list_runs(session, organization_id=org, agent_key=key)

tab_run, tab_results, tab_import = st.tabs(["Avaliar", "Resultados", "Importar conjunto"])

# ------------------------------------------------------------------ run
with tab_run:
    usable = [s for s in sets if key in s.agent_keys]
    if not usable:
        st.info("Nenhum conjunto rotulado tem rótulos para este copiloto. Corrija insights no Console ou importe "
                "um conjunto na aba “Importar conjunto”.")
    else:
        set_names = {str(s.id): f"{s.name} · {s.cases} caso(s) · tolerância ±{s.tolerance:g}" for s in usable}
        ids = list(set_names)
        if default is not None and str(default.id) in ids and K + "set" not in st.session_state:
            st.session_state[K + "set"] = str(default.id)
        set_id = st.selectbox("Conjunto rotulado", ids, format_func=set_names.get, key=K + "set")
        if default is not None and str(default.id) == set_id:
            st.caption("⭐ Conjunto padrão deste copiloto: o Builder o usa ao salvar uma nova versão.")
        elif st.button("Usar como conjunto padrão deste copiloto", key=K + "make_default"):
            with ui.db_session() as session:
                labels.set_default(session, organization_id=org, agent_key=key, set_id=uuid.UUID(set_id))
            st.rerun()
        c1, c2 = st.columns(2)
        chosen_versions = c1.multiselect("Versões", versions or [spec.version], default=[spec.version],
                                         format_func=lambda v: f"v{v}" + (" (atual)" if v == spec.version else ""),
                                         key=K + "versions")
        model_opts = [OWN_MODEL, *SUGGESTED_MODELS]
        chosen_models = c2.multiselect(
            "Modelos", model_opts, default=[OWN_MODEL], key=K + "models",
            format_func=lambda m: "Modelo da versão" if m == OWN_MODEL else m)
        other = c2.text_input("Outro modelo (opcional)", key=K + "other_model", placeholder="ex.: local/llama3.1")
        models: list[str | None] = [None if m == OWN_MODEL else m for m in chosen_models]
        if other.strip():
            models.append(other.strip())
        if st.button("Avaliar", key=K + "run", type="primary", icon=":material/play_arrow:"):
            bar = st.progress(0.0, text="Preparando…")
            try:
                reports = eval_runs.evaluate_matrix(
                    organization_id=org, agent_id=spec.id or uuid.UUID(agent_id), set_id=uuid.UUID(set_id),
                    versions=chosen_versions, models=models, user_id=user.user_id,
                    progress=lambda step, done, total: bar.progress(done / max(total, 1),
                                                                    text=f"{step}: {done}/{total} casos"))
            except CopilotError as err:
                st.error(f"Avaliação falhou: {err.user_message}")
            else:
                bar.progress(1.0, text="Concluído")
                st.session_state[K + "run_sel"] = str(reports[-1].run_id)
                st.success(f"{len(reports)} avaliação(ões) concluída(s). Veja a aba “Resultados”.")
                with ui.db_session() as session:
                    runs = eval_runs.list_runs(session, organization_id=org, agent_key=key)

# ------------------------------------------------------------------ results
with tab_results:
    if not runs:
        st.info("Nenhuma avaliação deste copiloto ainda.")
    else:
        by_id = {str(r.id): r for r in runs}
        if st.session_state.get(K + "run_sel") not in by_id:
            st.session_state[K + "run_sel"] = str(runs[0].id)
        run_id = st.selectbox("Execução", list(by_id), format_func=lambda i: by_id[i].label, key=K + "run_sel")
        run = by_id[run_id]
        base_opts = [""] + [i for i in by_id if i != run_id]
        base_id = st.selectbox("Comparar com (linha de base)", base_opts, key=K + "base_sel",
                               format_func=lambda i: by_id[i].label if i else "Nenhuma")
        base = by_id.get(base_id) if base_id else None
        m = run.metrics
        lat, tok = m.get("latency_ms") or {}, m.get("tokens") or {}
        c = [*st.columns(3), *st.columns(3)]
        c[0].metric("Acerto geral", pct((m.get("overall") or {}).get("accuracy")),
                    delta=None if base is None or (base.metrics.get("overall") or {}).get("accuracy") is None
                    or (m.get("overall") or {}).get("accuracy") is None else
                    f"{((m['overall']['accuracy'] - base.metrics['overall']['accuracy']) * 100):+.1f} p.p.".replace(".", ",", 1))
        c[1].metric("Schema válido", pct(m.get("schema_valid_rate")))
        c[2].metric("Evidência válida", pct(m.get("evidence_valid_rate")),
                    help="Citações conferidas na conversa; “—” quando os insights não trazem citações.")
        c[3].metric("Tokens", f"{tok.get('prompt', 0)}+{tok.get('completion', 0)}")
        c[4].metric("Custo", ui.usd(m.get("cost_usd"), 6))
        c[5].metric("Latência p50/p95", f"{lat.get('p50')}/{lat.get('p95')} ms")
        engines = ", ".join(f"{k} ({v})" for k, v in (m.get("engines") or {}).items())
        st.caption(f"Motor: {engines} · {run.cases} caso(s) · versão v{run.agent_version}"
                   + (f" · modelo forçado: {run.model_override}" if run.model_override else ""))
        if "offline" in (m.get("engines") or {}):
            st.caption("“offline” é o analisador determinístico (sem modelo): lê palavras, não significado.")
        deltas = eval_runs.compare(m, base.metrics) if base is not None else {}
        rows = []
        for name, f in (m.get("fields") or {}).items():
            d = deltas.get(name)
            rows.append({
                "Campo": name, "Tipo": TYPE_LABELS.get(f["type"], f["type"]), "Acertos": f["correct"],
                "Total": f["total"], "Acurácia": pct(f["accuracy"]),
                "Precisão": pct(f.get("precision")) if f["type"] == "ARRAY" else "",
                "Recall": pct(f.get("recall")) if f["type"] == "ARRAY" else "",
                **({"Δ vs base": "—" if d is None else f"{d * 100:+.1f} p.p.".replace(".", ",", 1)}
                   if base is not None else {}),
            })
        styler = pd.DataFrame(rows).style
        if base is not None:
            styler = styler.map(lambda v: "color: #0a7d32; font-weight: 600" if v.startswith("+") and v[1:4] != "0,0"
                                else "color: #c62828; font-weight: 600" if v.startswith("-") and v[1:4] != "0,0"
                                else "", subset=["Δ vs base"])
        st.subheader("Por campo")
        st.dataframe(styler, hide_index=True, key=K + "fields")
        if m.get("unscored"):
            st.caption(f"Campos de texto (listados, não pontuados): {', '.join(m['unscored'])}")
        enum_fields = [n for n, f in (m.get("fields") or {}).items() if f["type"] in ("ENUM", "BOOLEAN")]
        if enum_fields:
            st.subheader("Matriz de confusão")
            cm_field = st.selectbox("Campo", enum_fields, key=K + "cm_field")
            exp_labels, got_labels, counts = eval_metrics.confusion_matrix(m["fields"][cm_field])
            fig = px.imshow(counts, x=got_labels, y=exp_labels, text_auto=True, color_continuous_scale="Blues",
                            labels={"x": "Previsto", "y": "Esperado", "color": "Casos"}, aspect="auto")
            fig.update_layout(height=max(300, 60 * len(exp_labels) + 120), margin={"t": 30})
            st.plotly_chart(fig, key=K + "cm")
        with ui.db_session() as session:
            missed = eval_runs.misses(session, organization_id=org, run_id=run.id)
        tol = next((s.tolerance for s in sets if s.id == run.set_id), 1.0)
        st.subheader(f"Erros · {len(missed)}")
        if not missed:
            st.caption("Nenhum erro nesta execução.")
        for miss in missed:
            with st.expander(f"{miss.ref} · {miss.field}: esperado {show(miss.expected, tol)} — veio {show(miss.got)}"):
                if miss.error:
                    st.error(miss.error)
                st.markdown("**Trecho da conversa**")
                for author, text in miss.excerpt:
                    who = {"lead": "🧑 Lead", "seller": "💼 Vendedor", "bot": "🤖 Bot"}.get(author, author)
                    st.markdown(f"{who}: {html.escape(text)}")
                st.markdown("**Payload**")
                st.json(miss.payload or {}, expanded=False)

# ------------------------------------------------------------------ import
with tab_import:
    st.caption("Envie as conversas no formato de fixture (.json) e um labels.json "
               "`{\"<id da conversa>\": {\"<chave do agente>\": {\"<campo>\": valor}}}` — ou um .zip com a pasta. "
               "Número esperado: um valor (comparado com a tolerância do conjunto) ou um intervalo "
               "`{\"min\": a, \"max\": b}`.")
    with st.form(K + "import_form"):
        uploads = st.file_uploader("Arquivos", type=["json", "zip"], accept_multiple_files=True, key=K + "files")
        set_name = st.text_input("Nome do conjunto", key=K + "set_name")
        tolerance = st.number_input("Tolerância para números (±)", min_value=0.0, value=1.0, step=0.5, key=K + "tol")
        submitted = st.form_submit_button("Importar", type="primary")
    if submitted:
        try:
            files = labels.upload_files([(u.name, u.getvalue()) for u in uploads or []])
            with ui.db_session() as session:
                report = labels.import_files(session, organization_id=org, files=files, name=set_name,
                                             tolerance=tolerance)
        except CopilotError as err:
            st.error(f"Importação falhou: {err.user_message}")
        else:
            st.success(f"Conjunto “{report.set_name}”: {report.cases} caso(s), {report.labels} rótulo(s) importados"
                       + (" (formato legado convertido)." if report.legacy else "."))
            if report.errors:
                st.warning(f"{len(report.errors)} linha(s) com erro não foram importadas:")
                st.dataframe(pd.DataFrame([{"Conversa / arquivo": e.ref, "Erro": e.message}
                                           for e in report.errors]), hide_index=True, key=K + "import_errors")
