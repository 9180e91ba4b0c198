"""Reading labelled sets from a folder or an upload: conversations + ``labels.json`` (pure, no database).

The import format is ``{"<conversation id>": {"<agent key>": {"<field>": <expected>}}}``; an agent key is a
template key (``closing_coach``) or an agent id. Expected values are checked against the agent's
fields (``engine.eval_metrics.check_expected``); ``null`` means "not labelled". The folder holds
``conversations/*.json`` (or the conversations next to the labels) in the fixture format, and
``labels_by_agent.json`` (preferred) or ``labels.json``.

The demo sets (``data/labels.json``, ``data/heldout/labels.json``) use a flat legacy format, one
human judgement per conversation (``data/README.md``); ``convert_legacy`` maps those keys to agent
fields of TEMPLATES.md. Bad rows become ``RowError``s; good rows are never refused because of them.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine.agents import AgentSpec
from engine.conversation import Conversation, ConversationError, parse_conversation
from engine.eval_metrics import LabelValueError, check_expected
from engine.models import TicketStatus

LABEL_FILES = ("labels_by_agent.json", "labels.json")
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class RowError:
    """One bad row: the conversation id (or file), and what is wrong (pt-BR)."""

    ref: str
    message: str


@dataclass
class ParsedSet:
    """A set read from files: conversations by id, labels per conversation, and the bad rows."""

    conversations: dict[str, Conversation] = field(default_factory=dict)
    labels: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    legacy: bool = False
    ignored_keys: set[str] = field(default_factory=set)


# ------------------------------------------------------------------------------ legacy format
def _at_least(x: float) -> dict[str, float]:
    return {"min": x}


def _below(x: float) -> dict[str, float]:
    return {"max": x - 0.001}


# flat key -> (agent key, field); values copied as they are unless a rule below says otherwise.
LEGACY_FIELDS: dict[str, tuple[str, str]] = {
    "concern": ("closing_coach", "concern"),
    "hesitation": ("closing_coach", "hesitationDetected"),
    "lossReason": ("traffic_feedback", "lossReason"),
    "leadQualified": ("traffic_feedback", "leadQualified"),
    "campaignMismatch": ("traffic_feedback", "campaignMismatch"),
    "purchaseConfirmed": ("capi_auditor", "purchaseConfirmed"),
    "purchaseValue": ("capi_auditor", "purchaseValue"),
    "ghosting": ("ghosting_sentinel", "ghostingRisk"),
    "lifeStage": ("icp_mapper", "lifeStage"),
    "decisionDriver": ("icp_mapper", "decisionDriver"),
    "empathetic": ("qa_auditor", "empathyScore"),
    "persuasionTriggers": ("qa_auditor", "persuasionTriggers"),
}
# Keys of the legacy format with no agent field (kept in the files, not imported).
LEGACY_UNMAPPED = frozenset({"language", "sellerStoppedAnswering"})


def convert_legacy(flat: Mapping[str, Mapping[str, Any]],
                   statuses: Mapping[str, TicketStatus]) -> dict[str, dict[str, dict[str, Any]]]:
    """Flat demo labels -> ``{conv: {agent key: {field: expected}}}``, with the same scope as
    ``bench/eval_offline.py``:

    - ``lossReason``, ``lifeStage``, ``decisionDriver``, ``purchaseValue``: only when not null
      (LOST / WON / confirmed purchases); ``lifeStage`` and ``decisionDriver`` only on WON tickets;
    - ``purchaseValue``: the range ±max(R$ 1, 1 %) of the deal value (the bench's tolerance);
    - ``ghosting`` (OPEN tickets only) -> ``ghostingRisk`` ≥ 60 when true, < 60 when false;
    - ``empathetic`` -> ``empathyScore`` ≥ 7 when true, < 7 when false;
    - ``hesitation`` -> ``hesitationDetected`` (the label means "hesitated at some point"; the field
      "hesitating in the latest turn": the bench reports the same comparison as "hesitation (now)").
    """
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for ref, row in flat.items():
        status = statuses.get(ref)
        agents: dict[str, dict[str, Any]] = {}
        for key, value in row.items():
            if key not in LEGACY_FIELDS or value is None:
                continue
            agent, fname = LEGACY_FIELDS[key]
            if key in ("lifeStage", "decisionDriver") and status is not TicketStatus.WON:
                continue
            if key == "ghosting":
                if status is not TicketStatus.OPEN:
                    continue
                value = _at_least(60) if value else _below(60)
            elif key == "empathetic":
                value = _at_least(7) if value else _below(7)
            elif key == "purchaseValue":
                margin = max(1.0, 0.01 * float(value))
                value = {"min": float(value) - margin, "max": float(value) + margin}
            agents.setdefault(agent, {})[fname] = value
        out[ref] = agents
    return out


def is_legacy(labels: Mapping[str, Any]) -> bool:
    """True when the rows are flat (``{"concern": ...}``) rather than keyed by agent."""
    keys = {k for row in labels.values() if isinstance(row, Mapping) for k in row}
    return bool(keys) and keys <= (set(LEGACY_FIELDS) | LEGACY_UNMAPPED)


# ------------------------------------------------------------------------------ validation
def validate_labels(raw: Mapping[str, Any], agents: Mapping[str, AgentSpec]) -> tuple[
        dict[str, dict[str, dict[str, Any]]], list[RowError]]:
    """Check every row against the agents' fields. Unknown agent keys or fields are errors (the row's
    other values are kept); a value that does not fit its field is an error for that value only."""
    good: dict[str, dict[str, dict[str, Any]]] = {}
    errors: list[RowError] = []
    for ref, row in raw.items():
        if not isinstance(row, Mapping):
            errors.append(RowError(ref, "esperado um objeto {\"<agente>\": {\"<campo>\": valor}}"))
            continue
        for agent_key, values in row.items():
            spec = agents.get(agent_key)
            if spec is None:
                errors.append(RowError(ref, f"agente desconhecido '{agent_key}' (use: {', '.join(sorted(agents))})"))
                continue
            if not isinstance(values, Mapping):
                errors.append(RowError(ref, f"{agent_key}: esperado um objeto {{\"<campo>\": valor}}"))
                continue
            for fname, value in values.items():
                fspec = spec.field(fname)
                if fspec is None:
                    names = ", ".join(f.field_name for f in spec.fields)
                    errors.append(RowError(ref, f"{agent_key}: campo desconhecido '{fname}' (campos: {names})"))
                    continue
                if value is None:
                    continue
                try:
                    good.setdefault(ref, {}).setdefault(agent_key, {})[fname] = check_expected(fspec, value)
                except LabelValueError as err:
                    errors.append(RowError(ref, f"{agent_key}.{err}"))
    return good, errors


# ------------------------------------------------------------------------------ files
def _json(name: str, data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConversationError(f"{name}: o arquivo não é texto UTF-8") from None
    except json.JSONDecodeError as err:
        raise ConversationError(f"{name}: JSON inválido na linha {err.lineno}, coluna {err.colno}: {err.msg}") from None


def parse_files(files: Mapping[str, bytes], agents: Mapping[str, AgentSpec],
                ticket_refs: Callable[[list[str]], Mapping[str, TicketStatus]] | None = None) -> ParsedSet:
    """Parse uploaded or read files (name -> bytes): conversations and one labels file.

    ``ticket_refs(refs)``: which of ``refs`` are tickets of the organisation (with their status), so a
    label may point to a ticket instead of a conversation file. Raises ConversationError when there is
    no labels file at all or it is not a JSON object."""
    out = ParsedSet()
    base = {Path(n).name: n for n in files}
    label_name = next((base[n] for n in LABEL_FILES if n in base), None)
    if label_name is None:
        raise ConversationError("nenhum labels_by_agent.json ou labels.json entre os arquivos")
    for name, data in sorted(files.items()):
        if name == label_name or not name.endswith(".json") or Path(name).name in LABEL_FILES:
            continue
        try:
            conv = parse_conversation(_json(name, data), source=Path(name).name)
        except ConversationError as err:
            out.errors.append(RowError(Path(name).name, str(err)))
            continue
        out.conversations[conv.id] = conv
    raw = _json(Path(label_name).name, files[label_name])
    if not isinstance(raw, dict):
        raise ConversationError(f"{Path(label_name).name}: esperado um objeto {{\"<conversa>\": {{...}}}}")
    unresolved = [r for r in raw if r not in out.conversations]
    refs = dict(ticket_refs(unresolved)) if ticket_refs and unresolved else {}
    statuses = {**refs, **{k: c.ticket.status for k, c in out.conversations.items()}}
    missing = [r for r in raw if r not in statuses]
    for ref in missing:
        out.errors.append(RowError(ref, "conversa não encontrada (nem arquivo em conversations/ nem ticket da "
                                        "organização com essa referência)"))
    raw = {k: v for k, v in raw.items() if k in statuses}
    if is_legacy(raw):
        out.legacy = True
        out.ignored_keys = {k for row in raw.values() for k in row if k in LEGACY_UNMAPPED}
        raw = convert_legacy(raw, statuses)
    out.labels, errors = validate_labels(raw, agents)
    out.errors.extend(errors)
    return out


def read_folder(path: Path) -> dict[str, bytes]:
    """The JSON files of a set folder: labels file(s) and conversations (``conversations/`` or beside)."""
    if not path.is_dir():
        raise ConversationError(f"pasta não encontrada: {path}")
    files: dict[str, bytes] = {}
    label = next((path / n for n in LABEL_FILES if (path / n).is_file()), None)
    if label is None:
        raise ConversationError(f"{path}: sem labels_by_agent.json nem labels.json")
    files[label.name] = label.read_bytes()
    conv_dir = path / "conversations" if (path / "conversations").is_dir() else path
    for p in sorted(conv_dir.glob("*.json")):
        if p.name not in LABEL_FILES:
            files[f"conversations/{p.name}"] = p.read_bytes()
    return files


def unzip(data: bytes) -> dict[str, bytes]:
    """The JSON files inside an uploaded .zip (folders flattened, other files ignored)."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ConversationError("o arquivo .zip está corrompido ou não é um zip") from None
    files: dict[str, bytes] = {}
    total = 0
    for info in zf.infolist():
        if info.is_dir() or not info.filename.endswith(".json") or "__MACOSX" in info.filename:
            continue
        total += info.file_size
        if total > MAX_UPLOAD_BYTES:
            raise ConversationError("o .zip passa de 20 MB descompactado")
        name = Path(info.filename).name
        files[name if name in LABEL_FILES else f"conversations/{name}"] = zf.read(info)
    return files
