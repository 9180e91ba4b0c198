"""Evidence on every insight: the ``citations`` field and its check (ARCHITECTURE section 4).

Every compiled schema carries ``citations``: 1-3 items ``{"message_id", "quote"}``. A quote must be a
verbatim excerpt (whitespace- and case-normalised) of the text of the cited message *as the agent saw
it*; the message id is the one its transcript line shows (``[#id]``).

The check is part of the schema's validation. It needs the messages the agent saw, given either as
Pydantic's validation context (``{"evidence": EvidenceIndex}``) or, for callers that cannot pass one
(instructor's context argument also renders the prompt as a Jinja template, which must never happen
to lead text), through ``evidence_scope``. Without an index only the shape is checked (a stored
payload read back, a live payload from before this contract).

``EvidenceIndex.drop_invalid`` turns rejection into filtering: bad items are removed and collected
in ``dropped``; an insight left without a citation is "sem evidência" (see ``uncited``).
Pure: no database, no network.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

CITATIONS_MIN = 1
CITATIONS_MAX = 3
QUOTE_MAX_CHARS = 300
ERROR_TYPE = "citation"  # the pydantic error type of every evidence failure (the gateway relies on it)
UNCITED_LABEL = "sem evidência"
_EDGE = " \t\n\"'“”‘’«»…"  # quote marks and ellipses a model wraps a quote in are not part of it


class Citation(BaseModel):
    """One piece of evidence: which message, and the words in it."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    message_id: str = Field(..., min_length=1, max_length=256,
                            description="O id da mensagem citada, como aparece no início da linha: [#id].")
    quote: str = Field(..., min_length=1, max_length=QUOTE_MAX_CHARS,
                       description="Trecho copiado literalmente do texto dessa mensagem (sem reescrever).")


CITATIONS_DESCRIPTION = (
    f"De {CITATIONS_MIN} a {CITATIONS_MAX} mensagens da conversa que sustentam a análise: message_id é o id "
    "entre colchetes no início da linha (ex.: [#7] -> \"7\") e quote é um trecho copiado literalmente do texto "
    "dessa mensagem."
)


def normalise(text: str) -> str:
    """Whitespace collapsed, case folded: the form quotes and messages are compared in."""
    return " ".join(text.replace("⏎", " ").split()).casefold()  # ⏎: a line break as the transcript shows it


def clean_quote(quote: str) -> str:
    return normalise(quote).strip(_EDGE)


@dataclass
class EvidenceIndex:
    """The messages an agent saw (id -> text) and what to do with a bad citation."""

    texts: Mapping[str, str]
    drop_invalid: bool = False
    dropped: list[dict[str, Any]] = field(default_factory=list)  # filled when drop_invalid

    def __post_init__(self) -> None:
        self._norm = {k: normalise(v) for k, v in self.texts.items()}

    def problem(self, item: Citation) -> str | None:
        """Why ``item`` is not evidence (pt-BR, for the model's re-ask), or None when it is."""
        text = self._norm.get(item.message_id.strip().lstrip("#"))
        if text is None:
            return f"a mensagem '{item.message_id}' não existe na conversa mostrada"
        quote = clean_quote(item.quote)
        if not quote or quote not in text:
            return f"a citação \"{item.quote[:80]}\" não é um trecho literal da mensagem '{item.message_id}'"
        return None

    def canonical(self, item: Citation) -> Citation:
        mid = item.message_id.strip().lstrip("#")
        return item if mid == item.message_id else Citation(message_id=mid, quote=item.quote)


_SCOPE: contextvars.ContextVar[EvidenceIndex | None] = contextvars.ContextVar("copilot_evidence", default=None)


@contextmanager
def evidence_scope(index: EvidenceIndex | None) -> Iterator[EvidenceIndex | None]:
    """Validate citations against ``index`` for every schema validation in this block (this thread)."""
    token = _SCOPE.set(index)
    try:
        yield index
    finally:
        _SCOPE.reset(token)


def index_from(context: Any) -> EvidenceIndex | None:
    if isinstance(context, dict) and isinstance(context.get("evidence"), EvidenceIndex):
        return context["evidence"]
    return _SCOPE.get()


def check(citations: list[Citation], index: EvidenceIndex) -> list[Citation]:
    """The citations that hold; raises PydanticCustomError(``citation``) unless ``index.drop_invalid``."""
    good: list[Citation] = []
    problems: list[str] = []
    for i, item in enumerate(citations):
        why = index.problem(item)
        if why is None:
            good.append(index.canonical(item))
        else:
            problems.append(f"citations[{i}]: {why}")
            if index.drop_invalid:
                index.dropped.append({**item.model_dump(), "error": why})
    if problems and not index.drop_invalid:
        raise PydanticCustomError(ERROR_TYPE, "{problems}. Cite só mensagens mostradas, copiando o texto literal.",
                                  {"problems": "; ".join(problems)})
    if not index.drop_invalid:
        require_some(good)
    return good


def require_some(citations: list[Citation]) -> None:
    if not citations:
        raise PydanticCustomError(ERROR_TYPE, "cite de 1 a 3 mensagens da conversa (citations está vazio)")


def uncited(payload: dict[str, Any] | None) -> bool:
    """True when an insight payload carries no evidence ("sem evidência")."""
    return payload is not None and "citations" in payload and not payload.get("citations")
