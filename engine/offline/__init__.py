"""The offline engine: a deterministic, no-network conversation analyser (PT-BR and EN).

INTERFACE: ``analyse(agent, ctx, schema) -> dict`` returns a (validated, JSON-mode) payload of
``schema`` (including ``summary``, ``confidence`` and ``citations``: the messages each decision came
from, see ``citations``).

How it works: cue lexicons (``lexicon``) over normalised text feed detectors (``signals``,
``purchase``, ``persona``, ``quality``); ``fields`` maps each output field, by name + type + enum
values, to a detector (``generic`` for fields a director invents); ``playbook`` writes tips and
messages; ``summary`` writes the bubble. Lead text is data: messages that try to instruct the
analyser are set aside and never change an answer. Confidence stays between 0.3 and 0.7: this is a
rule-based reading, less sure than a model.
"""

from __future__ import annotations

from typing import Any

from engine import fact_guard
from engine.agents import AgentSpec
from engine.citations import evidence_scope
from engine.context import ConversationContext
from engine.offline.analysis import analysis_of
from engine.offline.citations import cite, evidence_index
from engine.offline.fields import key, resolve
from engine.offline.summary import summarise
from engine.schema_compiler import CompiledSchema

__all__ = ["analyse"]


def analyse(agent: AgentSpec, ctx: ConversationContext, schema: CompiledSchema) -> dict[str, Any]:
    """Analyse ``ctx`` for ``agent`` and return a payload valid for ``schema`` (validated before return)."""
    a = analysis_of(ctx)
    specs = schema.fields or agent.fields
    names = frozenset(key(f.field_name) for f in specs)
    payload: dict[str, Any] = {}
    certainties: list[float] = []
    topics: list[str] = []
    for spec in sorted(specs, key=lambda s: s.position):
        value, certainty, topic = resolve(a, spec, names)
        payload[spec.field_name] = value
        certainties.append(certainty)
        if topic != "generic" or not topics:
            topics.append(topic)
    payload["summary"] = summarise(a, [t for t in topics if t != "generic"] or topics)
    mean = sum(certainties) / len(certainties) if certainties else 0.0
    payload["confidence"] = round(0.3 + 0.4 * max(0.0, min(1.0, mean)), 2)
    payload["citations"] = cite(a, topics)
    # Same rules as any engine's answer: facts win, a closed ticket gets nothing actionable.
    payload, _ = fact_guard.apply(agent, ctx, payload, tuple(specs))
    with evidence_scope(evidence_index(a)):  # (dropping: a conversation with no text cannot be cited)
        # never hand back an invalid payload: fail loudly here instead
        return schema.validate(payload).model_dump(mode="json")
