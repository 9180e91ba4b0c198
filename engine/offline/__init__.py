"""The offline engine: a deterministic, no-network conversation analyser (PT-BR and EN).

INTERFACE: ``analyse(agent, ctx, schema) -> dict`` returns a payload that validates against
``schema`` (including ``summary`` and ``confidence``). Placeholder until the analyser lands.
"""

from __future__ import annotations

from typing import Any

from engine.agents import AgentSpec
from engine.context import ConversationContext
from engine.schema_compiler import CompiledSchema


def analyse(agent: AgentSpec, ctx: ConversationContext, schema: CompiledSchema) -> dict[str, Any]:
    raise NotImplementedError("offline engine not implemented yet")
