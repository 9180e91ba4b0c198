"""Scoring per field type (engine.eval_metrics): pure, no database."""

from __future__ import annotations

import pytest

from engine.eval_metrics import (
    FieldScore,
    LabelValueError,
    check_expected,
    confusion_matrix,
    describe_expected,
    field_deltas,
    hit,
    percentile,
    worse_fields,
)
from engine.models import FieldType
from engine.templates import TEMPLATES

COACH = TEMPLATES["closing_coach"]
CAPI = TEMPLATES["capi_auditor"]
QA = TEMPLATES["qa_auditor"]


def _f(agent, name):  # noqa: ANN001, ANN202
    spec = agent.field(name)
    assert spec is not None
    return spec


def test_enum_accuracy_and_confusion_matrix() -> None:
    spec = _f(COACH, "concern")
    s = FieldScore("concern", FieldType.ENUM)
    for exp, got in [("PRICE", "PRICE"), ("PRICE", "TRUST"), ("TRUST", "TRUST"), ("NONE", "PRICE")]:
        s.add(exp, got, bool(hit(spec, exp, got, 1)))
    out = s.to_json()
    assert (out["correct"], out["total"], out["accuracy"]) == (2, 4, 0.5)
    assert out["confusion"] == {"PRICE": {"PRICE": 1, "TRUST": 1}, "TRUST": {"TRUST": 1}, "NONE": {"PRICE": 1}}
    exp_labels, got_labels, counts = confusion_matrix(out)
    assert exp_labels == ["NONE", "PRICE", "TRUST"] and got_labels == ["NONE", "PRICE", "TRUST"]
    assert counts == [[0, 1, 0], [0, 1, 1], [0, 0, 1]]


def test_boolean_accuracy_and_confusion_labels() -> None:
    spec = _f(CAPI, "purchaseConfirmed")
    s = FieldScore("purchaseConfirmed", FieldType.BOOLEAN)
    for exp, got in [(True, True), (True, False), (False, False), (False, None)]:
        s.add(exp, got, bool(hit(spec, exp, got, 1)))
    out = s.to_json()
    assert out["accuracy"] == 0.5
    assert out["confusion"] == {"true": {"true": 1, "false": 1}, "false": {"false": 1, "—": 1}}


@pytest.mark.parametrize(("expected", "got", "tol", "ok"), [
    (1290, 1290, 1, True), (1290, 1291, 1, True), (1290, 1291.5, 1, False), (1290, 1295, 5, True),
    (1290, None, 1, False), ({"min": 60}, 60, 1, True), ({"min": 60}, 59.9, 1, False),
    ({"max": 6.999}, 7, 1, False), ({"max": 6.999}, 6, 1, True), ({"min": 10, "max": 20}, 15, 0, True),
    ({"min": 10, "max": 20}, 21, 5, False),  # a range ignores the tolerance
])
def test_number_hit_within_tolerance_or_range(expected: object, got: object, tol: float, ok: bool) -> None:
    assert hit(_f(CAPI, "purchaseValue"), expected, got, tol) is ok


def test_number_answered_counts() -> None:
    s = FieldScore("purchaseValue", FieldType.NUMBER)
    s.add(100, 100, True)
    s.add(100, None, False)
    s.add(100, 300, False)
    out = s.to_json()
    assert (out["correct"], out["total"], out["answered"], out["answered_correct"]) == (1, 3, 2, 1)


def test_array_precision_recall_and_exact_sets() -> None:
    spec = _f(QA, "persuasionTriggers")
    s = FieldScore("persuasionTriggers", FieldType.ARRAY)
    for exp, got in [(["SCARCITY", "URGENCY"], ["URGENCY", "SCARCITY"]), (["AUTHORITY"], ["AUTHORITY", "ANCHORING"]),
                     (["SOCIAL_PROOF", "RECIPROCITY"], []), ([], None)]:
        s.add(exp, got, bool(hit(spec, exp, got, 1)))
    out = s.to_json()
    assert (out["correct"], out["total"]) == (2, 4)  # exact set matches ([] vs None counts as equal)
    assert out["precision"] == pytest.approx(3 / 4) and out["recall"] == pytest.approx(3 / 5)


def test_string_is_not_scored() -> None:
    assert hit(_f(COACH, "tip"), "faça X", "faça Y", 1) is None


@pytest.mark.parametrize(("field", "value", "message"), [
    ("concern", "EXPENSIVE", "não está entre as opções"),
    ("hesitationDetected", "yes", "true/false"),
])
def test_check_expected_rejects_values_that_do_not_fit(field: str, value: object, message: str) -> None:
    with pytest.raises(LabelValueError, match=message):
        check_expected(_f(COACH, field), value)


@pytest.mark.parametrize(("value", "message"), [
    ("1290", "um número ou um intervalo"), ({"min": "a"}, "precisam ser números"), ({"min": 5, "max": 1}, "maior"),
    ({"low": 1}, "um número ou um intervalo"), ({}, "um número ou um intervalo"), (True, "um número"),
])
def test_number_ranges_are_checked(value: object, message: str) -> None:
    with pytest.raises(LabelValueError, match=message):
        check_expected(_f(CAPI, "purchaseValue"), value)


def test_check_expected_normalises() -> None:
    assert check_expected(_f(CAPI, "purchaseValue"), {"min": 1, "max": None}) == {"min": 1}
    assert check_expected(_f(QA, "persuasionTriggers"), ["URGENCY", "SCARCITY", "URGENCY"]) == ["SCARCITY", "URGENCY"]
    with pytest.raises(LabelValueError, match="fora das opções"):
        check_expected(_f(QA, "persuasionTriggers"), ["MAGIC"])


def test_describe_expected() -> None:
    assert describe_expected(1290, 1) == "1290 ± 1"
    assert describe_expected({"min": 60}, 1) == "≥ 60"
    assert describe_expected({"min": 1, "max": 2}, 1) == "1–2"
    assert describe_expected("PRICE", 1) == "PRICE"


def test_percentiles() -> None:
    assert percentile([], 50) is None
    assert percentile([5], 95) == 5
    values = list(range(1, 101))
    assert (percentile(values, 50), percentile(values, 95)) == (50, 95)


def test_baseline_deltas_and_worse_fields() -> None:
    new = {"fields": {"concern": {"accuracy": 0.5}, "hesitationDetected": {"accuracy": 0.75}, "x": {"accuracy": None}}}
    old = {"fields": {"concern": {"accuracy": 0.75}, "hesitationDetected": {"accuracy": 0.5}}}
    d = field_deltas(new, old)
    assert d["concern"] == pytest.approx(-0.25) and d["hesitationDetected"] == pytest.approx(0.25) and d["x"] is None
    assert worse_fields(new, old) == ["concern"]
    assert worse_fields(old, old) == []
