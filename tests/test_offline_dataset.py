"""Property-ish check: every template returns a schema-valid payload for every demo conversation."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine import offline
from engine.context import build_context
from engine.conversation import load_conversation
from engine.templates import TEMPLATES

DATA = Path(__file__).resolve().parents[1] / "data" / "conversations"
FILES = sorted(DATA.glob("*.json")) if DATA.is_dir() else []


@pytest.mark.skipif(not FILES, reason="data/conversations is empty")
def test_every_template_valid_for_every_demo_conversation() -> None:
    for path in FILES:
        ctx = build_context(load_conversation(path))
        for key, tpl in TEMPLATES.items():
            payload = offline.analyse(tpl, ctx, tpl.schema())
            tpl.schema().validate(payload)
            assert 0.3 <= payload["confidence"] <= 0.7, (path.name, key)
            assert len(payload["summary"]) <= 280, (path.name, key)
            if key == "qa_auditor":  # facts are copied, never recomputed
                assert payload["slaMet"] is ctx.facts.sla_met
                assert payload["firstResponseMinutes"] == (ctx.facts.first_response_minutes or 0)
