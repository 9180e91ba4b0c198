"""Evaluation runs: an agent version (optionally with a model override) on a labelled set, field by field.

Every case goes through ``engine.runner.run_agent``, the function the worker uses, so an evaluation
measures exactly what production runs. Model calls run in a bounded thread pool
(``Settings.eval_concurrency``); the offline engine runs in-line (it is CPU-bound). Results are
stored (``eval_run`` + one ``eval_result`` per case) so that any two runs can be compared later.

``evaluate`` is an entry point (it opens its own transactions: one to read the cases, none while the
model works, one to store the run); the other functions take the caller's session.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.agents import AgentSpec
from engine.config import Settings, get_settings
from engine.conversation import Conversation, ConversationError, conversation_from_ticket, parse_conversation
from engine.db import session_scope
from engine.eval_metrics import FieldScore, hit, latency_summary
from engine.gateway import GatewayError, Usage, resolve_model
from engine.labels import LabelError, agent_key
from engine.models import AiAgentVersion, EvalResult, EvalRun, FieldType, LabelCase, LabelSet, Organization
from engine.org_settings import OrgSettings
from engine.runner import run_agent

Progress = Callable[[int, int], None]
COMPLETED, FAILED = "COMPLETED", "FAILED"


@dataclass(frozen=True)
class EvalCase:
    case_id: uuid.UUID | None
    ref: str
    conversation: Conversation | None
    expected: dict[str, Any]
    load_error: str | None = None


@dataclass
class CaseResult:
    case_id: uuid.UUID | None
    ref: str
    status: str  # SUCCEEDED | FAILED
    engine: str | None
    model: str | None
    payload: dict[str, Any] | None
    error: str | None
    latency_ms: int
    usage: Usage
    outcome: dict[str, dict[str, Any]] = field(default_factory=dict)
    evidence_valid: bool | None = None


@dataclass(frozen=True)
class EvalReport:
    """A finished (stored) evaluation run."""

    run_id: uuid.UUID
    agent_key: str
    agent_name: str
    agent_version: int
    set_name: str
    model_override: str | None
    cases: int
    metrics: dict[str, Any]


# ------------------------------------------------------------------------------ cases
def load_cases(session: Session, *, organization_id: uuid.UUID, set_id: uuid.UUID, key: str) -> list[EvalCase]:
    """The set's cases that label agent ``key`` (tickets read from the database, scoped to the org)."""
    rows = session.scalars(select(LabelCase).where(
        LabelCase.organization_id == organization_id, LabelCase.set_id == set_id,
        LabelCase.labels.has_key(key)).order_by(LabelCase.ref)).all()
    cases = []
    for row in rows:
        expected = dict(row.labels.get(key) or {})
        try:
            if row.conversation is not None:
                conv = parse_conversation(row.conversation, source=row.ref)
            elif row.ticket_id is not None:
                conv = conversation_from_ticket(session, organization_id=organization_id, ticket_id=row.ticket_id)
            else:
                raise ConversationError(f"{row.ref}: o caso não tem conversa nem ticket")
        except ConversationError as err:
            cases.append(EvalCase(row.id, row.ref, None, expected, load_error=str(err)))
            continue
        cases.append(EvalCase(row.id, row.ref, conv, expected))
    return cases


def agent_version_spec(session: Session, *, organization_id: uuid.UUID, agent: AgentSpec, version: int) -> AgentSpec:
    """The agent as it was at ``version`` (from its immutable snapshot)."""
    if version == agent.version:
        return agent
    snap = session.scalar(select(AiAgentVersion).where(
        AiAgentVersion.organization_id == organization_id, AiAgentVersion.agent_id == agent.id,
        AiAgentVersion.version == version))
    if snap is None:
        raise LabelError(f"versão {version} de '{agent.name}' não encontrada")
    return AgentSpec.model_validate({**snap.definition, "id": agent.id, "organization_id": organization_id,
                                     "version": version})


def agent_versions(session: Session, *, organization_id: uuid.UUID, agent_id: uuid.UUID) -> list[int]:
    return list(session.scalars(select(AiAgentVersion.version).where(
        AiAgentVersion.organization_id == organization_id, AiAgentVersion.agent_id == agent_id)
        .order_by(AiAgentVersion.version.desc())))


# ------------------------------------------------------------------------------ running
_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def evidence_valid(payload: dict[str, Any] | None, conv: Conversation) -> bool | None:
    """True when every citation's quote is found in the cited message; None when the insight carries
    no ``citations`` (agents before the evidence feature)."""
    cites = (payload or {}).get("citations")
    if not isinstance(cites, list):
        return None
    if not cites:
        return False
    by_id: dict[str, str] = {}
    for i, m in enumerate(conv.messages, start=1):
        by_id[str(i)] = m.text
        mid = getattr(m, "id", None)
        if mid:
            by_id[str(mid)] = m.text
    for c in cites:
        if not isinstance(c, dict):
            return False
        text = by_id.get(str(c.get("message_id")))
        quote = _norm(str(c.get("quote") or ""))
        if text is None or not quote or quote not in _norm(text):
            return False
    return True


def score_case(agent: AgentSpec, expected: dict[str, Any], payload: dict[str, Any] | None,
               tolerance: float) -> dict[str, dict[str, Any]]:
    """Per labelled field: expected, got and hit (None for STRING). A failed run misses every field."""
    out: dict[str, dict[str, Any]] = {}
    for name, exp in expected.items():
        spec = agent.field(name)
        if spec is None:
            continue
        got = (payload or {}).get(name)
        out[name] = {"expected": exp, "got": got,
                     "hit": hit(spec, exp, got, tolerance) if payload is not None
                     else (None if spec.field_type is FieldType.STRING else False)}
    return out


def run_case(agent: AgentSpec, case: EvalCase, *, model: str | None, tolerance: float,
             org_settings: OrgSettings | None, settings: Settings) -> CaseResult:
    """One case through ``run_agent``; a model failure is a FAILED result (not schema-valid)."""
    if case.conversation is None:
        return CaseResult(case.case_id, case.ref, "FAILED", None, None, None, case.load_error, 0, Usage(),
                          score_case(agent, case.expected, None, tolerance))
    try:
        outcome = run_agent(agent, case.conversation, model=model, org_settings=org_settings, settings=settings)
    except GatewayError as err:
        return CaseResult(case.case_id, case.ref, "FAILED", "litellm", err.model, None, err.message, 0, err.usage,
                          score_case(agent, case.expected, None, tolerance))
    return CaseResult(case.case_id, case.ref, "SUCCEEDED", outcome.engine, outcome.model, outcome.payload, None,
                      outcome.latency_ms, outcome.usage, score_case(agent, case.expected, outcome.payload, tolerance),
                      evidence_valid(outcome.payload, case.conversation))


def execute(agent: AgentSpec, cases: list[EvalCase], *, model: str | None = None, tolerance: float = 1.0,
            org_settings: OrgSettings | None = None, progress: Progress | None = None,
            settings: Settings | None = None, concurrency: int | None = None) -> list[CaseResult]:
    """Run every case (no database). Raises UnknownModelError before any run for an unroutable model."""
    settings = settings or get_settings()
    route = resolve_model(model or agent.model, settings)
    results: list[CaseResult] = []
    total = len(cases)

    def one(case: EvalCase) -> CaseResult:
        return run_case(agent, case, model=model, tolerance=tolerance, org_settings=org_settings, settings=settings)

    if route.engine == "offline" or total <= 1:
        for case in cases:
            results.append(one(case))
            if progress:
                progress(len(results), total)
    else:
        with ThreadPoolExecutor(max_workers=min(total, concurrency or settings.eval_concurrency),
                                thread_name_prefix="eval") as pool:
            for fut in as_completed([pool.submit(one, c) for c in cases]):
                results.append(fut.result())
                if progress:
                    progress(len(results), total)
    order = {c.ref: i for i, c in enumerate(cases)}
    return sorted(results, key=lambda r: order.get(r.ref, 0))


def summarise(agent: AgentSpec, results: list[CaseResult]) -> dict[str, Any]:
    """Metrics of a run: per scored field, overall, schema-valid and evidence-valid rates, tokens, cost,
    latency p50/p95 and the engines used."""
    scores: dict[str, FieldScore] = {}
    unscored: set[str] = set()
    for f in agent.fields:
        if f.field_type is FieldType.STRING:
            unscored.add(f.field_name)
    for r in results:
        for name, o in r.outcome.items():
            spec = agent.field(name)
            if spec is None or spec.field_type is FieldType.STRING:
                continue
            scores.setdefault(name, FieldScore(name, spec.field_type)).add(o["expected"], o["got"], bool(o["hit"]))
    order = [f.field_name for f in agent.fields]
    fields = {n: scores[n].to_json() for n in sorted(scores, key=order.index)}
    correct = sum(s.correct for s in scores.values())
    total = sum(s.total for s in scores.values())
    ok = [r for r in results if r.status == "SUCCEEDED"]
    evid = [r.evidence_valid for r in ok if r.evidence_valid is not None]
    usage = sum((r.usage for r in results), Usage())
    return {
        "fields": fields,
        "unscored": sorted(unscored, key=order.index),
        "overall": {"correct": correct, "total": total, "accuracy": correct / total if total else None},
        "schema_valid_rate": len(ok) / len(results) if results else None,
        "evidence_valid_rate": sum(evid) / len(evid) if evid else None,
        "failed": len(results) - len(ok),
        "tokens": {"prompt": usage.prompt_tokens, "completion": usage.completion_tokens},
        "cost_usd": round(usage.cost_usd, 6),
        "latency_ms": latency_summary([r.latency_ms for r in ok]),
        "engines": dict(Counter(r.engine or "—" for r in results)),
        "models": dict(Counter(r.model or "—" for r in results)),
    }


# ------------------------------------------------------------------------------ storing
def record(session: Session, *, organization_id: uuid.UUID, label_set: LabelSet, agent: AgentSpec,
           model_override: str | None, results: list[CaseResult], metrics: dict[str, Any],
           user_id: uuid.UUID | None = None) -> EvalRun:
    """Store the run and its results. Flushes, never commits."""
    run = EvalRun(organization_id=organization_id, set_id=label_set.id, agent_id=agent.id, agent_key=agent_key(agent),
                  agent_name=agent.name, agent_version=agent.version, model_override=model_override,
                  status=COMPLETED, cases=len(results), metrics=metrics, created_by=user_id)
    session.add(run)
    session.flush()
    session.add_all([EvalResult(
        organization_id=organization_id, run_id=run.id, case_id=r.case_id, ref=r.ref, status=r.status,
        engine=r.engine, model=r.model, payload=r.payload, error=r.error, outcome=r.outcome,
        evidence_valid=r.evidence_valid, latency_ms=r.latency_ms, prompt_tokens=r.usage.prompt_tokens,
        completion_tokens=r.usage.completion_tokens, cost_usd=Decimal(str(round(r.usage.cost_usd, 6))),
    ) for r in results])
    session.flush()
    return run


def _report(run: EvalRun, set_name: str) -> EvalReport:
    return EvalReport(run_id=run.id, agent_key=run.agent_key, agent_name=run.agent_name,
                      agent_version=run.agent_version, set_name=set_name, model_override=run.model_override,
                      cases=run.cases, metrics=run.metrics)


def evaluate(*, organization_id: uuid.UUID, agent: AgentSpec, set_id: uuid.UUID, model: str | None = None,
             user_id: uuid.UUID | None = None, progress: Progress | None = None,
             settings: Settings | None = None) -> EvalReport:
    """Evaluate ``agent`` (this exact version) on a set and store the run. Entry point: own transactions.

    Raises LabelError (unknown set, no case labels this agent) and UnknownModelError (bad model)."""
    settings = settings or get_settings()
    resolve_model(model or agent.model, settings)  # an unroutable model fails before any work
    key = agent_key(agent)
    with session_scope() as session:
        label_set = session.scalar(select(LabelSet).where(LabelSet.id == set_id,
                                                          LabelSet.organization_id == organization_id))
        if label_set is None:
            raise LabelError("conjunto rotulado não encontrado nesta organização")
        org = session.get(Organization, organization_id)
        org_settings = OrgSettings.load(org.settings) if org is not None else None
        cases = load_cases(session, organization_id=organization_id, set_id=set_id, key=key)
        tolerance, set_name = float(label_set.tolerance), label_set.name
    if not cases:
        raise LabelError(f"o conjunto '{set_name}' não tem rótulos para '{key}'")
    results = execute(agent, cases, model=model, tolerance=tolerance, org_settings=org_settings, progress=progress,
                      settings=settings)
    metrics = summarise(agent, results)
    with session_scope() as session:
        label_set = session.get_one(LabelSet, set_id)
        run = record(session, organization_id=organization_id, label_set=label_set, agent=agent,
                     model_override=model, results=results, metrics=metrics, user_id=user_id)
        return _report(run, set_name)
