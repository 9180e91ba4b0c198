"""Reading labelled sets (engine.labels_import): issue format, per-row errors, legacy converter. No database."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from engine.conversation import ConversationError
from engine.labels_import import convert_legacy, is_legacy, parse_files, read_folder, unzip
from engine.models import TicketStatus
from engine.templates import TEMPLATES

DATA = Path(__file__).resolve().parents[1] / "data"


def conv(cid: str, status: str = "OPEN") -> bytes:
    return json.dumps({"id": cid, "now": "2026-08-12T15:00:00-03:00", "ticket": {"status": status},
                       "messages": [{"from": "lead", "text": "Oi, quanto custa?", "at": "2026-08-12T14:03:00-03:00"}]
                       }).encode()


def files(labels: dict[str, Any], *convs: tuple[str, str], label_name: str = "labels.json") -> dict[str, bytes]:
    out = {label_name: json.dumps(labels).encode()}
    out.update({f"conversations/{c}.json": conv(c, s) for c, s in convs})
    return out


def test_good_rows_in_the_issue_format() -> None:
    parsed = parse_files(files({
        "c1": {"closing_coach": {"concern": "PRICE", "hesitationDetected": True, "tip": "ofereça parcelamento"}},
        "c2": {"capi_auditor": {"purchaseConfirmed": True, "purchaseValue": {"min": 1000, "max": 1300}},
               "qa_auditor": {"persuasionTriggers": ["URGENCY"], "empathyScore": 8}},
    }, ("c1", "OPEN"), ("c2", "WON")), TEMPLATES)
    assert parsed.errors == [] and not parsed.legacy
    assert set(parsed.conversations) == {"c1", "c2"}
    assert parsed.labels["c1"]["closing_coach"] == {"concern": "PRICE", "hesitationDetected": True,
                                                    "tip": "ofereça parcelamento"}
    assert parsed.labels["c2"]["capi_auditor"]["purchaseValue"] == {"min": 1000, "max": 1300}


def test_bad_rows_are_reported_and_good_neighbours_kept() -> None:
    f = files({
        "c1": {"closing_coach": {"concern": "PRICE"}},
        "c2": {"closing_coach": {"concern": "EXPENSIVE"}, "capi_auditor": {"purchaseValue": "mil"}},
        "c3": {"closing_coach": {"concern": "TRUST"}},  # no conversation file, no ticket
        "c4": ["not", "an", "object"],
    }, ("c1", "OPEN"), ("c2", "OPEN"), ("c4", "OPEN"))
    f["conversations/broken.json"] = b"{not json"
    f["conversations/empty.json"] = json.dumps({"id": "e", "messages": []}).encode()
    parsed = parse_files(f, TEMPLATES)
    by_ref: dict[str, list[str]] = {}
    for e in parsed.errors:
        by_ref.setdefault(e.ref, []).append(e.message)
    assert "JSON inválido na linha 1" in by_ref["broken.json"][0]
    assert "messages está vazio" in by_ref["empty.json"][0]
    assert any("EXPENSIVE" in m for m in by_ref["c2"]) and any("purchaseValue" in m for m in by_ref["c2"])
    assert "conversa não encontrada" in by_ref["c3"][0]
    assert "esperado um objeto" in by_ref["c4"][0]
    assert parsed.labels == {"c1": {"closing_coach": {"concern": "PRICE"}}}


def test_unknown_agent_and_unknown_field_are_clear_errors() -> None:
    parsed = parse_files(files({"c1": {"closing_coach": {"concern": "PRICE", "mood": "happy"},
                                       "sales_wizard": {"x": 1}}}, ("c1", "OPEN")), TEMPLATES)
    messages = [e.message for e in parsed.errors]
    assert any("agente desconhecido 'sales_wizard'" in m and "closing_coach" in m for m in messages)
    assert any("campo desconhecido 'mood'" in m and "concern" in m for m in messages)
    assert parsed.labels == {"c1": {"closing_coach": {"concern": "PRICE"}}}


def test_null_means_not_labelled() -> None:
    parsed = parse_files(files({"c1": {"traffic_feedback": {"lossReason": None, "leadQualified": False}}},
                               ("c1", "OPEN")), TEMPLATES)
    assert parsed.labels == {"c1": {"traffic_feedback": {"leadQualified": False}}}


def test_labels_by_agent_json_is_preferred_over_a_legacy_labels_json() -> None:
    f = files({"c1": {"closing_coach": {"concern": "TRUST"}}}, ("c1", "OPEN"), label_name="labels_by_agent.json")
    f["labels.json"] = json.dumps({"c1": {"concern": "PRICE"}}).encode()
    parsed = parse_files(f, TEMPLATES)
    assert parsed.labels == {"c1": {"closing_coach": {"concern": "TRUST"}}} and not parsed.legacy


def test_a_label_may_point_to_an_org_ticket() -> None:
    parsed = parse_files({"labels.json": json.dumps({"T-77": {"closing_coach": {"concern": "PRICE"}}}).encode()},
                         TEMPLATES, lambda refs: {r: TicketStatus.OPEN for r in refs if r == "T-77"})
    assert parsed.errors == [] and parsed.labels == {"T-77": {"closing_coach": {"concern": "PRICE"}}}


def test_no_labels_file_is_an_error() -> None:
    with pytest.raises(ConversationError, match="labels"):
        parse_files({"conversations/c1.json": conv("c1")}, TEMPLATES)
    with pytest.raises(ConversationError, match="JSON inválido"):
        parse_files({"labels.json": b"[1,"}, TEMPLATES)


def test_legacy_converter_maps_flat_keys_to_agent_fields() -> None:
    flat = {
        "won": {"concern": "FEAR_PAIN", "hesitation": True, "lossReason": None, "leadQualified": True,
                "campaignMismatch": False, "purchaseConfirmed": True, "purchaseValue": 1290, "ghosting": False,
                "sellerStoppedAnswering": False, "lifeStage": "NEW_PARENT", "decisionDriver": "SAFETY",
                "language": "pt", "persuasionTriggers": ["SOCIAL_PROOF"], "empathetic": True},
        "open": {"concern": "PRICE", "ghosting": True, "empathetic": False, "purchaseValue": None,
                 "lifeStage": None, "lossReason": None, "purchaseConfirmed": False},
        "lost": {"concern": "PRICE", "lossReason": "PRICE", "ghosting": False, "lifeStage": "STUDENT"},
    }
    assert is_legacy(flat)
    out = convert_legacy(flat, {"won": TicketStatus.WON, "open": TicketStatus.OPEN, "lost": TicketStatus.LOST})
    assert out["won"] == {
        "closing_coach": {"concern": "FEAR_PAIN", "hesitationDetected": True},
        "traffic_feedback": {"leadQualified": True, "campaignMismatch": False},
        "capi_auditor": {"purchaseConfirmed": True, "purchaseValue": {"min": 1277.1, "max": 1302.9}},
        "icp_mapper": {"lifeStage": "NEW_PARENT", "decisionDriver": "SAFETY"},
        "qa_auditor": {"persuasionTriggers": ["SOCIAL_PROOF"], "empathyScore": {"min": 7}},
    }
    assert out["open"]["ghosting_sentinel"] == {"ghostingRisk": {"min": 60}}
    assert out["open"]["qa_auditor"] == {"empathyScore": {"max": 6.999}}
    assert "ghosting_sentinel" not in out["lost"] and "icp_mapper" not in out["lost"]  # OPEN / WON only
    assert out["lost"]["traffic_feedback"] == {"lossReason": "PRICE"}
    assert not is_legacy({"c": {"closing_coach": {"concern": "PRICE"}}})


@pytest.mark.parametrize("folder", [DATA, DATA / "heldout"])
def test_demo_folders_convert_without_errors(folder: Path) -> None:
    parsed = parse_files(read_folder(folder), TEMPLATES)
    assert parsed.legacy and parsed.errors == []
    assert parsed.ignored_keys == {"language", "sellerStoppedAnswering"}
    assert set(parsed.labels) == set(json.loads((folder / "labels.json").read_text()))


def test_zip_upload_is_unpacked() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("meu-conjunto/labels.json", json.dumps({"c1": {"closing_coach": {"concern": "PRICE"}}}))
        zf.writestr("meu-conjunto/conversations/c1.json", conv("c1"))
        zf.writestr("meu-conjunto/README.md", "ignored")
    got = unzip(buf.getvalue())
    assert set(got) == {"labels.json", "conversations/c1.json"}
    assert parse_files(got, TEMPLATES).labels == {"c1": {"closing_coach": {"concern": "PRICE"}}}
    with pytest.raises(ConversationError, match="zip"):
        unzip(b"not a zip")
