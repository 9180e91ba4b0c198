"""Stored evaluation runs: lists, the CLI's JSON shape, comparison with a baseline, misses, and the
Builder's regression check (a new version on the agent's default set vs the previous version).

Reads take the caller's session and an ``organization_id``; ``check_new_version`` is an entry point.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import String, cast, select
from sqlalchemy.orm import Session

from engine.agents import AgentSpec
from engine.conversation import ConversationError, conversation_from_ticket, parse_conversation
from engine.db import session_scope
from engine.eval_metrics import field_deltas, worse_fields
from engine.evaluation import CaseResult, EvalReport, execute, load_cases, record, summarise
from engine.labels import LabelError, agent_key, default_set
from engine.models import EvalResult, EvalRun, LabelCase, LabelSet, Organization
from engine.org_settings import OrgSettings

EXCERPT_MESSAGES = 8


@dataclass(frozen=True)
class RunInfo:
    id: uuid.UUID
    agent_key: str
    agent_name: str
    agent_version: int
    model_override: str | None
    set_id: uuid.UUID
    set_name: str
    cases: int
    metrics: dict[str, Any]
    created_at: datetime

    @property
    def label(self) -> str:
        """'v3 · offline · heldout · 02/12 01:10 · 1a2b3c4d' (for pickers)."""
        engines = "/".join(sorted(self.metrics.get("engines") or {})) or "—"
        model = self.model_override or engines
        return (f"v{self.agent_version} · {model} · {self.set_name} · {self.created_at:%d/%m %H:%M} · "
                f"{str(self.id)[:8]}")


@dataclass(frozen=True)
class Miss:
    ref: str
    field: str
    expected: Any
    got: Any
    payload: dict[str, Any] | None
    error: str | None
    excerpt: list[tuple[str, str]]  # (author, text) of the last messages


def _info(run: EvalRun, set_name: str) -> RunInfo:
    return RunInfo(id=run.id, agent_key=run.agent_key, agent_name=run.agent_name, agent_version=run.agent_version,
                   model_override=run.model_override, set_id=run.set_id, set_name=set_name, cases=run.cases,
                   metrics=run.metrics, created_at=run.created_at)


def list_runs(session: Session, *, organization_id: uuid.UUID, agent_key: str | None = None,
              set_id: uuid.UUID | None = None, limit: int = 200) -> list[RunInfo]:
    """The organisation's evaluation runs, newest first."""
    stmt = (select(EvalRun, LabelSet.name).join(LabelSet, LabelSet.id == EvalRun.set_id)
            .where(EvalRun.organization_id == organization_id, LabelSet.organization_id == organization_id))
    if agent_key is not None:
        stmt = stmt.where(EvalRun.agent_key == agent_key)
    if set_id is not None:
        stmt = stmt.where(EvalRun.set_id == set_id)
    rows = session.execute(stmt.order_by(EvalRun.created_at.desc(), EvalRun.id.desc()).limit(limit)).all()
    return [_info(r, n) for r, n in rows]


def get_run(session: Session, *, organization_id: uuid.UUID, run_ref: str) -> RunInfo:
    """A run by id or by the first characters of its id (at least 4). Raises LabelError."""
    ref = run_ref.strip().lower()
    if len(ref) < 4:
        raise LabelError(f"execução '{run_ref}': informe o id (ou ao menos 4 caracteres dele)")
    rows = session.execute(
        select(EvalRun, LabelSet.name).join(LabelSet, LabelSet.id == EvalRun.set_id)
        .where(EvalRun.organization_id == organization_id, cast(EvalRun.id, String).startswith(ref)).limit(2)).all()
    if len(rows) != 1:
        raise LabelError(f"execução de avaliação '{run_ref}' " + ("ambígua" if rows else "não encontrada"))
    return _info(rows[0][0], rows[0][1])


def json_report(report: EvalReport | RunInfo, set_name: str | None = None) -> dict[str, Any]:
    """The CLI's ``--json`` shape (exactly these keys)."""
    m = report.metrics
    lat = m.get("latency_ms") or {}
    return {
        "agent": report.agent_key,
        "set": set_name or report.set_name,
        "cases": report.cases,
        "fields": {name: {"correct": f["correct"], "total": f["total"], "accuracy": f["accuracy"]}
                   for name, f in (m.get("fields") or {}).items()},
        "overall": dict(m.get("overall") or {"correct": 0, "total": 0, "accuracy": None}),
        "schema_valid_rate": m.get("schema_valid_rate"),
        "cost_usd": m.get("cost_usd", 0.0),
        "latency_ms": {"p50": lat.get("p50"), "p95": lat.get("p95")},
    }


def compare(metrics: dict[str, Any], baseline: dict[str, Any]) -> dict[str, float | None]:
    """Accuracy delta per field against a baseline run (positive = better)."""
    return field_deltas(metrics, baseline)


def _excerpt(session: Session, organization_id: uuid.UUID, case: LabelCase | None) -> list[tuple[str, str]]:
    if case is None:
        return []
    try:
        if case.conversation is not None:
            conv = parse_conversation(case.conversation, source=case.ref)
        elif case.ticket_id is not None:
            conv = conversation_from_ticket(session, organization_id=organization_id, ticket_id=case.ticket_id)
        else:
            return []
    except ConversationError:
        return []
    return [(m.author, m.text) for m in conv.messages[-EXCERPT_MESSAGES:]]


def misses(session: Session, *, organization_id: uuid.UUID, run_id: uuid.UUID,
           field: str | None = None) -> list[Miss]:
    """Every miss of a run (optionally of one field), with the transcript's last messages and the payload."""
    rows = session.execute(
        select(EvalResult, LabelCase).outerjoin(LabelCase, (LabelCase.id == EvalResult.case_id)
                                                & (LabelCase.organization_id == organization_id))
        .where(EvalResult.organization_id == organization_id, EvalResult.run_id == run_id)
        .order_by(EvalResult.ref)).all()
    out: list[Miss] = []
    for res, case in rows:
        wrong = [(n, o) for n, o in (res.outcome or {}).items() if o.get("hit") is False and (field in (None, n))]
        if not wrong:
            continue
        excerpt = _excerpt(session, organization_id, case)
        out.extend(Miss(ref=res.ref, field=n, expected=o.get("expected"), got=o.get("got"), payload=res.payload,
                        error=res.error, excerpt=excerpt) for n, o in wrong)
    return out


# ------------------------------------------------------------------------------ Builder regression check
@dataclass(frozen=True)
class RegressionCheck:
    """The draft version on the agent's default set, against the previous version's stored run."""

    set_id: uuid.UUID
    set_name: str
    previous_run_id: uuid.UUID
    previous: dict[str, Any]
    metrics: dict[str, Any]
    results: tuple[CaseResult, ...]
    worse: tuple[str, ...]

    @property
    def deltas(self) -> dict[str, float | None]:
        return compare(self.metrics, self.previous)


def check_new_version(*, organization_id: uuid.UUID, previous: AgentSpec, draft: AgentSpec,
                      user_id: uuid.UUID | None = None) -> RegressionCheck | None:
    """Evaluate ``draft`` on the default set of ``previous``'s agent key; None when it has no default set.

    The previous version's run is reused when one is stored (same agent, version, set, no model
    override), otherwise it is evaluated and stored first. The draft's results are returned, not stored:
    ``record_version_run`` stores them once the version is saved."""
    key = agent_key(previous)
    with session_scope() as session:
        label_set = default_set(session, organization_id=organization_id, agent_key=key)
        if label_set is None:
            return None
        set_id, set_name, tolerance = label_set.id, label_set.name, float(label_set.tolerance)
        prev_run = session.scalar(select(EvalRun).where(
            EvalRun.organization_id == organization_id, EvalRun.agent_id == previous.id,
            EvalRun.agent_version == previous.version, EvalRun.set_id == set_id, EvalRun.model_override.is_(None))
            .order_by(EvalRun.created_at.desc()).limit(1))
        org = session.get(Organization, organization_id)
        org_settings = OrgSettings.load(org.settings) if org is not None else None
        cases = load_cases(session, organization_id=organization_id, set_id=set_id, key=key)
        prev = (prev_run.id, prev_run.metrics) if prev_run is not None else None
    if not cases:
        return None
    if prev is None:
        prev_results = execute(previous, cases, tolerance=tolerance, org_settings=org_settings)
        with session_scope() as session:
            run = record(session, organization_id=organization_id, label_set=session.get_one(LabelSet, set_id),
                         agent=previous, model_override=None, results=prev_results,
                         metrics=summarise(previous, prev_results), user_id=user_id)
            prev = (run.id, run.metrics)
    results = execute(draft, cases, tolerance=tolerance, org_settings=org_settings)
    metrics = summarise(draft, results)
    return RegressionCheck(set_id=set_id, set_name=set_name, previous_run_id=prev[0], previous=prev[1],
                           metrics=metrics, results=tuple(results), worse=tuple(worse_fields(metrics, prev[1])))


def record_version_run(*, organization_id: uuid.UUID, saved: AgentSpec, check: RegressionCheck,
                       user_id: uuid.UUID | None = None) -> uuid.UUID:
    """Store the draft's evaluation as the run of the version just saved."""
    with session_scope() as session:
        run = record(session, organization_id=organization_id, label_set=session.get_one(LabelSet, check.set_id),
                     agent=saved, model_override=None, results=list(check.results), metrics=check.metrics,
                     user_id=user_id)
        return run.id


# ------------------------------------------------------------------------------ Studio: versions x models
MatrixProgress = Callable[[str, int, int], None]


def evaluate_matrix(*, organization_id: uuid.UUID, agent_id: uuid.UUID, set_id: uuid.UUID, versions: list[int],
                    models: list[str | None], user_id: uuid.UUID | None = None,
                    progress: MatrixProgress | None = None) -> list[EvalReport]:
    """Evaluate each chosen version of an agent with each chosen model (None = the version's own model).

    Raises LabelError (unknown agent, version or set; nothing labelled) or UnknownModelError."""
    from engine.agents import AgentNotFoundError, load_agent
    from engine.evaluation import agent_version_spec, evaluate

    with session_scope() as session:
        try:
            current = load_agent(session, organization_id=organization_id, agent_id=agent_id)
        except AgentNotFoundError as err:
            raise LabelError(str(err)) from None
        specs = [agent_version_spec(session, organization_id=organization_id, agent=current, version=v)
                 for v in versions or [current.version]]
    reports = []
    for spec in specs:
        for model in models or [None]:
            step = f"v{spec.version} · {model or spec.model}"

            def report(done: int, total: int, step: str = step) -> None:
                if progress is not None:
                    progress(step, done, total)

            reports.append(evaluate(organization_id=organization_id, agent=spec, set_id=set_id, model=model,
                                    user_id=user_id, progress=report))
    return reports
