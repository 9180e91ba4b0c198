"""Evidence on every insight: the ``citations`` field, its check against the transcript the agent saw,
the re-ask and the drop ("sem evidência"), against a real OpenAI-compatible server (tests/openai_stub.py)."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest
from openai_stub import OpenAIStub, Reply
from pydantic import ValidationError

from engine.citations import EvidenceIndex, evidence_scope
from engine.config import Settings
from engine.context import build_context
from engine.conversation import parse_conversation
from engine.gateway import GatewayError, generate
from engine.runner import run_agent
from engine.templates import TEMPLATES

MODEL = "local/test-model"
CONVERSATION = {
    "id": "conv-cite-1",
    "ticket": {"status": "OPEN", "value": 1200},
    "contact": {"name": "Mariana"},
    "messages": [
        {"from": "lead", "text": "Oi, quanto custa o botox?", "at": "2026-08-12T14:03:00-03:00"},
        {"from": "seller", "text": "Oi Mariana! O botox sai por R$ 1.200.", "at": "2026-08-12T14:09:00-03:00"},
        {"from": "lead", "text": "Achei   CARO, vou pensar.", "at": "2026-08-12T14:15:00-03:00"},
    ],
}


class StubSettings(Settings):
    model_retry_backoff_seconds: float = 0.01
    openai_compatible_json_schema: bool = True


@pytest.fixture(scope="module")
def stub() -> Iterator[OpenAIStub]:
    with OpenAIStub() as server:
        yield server


@pytest.fixture
def server(stub: OpenAIStub) -> Iterator[OpenAIStub]:
    stub.reset()
    yield stub
    stub.reset()


def settings_for(server: OpenAIStub) -> StubSettings:
    return StubSettings(openai_compatible_base_url=server.base_url, model_timeout_seconds=2.0, model_max_retries=1)


def answer(*citations: dict[str, str]) -> Reply:
    payload: dict[str, Any] = {"hesitationDetected": True, "concern": "PRICE", "tip": "Mostre o parcelamento.",
                               "suggestedReply": None, "summary": "Achou caro.", "confidence": 0.8,
                               "citations": list(citations)}
    return Reply.json(payload)


def ctx() -> Any:
    return build_context(parse_conversation(copy.deepcopy(CONVERSATION)))


# ------------------------------------------------------------------------------ the check itself
def test_quotes_match_whitespace_and_case_normalised_excerpts_only() -> None:
    index = EvidenceIndex({"3": "Achei   CARO, vou pensar."})
    model = TEMPLATES["closing_coach"].schema().model
    base = {"hesitationDetected": True, "concern": "PRICE", "tip": "x", "summary": "s", "confidence": 0.5}
    ok = model.model_validate({**base, "citations": [{"message_id": "3", "quote": "“achei caro,\nvou”"}]},
                              context={"evidence": index})
    assert ok.model_dump()["citations"][0]["message_id"] == "3"
    for bad, why in [({"message_id": "3", "quote": "achei muito caro"}, "não é um trecho literal"),
                     ({"message_id": "9", "quote": "achei caro"}, "não existe na conversa"),
                     ({"message_id": "3", "quote": "achei caro vou pensar"}, "não é um trecho literal")]:
        with pytest.raises(ValidationError) as err:
            model.model_validate({**base, "citations": [bad]}, context={"evidence": index})
        assert why in str(err.value) and err.value.errors()[0]["type"] == "citation"
    with pytest.raises(ValidationError, match="citations está vazio"):
        model.model_validate({**base, "citations": []}, context={"evidence": index})
    with pytest.raises(ValidationError):  # at most 3
        model.model_validate({**base, "citations": [{"message_id": "3", "quote": "caro"}] * 4})
    # Without a transcript only the shape is checked (a stored payload read back).
    model.model_validate({**base, "citations": [{"message_id": "x", "quote": "y"}]})
    with evidence_scope(index), pytest.raises(ValidationError):
        model.model_validate({**base, "citations": [{"message_id": "x", "quote": "y"}]})


def test_transcript_shows_message_ids_fixture_id_else_position() -> None:
    data = copy.deepcopy(CONVERSATION)
    data["messages"][1]["id"] = "wamid.ABC"
    c = build_context(parse_conversation(data))
    assert [m.id for m in c.conversation.messages] == ["1", "wamid.ABC", "3"]
    assert "[#1] [12/08 14:03] Lead: Oi, quanto custa o botox?" in c.transcript.text
    assert "[#wamid.ABC] " in c.transcript.text
    assert c.transcript.seen == {"1": "Oi, quanto custa o botox?", "wamid.ABC": "Oi Mariana! O botox sai por R$ 1.200.",
                                 "3": "Achei   CARO, vou pensar."}
    schema = TEMPLATES["closing_coach"].schema().json_schema
    assert "citations" in schema["required"]
    assert schema["properties"]["citations"]["minItems"] == 1 and schema["properties"]["citations"]["maxItems"] == 3


def test_budgeted_out_messages_cannot_be_cited() -> None:
    data = copy.deepcopy(CONVERSATION)
    data["messages"] = [{"from": "lead", "text": f"mensagem número {i} " + "bla " * 40,
                         "at": f"2026-08-12T{10 + i // 60:02d}:{i % 60:02d}:00-03:00"} for i in range(60)]
    c = build_context(parse_conversation(data), token_budget=600)
    assert c.transcript.omitted > 0 and "1" not in c.transcript.seen and "60" in c.transcript.seen


# ------------------------------------------------------------------------------ through the gateway
def test_valid_citation_passes_first_time(server: OpenAIStub) -> None:
    server.enqueue(answer({"message_id": "3", "quote": "achei caro"}))
    result = generate(TEMPLATES["closing_coach"], ctx(), TEMPLATES["closing_coach"].schema(), model=MODEL,
                      settings=settings_for(server))
    assert result.attempts == 1 and not result.uncited
    assert result.payload["citations"] == [{"message_id": "3", "quote": "achei caro"}]


def test_invented_quote_is_reasked_with_the_error_then_accepted(server: OpenAIStub) -> None:
    server.enqueue(answer({"message_id": "3", "quote": "o lead disse que é caríssimo"}),
                   answer({"message_id": "3", "quote": "Achei CARO"}))
    result = generate(TEMPLATES["closing_coach"], ctx(), TEMPLATES["closing_coach"].schema(), model=MODEL,
                      settings=settings_for(server))
    assert result.attempts == 2 and not result.uncited and not result.dropped_citations
    reask = json.dumps(server.requests[1]["messages"], ensure_ascii=False)
    assert "não é um trecho literal da mensagem '3'" in reask  # instructor's re-ask carries our error


def test_still_wrong_after_the_reask_drops_bad_items_and_marks_sem_evidencia(server: OpenAIStub) -> None:
    server.enqueue(answer({"message_id": "7", "quote": "achei caro"}),
                   answer({"message_id": "7", "quote": "achei caro"}, {"message_id": "2", "quote": "inventado"}))
    result = generate(TEMPLATES["closing_coach"], ctx(), TEMPLATES["closing_coach"].schema(), model=MODEL,
                      settings=settings_for(server))
    assert result.attempts == 2
    assert result.payload["citations"] == [] and result.uncited
    assert [d["message_id"] for d in result.dropped_citations] == ["7", "2"]
    assert result.payload["concern"] == "PRICE"  # the rest of the answer is kept


def test_only_the_bad_items_are_dropped(server: OpenAIStub) -> None:
    good = {"message_id": "3", "quote": "vou pensar"}
    server.enqueue(answer(good, {"message_id": "1", "quote": "quanto custa a lipo"}),
                   answer(good, {"message_id": "1", "quote": "quanto custa a lipo"}))
    out = run_agent(TEMPLATES["closing_coach"], ctx(), model=MODEL, settings=settings_for(server))
    assert out.payload is not None and out.payload["citations"] == [good] and not out.uncited
    assert out.detail["evidence"]["dropped"][0]["quote"] == "quanto custa a lipo"
    assert out.to_json()["citations"] == [good]


def test_other_schema_faults_still_fail_the_run(server: OpenAIStub) -> None:
    bad = {"concern": "MAYBE", "summary": "x", "confidence": 0.5, "citations": [{"message_id": "9", "quote": "x"}]}
    server.enqueue(Reply.json(bad), Reply.json(bad))
    with pytest.raises(GatewayError, match="fora do esquema"):
        generate(TEMPLATES["closing_coach"], ctx(), TEMPLATES["closing_coach"].schema(), model=MODEL,
                 settings=settings_for(server))


def test_instructions_in_lead_text_are_not_rendered_as_templates(server: OpenAIStub) -> None:
    data = copy.deepcopy(CONVERSATION)
    data["messages"][2]["text"] = "{{ 7*7 }} achei caro {% if true %}x{% endif %}"
    c = build_context(parse_conversation(data))
    server.enqueue(answer({"message_id": "3", "quote": "achei caro"}))
    generate(TEMPLATES["closing_coach"], c, TEMPLATES["closing_coach"].schema(), model=MODEL,
             settings=settings_for(server))
    user = server.requests[0]["messages"][1]["content"]
    assert "Lead: {{ 7*7 }} achei caro" in user and "Lead: 49" not in user
