"""Labelled sets in the database: sets, cases, imports, console corrections and default sets.

Every read and write is scoped to an ``organization_id``; helpers flush, never commit (the caller
owns the transaction). A case is a ticket of the organisation (``ticket_id``) or a fixture
conversation (``conversation``), with ``labels = {"<agent key>": {"<field>": <expected>}}``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from engine.agents import AgentSpec, list_agents
from engine.conversation import ConversationError
from engine.errors import InvalidInput
from engine.eval_metrics import SCORED_TYPES, LabelValueError, check_expected
from engine.labels_import import ParsedSet, RowError, parse_files, read_folder
from engine.models import (
    AiAgent,
    AiInsight,
    EvalDefault,
    LabelCase,
    LabelCorrection,
    LabelSet,
    Role,
    Ticket,
    TicketStatus,
    User,
)
from engine.schema_compiler import FieldSpec
from engine.templates import TEMPLATES

CORRECTIONS_SET = "Correções do console"
CORRECTOR_ROLES = frozenset({Role.DIRECTOR, Role.COORDINATOR})


class LabelError(InvalidInput):
    """A labelled-set operation that cannot be done; ``str(err)`` is pt-BR for the user."""


@dataclass(frozen=True)
class SetInfo:
    id: uuid.UUID
    name: str
    description: str
    tolerance: float
    source: str
    cases: int
    agent_keys: tuple[str, ...]
    created_at: datetime


@dataclass(frozen=True)
class ImportReport:
    set_id: uuid.UUID
    set_name: str
    cases: int
    labels: int
    errors: list[RowError]
    legacy: bool = False


@dataclass(frozen=True)
class CorrectionInfo:
    """Shown on a corrected insight: who, when, which values."""

    insight_id: uuid.UUID
    user_name: str | None
    created_at: datetime
    values: dict[str, Any]


def agent_key(spec: AgentSpec) -> str:
    """The key labels use for an agent: its template key, else its id."""
    return spec.template_key or str(spec.id)


def agents_by_key(session: Session, *, organization_id: uuid.UUID) -> dict[str, AgentSpec]:
    """Agents labels may name: the six templates, the organisation's copies (by template key, the
    oldest copy) and every agent by id."""
    out: dict[str, AgentSpec] = dict(TEMPLATES)
    template_copies: dict[str, AgentSpec] = {}
    for spec in list_agents(session, organization_id=organization_id):
        out[str(spec.id)] = spec
        if spec.template_key and spec.template_key not in template_copies:
            template_copies[spec.template_key] = spec
    out.update(template_copies)
    return out


# ------------------------------------------------------------------------------ sets
def get_or_create_set(session: Session, *, organization_id: uuid.UUID, name: str, tolerance: float | None = None,
                      source: str = "manual", description: str | None = None) -> LabelSet:
    name = name.strip()
    if not name:
        raise LabelError("dê um nome ao conjunto")
    row = session.scalar(select(LabelSet).where(LabelSet.organization_id == organization_id, LabelSet.name == name))
    if row is None:
        row = LabelSet(organization_id=organization_id, name=name, source=source, description=description or "",
                       tolerance=1.0 if tolerance is None else tolerance)
        session.add(row)
        session.flush()
    else:
        if tolerance is not None:
            row.tolerance = tolerance
        if description is not None:
            row.description = description
    if row.tolerance < 0:
        raise LabelError("a tolerância não pode ser negativa")
    return row


def find_set(session: Session, *, organization_id: uuid.UUID, name_or_id: str) -> LabelSet:
    """A set of the organisation by id or name. Raises LabelError when unknown."""
    try:
        set_id: uuid.UUID | None = uuid.UUID(name_or_id)
    except ValueError:
        set_id = None
    cond = LabelSet.id == set_id if set_id is not None else LabelSet.name == name_or_id
    row = session.scalar(select(LabelSet).where(LabelSet.organization_id == organization_id, cond))
    if row is None:
        raise LabelError(f"conjunto rotulado '{name_or_id}' não encontrado nesta organização")
    return row


def list_sets(session: Session, *, organization_id: uuid.UUID) -> list[SetInfo]:
    sets = session.scalars(select(LabelSet).where(LabelSet.organization_id == organization_id)
                           .order_by(LabelSet.created_at, LabelSet.name)).all()
    counts = dict(session.execute(
        select(LabelCase.set_id, func.count()).where(LabelCase.organization_id == organization_id)
        .group_by(LabelCase.set_id)).tuples().all())
    keys: dict[uuid.UUID, set[str]] = {}
    for set_id, key in session.execute(
            select(LabelCase.set_id, func.jsonb_object_keys(LabelCase.labels))
            .where(LabelCase.organization_id == organization_id).distinct()).tuples():
        keys.setdefault(set_id, set()).add(key)
    return [SetInfo(id=s.id, name=s.name, description=s.description, tolerance=float(s.tolerance), source=s.source,
                    cases=int(counts.get(s.id, 0)), agent_keys=tuple(sorted(keys.get(s.id, ()))),
                    created_at=s.created_at) for s in sets]


def _ticket_refs(session: Session, organization_id: uuid.UUID, refs: list[str]) -> dict[str, TicketStatus]:
    rows = session.execute(select(Ticket.external_ref, Ticket.status).where(
        Ticket.organization_id == organization_id, Ticket.external_ref.in_(refs))).tuples().all()
    return {str(r): s for r, s in rows}


def store_parsed(session: Session, *, organization_id: uuid.UUID, label_set: LabelSet,
                 parsed: ParsedSet) -> ImportReport:
    """Upsert one case per labelled conversation (the import replaces a case's labels)."""
    refs = list(parsed.labels)
    tickets = dict(session.execute(select(Ticket.external_ref, Ticket.id).where(
        Ticket.organization_id == organization_id, Ticket.external_ref.in_(refs))).tuples().all()) if refs else {}
    rows = []
    for ref, labels in parsed.labels.items():
        conv = parsed.conversations.get(ref)
        rows.append(dict(
            organization_id=organization_id, set_id=label_set.id, ref=ref, labels=labels,
            conversation=conv.model_dump(mode="json", by_alias=True) if conv is not None else None,
            ticket_id=None if conv is not None else tickets.get(ref)))
    for start in range(0, len(rows), 500):
        stmt = insert(LabelCase).values(rows[start:start + 500])
        session.execute(stmt.on_conflict_do_update(
            index_elements=["set_id", "ref"],
            set_={"labels": stmt.excluded.labels, "conversation": stmt.excluded.conversation,
                  "ticket_id": stmt.excluded.ticket_id, "updated_at": func.now()}))
    session.flush()
    n_labels = sum(len(f) for a in parsed.labels.values() for f in a.values())
    return ImportReport(set_id=label_set.id, set_name=label_set.name, cases=len(rows), labels=n_labels,
                        errors=parsed.errors, legacy=parsed.legacy)


def import_files(session: Session, *, organization_id: uuid.UUID, files: dict[str, bytes], name: str,
                 tolerance: float | None = None, source: str = "import", description: str | None = None) -> ImportReport:
    """Import uploaded or read files into the set ``name`` (created when missing). Bad rows are
    reported in ``errors`` and skipped; raises LabelError when nothing can be read at all."""
    agents = agents_by_key(session, organization_id=organization_id)
    try:
        parsed = parse_files(files, agents, lambda refs: _ticket_refs(session, organization_id, refs))
    except ConversationError as err:
        raise LabelError(str(err)) from None
    label_set = get_or_create_set(session, organization_id=organization_id, name=name, tolerance=tolerance,
                                  source=source, description=description)
    return store_parsed(session, organization_id=organization_id, label_set=label_set, parsed=parsed)


def import_folder(session: Session, *, organization_id: uuid.UUID, path: Path, name: str | None = None,
                  tolerance: float | None = None, source: str = "import") -> ImportReport:
    """Import a set folder (see engine.labels_import); the set is named after the folder by default."""
    try:
        files = read_folder(path)
    except ConversationError as err:
        raise LabelError(str(err)) from None
    return import_files(session, organization_id=organization_id, files=files, name=name or path.resolve().name,
                        tolerance=tolerance, source=source)


DEMO_SETS = (("demo", "", "50 conversas da demonstração (as regras offline foram ajustadas nelas)"),
             ("heldout", "heldout", "24 conversas independentes (held-out): o número em que acreditar"),
             ("heldout2", "heldout2", "Segundo conjunto independente (held-out 2)"))


def install_demo_sets(session: Session, *, organization_id: uuid.UUID, data_dir: Path) -> list[ImportReport]:
    """The demo sets from ``data/`` (and ``data/heldout``, ``data/heldout2`` when present); the held-out set
    becomes the default set of every template it labels. Idempotent."""
    reports = []
    for name, sub, description in DEMO_SETS:
        folder = data_dir / sub if sub else data_dir
        if not folder.is_dir() or not any((folder / f).is_file() for f in ("labels.json", "labels_by_agent.json")):
            continue
        reports.append(import_folder_described(session, organization_id=organization_id, path=folder, name=name,
                                               description=description))
    heldout = next((r for r in reports if r.set_name == "heldout"), None)
    if heldout is not None:
        for key in TEMPLATES:
            if session.get(EvalDefault, (organization_id, key)) is None:
                set_default(session, organization_id=organization_id, agent_key=key, set_id=heldout.set_id)
    return reports


def import_folder_described(session: Session, *, organization_id: uuid.UUID, path: Path, name: str,
                            description: str) -> ImportReport:
    files = read_folder(path)
    return import_files(session, organization_id=organization_id, files=files, name=name, source="demo",
                        description=description)


# ------------------------------------------------------------------------------ default sets
def set_default(session: Session, *, organization_id: uuid.UUID, agent_key: str, set_id: uuid.UUID) -> None:
    find_set(session, organization_id=organization_id, name_or_id=str(set_id))
    stmt = insert(EvalDefault).values(organization_id=organization_id, agent_key=agent_key, set_id=set_id)
    session.execute(stmt.on_conflict_do_update(index_elements=["organization_id", "agent_key"],
                                               set_={"set_id": stmt.excluded.set_id}))
    session.flush()


def default_set(session: Session, *, organization_id: uuid.UUID, agent_key: str) -> LabelSet | None:
    return session.scalar(select(LabelSet).join(EvalDefault, EvalDefault.set_id == LabelSet.id).where(
        EvalDefault.organization_id == organization_id, EvalDefault.agent_key == agent_key,
        LabelSet.organization_id == organization_id))


# ------------------------------------------------------------------------------ corrections ("Corrigir")
def correction_fields(spec: AgentSpec) -> list[FieldSpec]:
    """The fields a correction may set: the scored types (STRING fields are not scored)."""
    return [f for f in spec.fields if f.field_type in SCORED_TYPES]


def record_correction(session: Session, *, organization_id: uuid.UUID, insight_id: uuid.UUID, user_id: uuid.UUID,
                      values: dict[str, Any]) -> LabelCorrection:
    """Store a coordinator's or director's right values for an insight as a label of its ticket in the
    set "Correções do console", and record who corrected it and when. Flushes only."""
    user = session.scalar(select(User).where(User.id == user_id, User.organization_id == organization_id))
    if user is None or user.role not in CORRECTOR_ROLES:
        raise LabelError("só a coordenação ou a diretoria podem corrigir um insight")
    row = session.execute(
        select(AiInsight, AiAgent, Ticket.external_ref)
        .join(AiAgent, AiAgent.id == AiInsight.agent_id)
        .outerjoin(Ticket, Ticket.id == AiInsight.ticket_id)
        .where(AiInsight.id == insight_id, AiInsight.organization_id == organization_id)).first()
    if row is None:
        raise LabelError("insight não encontrado nesta organização")
    insight, agent, external_ref = row
    if insight.ticket_id is None:
        raise LabelError("só insights de um ticket podem ser corrigidos")
    from engine.agents import load_agent

    spec = load_agent(session, organization_id=organization_id, agent_id=agent.id)
    allowed = {f.field_name: f for f in correction_fields(spec)}
    clean: dict[str, Any] = {}
    for name, value in values.items():
        if name not in allowed:
            raise LabelError(f"campo '{name}' não pode ser corrigido neste copiloto")
        if value is None:
            continue
        try:
            clean[name] = check_expected(allowed[name], value)
        except LabelValueError as err:
            raise LabelError(str(err)) from None
    if not clean:
        raise LabelError("informe ao menos um valor correto")
    label_set = get_or_create_set(session, organization_id=organization_id, name=CORRECTIONS_SET,
                                  source="corrections", description="Valores corrigidos no Console de Insights")
    ref = external_ref or str(insight.ticket_id)
    case = session.scalar(select(LabelCase).where(LabelCase.set_id == label_set.id, LabelCase.ref == ref)
                          .with_for_update())
    key = agent_key(spec)
    if case is None:
        case = LabelCase(organization_id=organization_id, set_id=label_set.id, ref=ref, ticket_id=insight.ticket_id,
                         labels={key: clean})
        session.add(case)
    else:
        labels = dict(case.labels or {})
        labels[key] = {**labels.get(key, {}), **clean}
        case.labels = labels
    session.flush()
    correction = LabelCorrection(organization_id=organization_id, insight_id=insight_id, case_id=case.id,
                                 user_id=user_id, values=clean)
    session.add(correction)
    session.flush()
    return correction


def corrections_for(session: Session, *, organization_id: uuid.UUID,
                    insight_ids: list[uuid.UUID]) -> dict[uuid.UUID, CorrectionInfo]:
    """The latest correction of each insight (one query for a feed)."""
    if not insight_ids:
        return {}
    rows = session.execute(
        select(LabelCorrection, User.name).outerjoin(User, User.id == LabelCorrection.user_id)
        .where(LabelCorrection.organization_id == organization_id, LabelCorrection.insight_id.in_(insight_ids))
        .order_by(LabelCorrection.created_at)).all()
    return {c.insight_id: CorrectionInfo(insight_id=c.insight_id, user_name=name, created_at=c.created_at,
                                         values=c.values) for c, name in rows}


def upload_files(uploads: list[tuple[str, bytes]]) -> dict[str, bytes]:
    """Uploaded files (name, bytes) -> the files an import reads: .zip archives are unpacked; conversation
    files go under ``conversations/``. Raises LabelError for an empty upload or a bad zip."""
    from engine.labels_import import LABEL_FILES, unzip

    if not uploads:
        raise LabelError("envie as conversas (.json) e o labels.json, ou um .zip com a pasta")
    files: dict[str, bytes] = {}
    for name, data in uploads:
        if name.lower().endswith(".zip"):
            try:
                files.update(unzip(data))
            except ConversationError as err:
                raise LabelError(f"{name}: {err}") from None
        else:
            files[name if name in LABEL_FILES else f"conversations/{name}"] = data
    return files
