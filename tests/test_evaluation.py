"""Evaluation against the real database: sets and runs per organisation, "Corrigir" -> label, runs through
run_agent (offline and a model override on the local OpenAI-compatible server), stored results, baselines,
the Builder's regression check, and `copilot eval` reproducing bench/eval_offline.py on data/heldout."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from openai_stub import OpenAIStub, Reply
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from engine import eval_runs, labels
from engine.agents import find_agent, save_agent
from engine.config import get_settings
from engine.conversation import load_conversation
from engine.evaluation import evaluate, load_cases
from engine.models import EvalResult, EvalRun, LabelCase, Organization, Role, User
from engine.runner import run_and_record
from engine.seed import DATA_DIR, import_conversation, seed_demo

HELDOUT = DATA_DIR / "heldout"


def _org(session: Session, slug: str) -> Organization:
    o = Organization(slug=f"{slug}-{uuid.uuid4().hex[:6]}", name=slug, events_secret="s")
    session.add(o)
    session.flush()
    return o


@pytest.fixture
def demo(committed_db: Engine) -> uuid.UUID:
    with Session(committed_db) as session, session.begin():
        org = seed_demo(session)
        labels.install_demo_sets(session, organization_id=org.id, data_dir=DATA_DIR)
        return org.id


@pytest.fixture(scope="module")
def stub() -> Iterator[OpenAIStub]:
    with OpenAIStub() as server:
        yield server


@pytest.fixture
def model_server(stub: OpenAIStub, monkeypatch: pytest.MonkeyPatch) -> Iterator[OpenAIStub]:
    stub.reset()
    monkeypatch.setenv("OPENAI_COMPATIBLE_BASE_URL", stub.base_url)
    monkeypatch.setenv("MODEL_RETRY_BACKOFF_SECONDS", "0")
    get_settings.cache_clear()
    yield stub
    stub.reset()
    get_settings.cache_clear()


# ------------------------------------------------------------------------------ sets and tenancy
def test_import_folder_is_scoped_to_the_organisation(session: Session) -> None:
    a, b = _org(session, "a"), _org(session, "b")
    report = labels.import_folder(session, organization_id=a.id, path=HELDOUT)
    assert (report.set_name, report.cases, report.errors, report.legacy) == ("heldout", 24, [], True)
    again = labels.import_folder(session, organization_id=a.id, path=HELDOUT)  # idempotent upsert
    assert again.set_id == report.set_id
    assert session.scalar(select(func.count()).select_from(LabelCase).where(LabelCase.set_id == report.set_id)) == 24
    [info] = labels.list_sets(session, organization_id=a.id)
    assert info.cases == 24 and "closing_coach" in info.agent_keys and info.tolerance == 1.0
    assert labels.list_sets(session, organization_id=b.id) == []
    with pytest.raises(labels.LabelError, match="não encontrado"):
        labels.find_set(session, organization_id=b.id, name_or_id="heldout")
    with pytest.raises(labels.LabelError, match="não encontrado"):
        labels.find_set(session, organization_id=b.id, name_or_id=str(report.set_id))
    assert load_cases(session, organization_id=b.id, set_id=report.set_id, key="closing_coach") == []
    assert len(load_cases(session, organization_id=a.id, set_id=report.set_id, key="closing_coach")) == 24
    assert len(load_cases(session, organization_id=a.id, set_id=report.set_id, key="icp_mapper")) == 8


def test_a_case_can_be_a_ticket_of_the_organisation(session: Session, tmp_path: Path) -> None:
    org = seed_demo(session)
    import_conversation(session, org=org, conv=load_conversation(DATA_DIR / "conversations" / "conv-017.json"))
    (tmp_path / "labels.json").write_text('{"conv-017": {"traffic_feedback": {"lossReason": "PRICE"}},'
                                          ' "conv-999": {"traffic_feedback": {"lossReason": "PRICE"}}}')
    report = labels.import_folder(session, organization_id=org.id, path=tmp_path, name="tickets")
    assert report.cases == 1 and [e.ref for e in report.errors] == ["conv-999"]
    [case] = load_cases(session, organization_id=org.id, set_id=report.set_id, key="traffic_feedback")
    assert case.conversation is not None and case.conversation.ticket.status.value == "LOST"
    other = _org(session, "other")
    assert labels.import_folder(session, organization_id=other.id, path=tmp_path, name="t").cases == 0


# ------------------------------------------------------------------------------ Corrigir -> label
def test_corrigir_stores_a_label_and_who_corrected_when(session: Session) -> None:
    org = seed_demo(session)
    ticket = import_conversation(session, org=org, conv=load_conversation(DATA_DIR / "conversations" / "conv-040.json"))
    agent = find_agent(session, organization_id=org.id, key_or_id="closing_coach")
    out = run_and_record(session, organization_id=org.id, agent=agent, ticket_id=ticket.id, model="offline")
    assert out.insight_id is not None
    users = {u.role: u for u in session.scalars(select(User).where(User.organization_id == org.id))}
    coord = users[Role.COORDINATOR]
    fix = labels.record_correction(session, organization_id=org.id, insight_id=out.insight_id, user_id=coord.id,
                                   values={"concern": "PRICE", "hesitationDetected": True})
    case = session.get(LabelCase, fix.case_id)
    assert case is not None and case.ticket_id == ticket.id and case.ref == "conv-040"
    assert case.labels == {"closing_coach": {"concern": "PRICE", "hesitationDetected": True}}
    info = labels.corrections_for(session, organization_id=org.id, insight_ids=[out.insight_id])[out.insight_id]
    assert info.user_name == coord.name and info.values["concern"] == "PRICE" and info.created_at is not None
    # a second correction by the director merges into the same case
    labels.record_correction(session, organization_id=org.id, insight_id=out.insight_id,
                             user_id=users[Role.DIRECTOR].id, values={"hesitationDetected": False})
    session.refresh(case)
    assert case.labels == {"closing_coach": {"concern": "PRICE", "hesitationDetected": False}}
    corrections = labels.find_set(session, organization_id=org.id, name_or_id=labels.CORRECTIONS_SET)
    [ev_case] = load_cases(session, organization_id=org.id, set_id=corrections.id, key="closing_coach")
    assert ev_case.conversation is not None and ev_case.expected["hesitationDetected"] is False
    with pytest.raises(labels.LabelError, match="coordenação ou a diretoria"):
        labels.record_correction(session, organization_id=org.id, insight_id=out.insight_id,
                                 user_id=users[Role.SELLER].id, values={"concern": "PRICE"})
    with pytest.raises(labels.LabelError, match="não pode ser corrigido"):
        labels.record_correction(session, organization_id=org.id, insight_id=out.insight_id, user_id=coord.id,
                                 values={"tip": "x"})
    with pytest.raises(labels.LabelError, match="opções"):
        labels.record_correction(session, organization_id=org.id, insight_id=out.insight_id, user_id=coord.id,
                                 values={"concern": "EXPENSIVE"})
    other = _org(session, "other")
    with pytest.raises(labels.LabelError):
        labels.record_correction(session, organization_id=other.id, insight_id=out.insight_id, user_id=coord.id,
                                 values={"concern": "PRICE"})
    assert labels.corrections_for(session, organization_id=other.id, insight_ids=[out.insight_id]) == {}


# ------------------------------------------------------------------------------ runs
def _bench_scores() -> dict[str, tuple[int, int]]:
    from bench.eval_offline import run_all

    scores, trig = run_all(HELDOUT)
    out = {name: (s.hits, s.total) for name, s in scores.items()}
    out["_triggers"] = (trig["tp"], trig["tp"] + trig["fp"])
    out["_triggers_recall"] = (trig["tp"], trig["tp"] + trig["fn"])
    return out


BENCH_NAMES = {  # bench/eval_offline.py row -> (agent key, field)
    "concern (closing_coach)": ("closing_coach", "concern"),
    "hesitation (now) vs label": ("closing_coach", "hesitationDetected"),
    "lossReason (LOST)": ("traffic_feedback", "lossReason"),
    "leadQualified": ("traffic_feedback", "leadQualified"),
    "campaignMismatch": ("traffic_feedback", "campaignMismatch"),
    "purchaseConfirmed": ("capi_auditor", "purchaseConfirmed"),
    "lifeStage (WON)": ("icp_mapper", "lifeStage"),
    "decisionDriver (WON)": ("icp_mapper", "decisionDriver"),
    "ghosting (OPEN, risk>=60)": ("ghosting_sentinel", "ghostingRisk"),
    "empathetic (empathy>=7)": ("qa_auditor", "empathyScore"),
    "persuasionTriggers (exact set)": ("qa_auditor", "persuasionTriggers"),
}


def test_eval_reproduces_bench_eval_offline_on_heldout(demo: uuid.UUID, committed_db: Engine) -> None:
    bench = _bench_scores()
    metrics: dict[str, dict] = {}
    with Session(committed_db) as session:
        heldout = labels.find_set(session, organization_id=demo, name_or_id="heldout")
        agents = {k: find_agent(session, organization_id=demo, key_or_id=k) for k, _ in BENCH_NAMES.values()}
    for key, agent in agents.items():
        seen: list[tuple[int, int]] = []
        report = evaluate(organization_id=demo, agent=agent, set_id=heldout.id, model="offline",
                          progress=lambda d, t, seen=seen: seen.append((d, t)))
        assert seen[-1] == (report.cases, report.cases)
        assert report.metrics["engines"] == {"offline": report.cases} and report.metrics["schema_valid_rate"] == 1.0
        assert report.metrics["evidence_valid_rate"] is None or 0 <= report.metrics["evidence_valid_rate"] <= 1
        metrics[key] = report.metrics
    for name, (key, fname) in BENCH_NAMES.items():
        f = metrics[key]["fields"][fname]
        assert (f["correct"], f["total"]) == bench[name], name
    qa = metrics["qa_auditor"]["fields"]["persuasionTriggers"]
    assert qa["precision"] == pytest.approx(bench["_triggers"][0] / bench["_triggers"][1])
    assert qa["recall"] == pytest.approx(bench["_triggers_recall"][0] / bench["_triggers_recall"][1])
    # purchaseValue: the bench scores it only where both sides confirmed the purchase = our answered cases
    pv = metrics["capi_auditor"]["fields"]["purchaseValue"]
    assert (pv["answered_correct"], pv["answered"]) == bench["purchaseValue (both confirmed)"]
    assert metrics["closing_coach"]["unscored"] == ["tip", "suggestedReply"]


def test_runs_are_stored_compared_and_scoped(demo: uuid.UUID, committed_db: Engine,
                                             model_server: OpenAIStub) -> None:
    with Session(committed_db) as session:
        agent = find_agent(session, organization_id=demo, key_or_id="closing_coach")
        set_id = labels.find_set(session, organization_id=demo, name_or_id="heldout").id
    offline = evaluate(organization_id=demo, agent=agent, set_id=set_id, model="offline")
    model = evaluate(organization_id=demo, agent=agent, set_id=set_id, model="local/eval-test")
    m = model.metrics
    assert m["engines"] == {"litellm": 24} and m["schema_valid_rate"] == 1.0
    assert m["tokens"]["prompt"] > 0 and m["latency_ms"]["p50"] is not None
    assert len(model_server.requests) == 24
    # the stub answers the first enum value for everything: concern is PRICE on every case
    assert m["fields"]["concern"]["confusion"].get("PRICE", {}).get("PRICE", 0) >= 1
    assert set(m["fields"]["concern"]["confusion"]["TRUST"]) == {"PRICE"}
    with Session(committed_db) as session:
        assert session.scalar(select(func.count()).select_from(EvalResult).where(
            EvalResult.run_id == model.run_id)) == 24
        runs = eval_runs.list_runs(session, organization_id=demo, agent_key="closing_coach")
        assert [r.id for r in runs][:2] == [model.run_id, offline.run_id]
        got = eval_runs.get_run(session, organization_id=demo, run_ref=str(offline.run_id)[:8])
        assert got.id == offline.run_id and got.metrics == offline.metrics
        deltas = eval_runs.compare(model.metrics, got.metrics)
        assert deltas["concern"] == pytest.approx(m["fields"]["concern"]["accuracy"]
                                                  - offline.metrics["fields"]["concern"]["accuracy"])
        missed = eval_runs.misses(session, organization_id=demo, run_id=model.run_id, field="concern")
        assert len(missed) == 24 - m["fields"]["concern"]["correct"]
        assert missed[0].excerpt and missed[0].payload is not None and missed[0].got == "PRICE"
        other = _org(session, "other")
        session.commit()
        assert eval_runs.list_runs(session, organization_id=other.id) == []
        with pytest.raises(labels.LabelError, match="não encontrada"):
            eval_runs.get_run(session, organization_id=other.id, run_ref=str(model.run_id))
        assert eval_runs.misses(session, organization_id=other.id, run_id=model.run_id) == []
    shape = eval_runs.json_report(model)
    assert set(shape) == {"agent", "set", "cases", "fields", "overall", "schema_valid_rate", "cost_usd", "latency_ms"}


def test_a_failed_model_answer_is_not_schema_valid(demo: uuid.UUID, committed_db: Engine,
                                                   model_server: OpenAIStub) -> None:
    with Session(committed_db) as session:
        agent = find_agent(session, organization_id=demo, key_or_id="closing_coach")
        set_id = labels.find_set(session, organization_id=demo, name_or_id="heldout").id
    model_server.enqueue(Reply.json({"oops": 1}), Reply.json({"oops": 2}))  # first case: invalid twice
    settings = get_settings().model_copy(update={"eval_concurrency": 1})
    report = evaluate(organization_id=demo, agent=agent, set_id=set_id, model="local/eval-test", settings=settings)
    assert report.metrics["failed"] == 1 and report.metrics["schema_valid_rate"] == pytest.approx(23 / 24)
    with Session(committed_db) as session:
        failed = session.scalars(select(EvalResult).where(EvalResult.run_id == report.run_id,
                                                          EvalResult.status == "FAILED")).all()
        assert len(failed) == 1 and failed[0].error and failed[0].payload is None
        assert all(o["hit"] is False for o in failed[0].outcome.values())


def test_builder_regression_check_flags_a_worse_version(demo: uuid.UUID, committed_db: Engine,
                                                        model_server: OpenAIStub) -> None:
    with Session(committed_db) as session, session.begin():
        agent = find_agent(session, organization_id=demo, key_or_id="closing_coach")
        previous = save_agent(session, organization_id=demo, spec=agent.model_copy(update={"model": "offline"}))
    draft = previous.model_copy(update={"model": "local/eval-test"})
    check = eval_runs.check_new_version(organization_id=demo, previous=previous, draft=draft)
    assert check is not None and check.set_name == "heldout"
    assert "concern" in check.worse and check.deltas["concern"] < 0
    with Session(committed_db) as session:
        prev_run = session.get(EvalRun, check.previous_run_id)
        assert prev_run is not None and prev_run.agent_version == previous.version  # stored for the old version
    # no default set for a key -> no check
    with Session(committed_db) as session, session.begin():
        custom = save_agent(session, organization_id=demo, spec=previous.model_copy(update={
            "id": None, "template_key": None, "name": "Sem conjunto"}))
    assert eval_runs.check_new_version(organization_id=demo, previous=custom, draft=custom) is None
