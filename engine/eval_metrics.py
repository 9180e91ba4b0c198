"""Scoring of typed output fields against expected values (pure: no database, no model).

- ENUM / BOOLEAN: accuracy, plus a confusion matrix ``{expected: {got: count}}``.
- NUMBER: hit rate within tolerance. An expected number ``x`` hits when ``|got - x| <= tolerance``
  (the set's tolerance, default 1); a range ``{"min": a, "max": b}`` (either bound optional) hits when
  ``a <= got <= b``. A missing prediction is a miss.
- ARRAY: micro precision / recall over the items; ``correct`` counts exact set matches.
- STRING: listed, not scored.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field
from typing import Any

from engine.errors import InvalidInput
from engine.models import FieldType
from engine.schema_compiler import FieldSpec

SCORED_TYPES = (FieldType.ENUM, FieldType.BOOLEAN, FieldType.NUMBER, FieldType.ARRAY)


class LabelValueError(InvalidInput):
    """An expected value does not fit its field (message pt-BR, names the field)."""


def _is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


def check_expected(spec: FieldSpec, value: Any) -> Any:
    """Validate and normalise one expected value for ``spec``. Raises LabelValueError."""
    name, t = spec.field_name, spec.field_type
    if t is FieldType.BOOLEAN:
        if not isinstance(value, bool):
            raise LabelValueError(f"{name}: esperado true/false, veio {value!r}")
        return value
    if t is FieldType.ENUM:
        allowed = list(spec.enum_values or ())
        if value not in allowed:
            raise LabelValueError(f"{name}: valor {value!r} não está entre as opções ({', '.join(allowed)})")
        return value
    if t is FieldType.NUMBER:
        if _is_number(value):
            return value
        if isinstance(value, dict) and value and set(value) <= {"min", "max"}:
            lo, hi = value.get("min"), value.get("max")
            if any(b is not None and not _is_number(b) for b in (lo, hi)) or (lo is None and hi is None):
                raise LabelValueError(f"{name}: 'min' e 'max' precisam ser números")
            if lo is not None and hi is not None and lo > hi:
                raise LabelValueError(f"{name}: 'min' ({lo}) maior que 'max' ({hi})")
            return {k: v for k, v in (("min", lo), ("max", hi)) if v is not None}
        raise LabelValueError(f"{name}: esperado um número ou um intervalo {{\"min\": a, \"max\": b}}, veio {value!r}")
    if t is FieldType.ARRAY:
        if not isinstance(value, list) or not all(isinstance(i, str) for i in value):
            raise LabelValueError(f"{name}: esperada uma lista de textos, veio {value!r}")
        if spec.enum_values:
            bad = [i for i in value if i not in spec.enum_values]
            if bad:
                raise LabelValueError(f"{name}: itens fora das opções: {', '.join(bad)}")
        return sorted(set(value))
    if not isinstance(value, str):
        raise LabelValueError(f"{name}: esperado um texto, veio {value!r}")
    return value


def number_hit(expected: Any, got: Any, tolerance: float) -> bool:
    """True when ``got`` is within ``tolerance`` of an expected number, or inside an expected range."""
    if not _is_number(got):
        return False
    if isinstance(expected, dict):
        lo, hi = expected.get("min"), expected.get("max")
        return (lo is None or got >= lo) and (hi is None or got <= hi)
    return abs(float(got) - float(expected)) <= tolerance + 1e-9


def hit(spec: FieldSpec, expected: Any, got: Any, tolerance: float) -> bool | None:
    """Whether ``got`` matches ``expected`` for this field type; None for STRING (not scored)."""
    t = spec.field_type
    if t is FieldType.NUMBER:
        return number_hit(expected, got, tolerance)
    if t is FieldType.ARRAY:
        return sorted(set(got or [])) == sorted(set(expected))
    if t in (FieldType.ENUM, FieldType.BOOLEAN):
        return bool(expected == got)
    return None


def describe_expected(expected: Any, tolerance: float) -> str:
    """'1290 ± 1', '≥ 60', '10–20', or the value itself (for tables and misses)."""
    if isinstance(expected, dict):
        lo, hi = expected.get("min"), expected.get("max")
        if lo is not None and hi is not None:
            return f"{lo:g}–{hi:g}"
        return f"≥ {lo:g}" if lo is not None else f"≤ {hi:g}"
    if _is_number(expected):
        return f"{expected:g} ± {tolerance:g}"
    return str(expected)


@dataclass
class FieldScore:
    """Running totals of one field over a run."""

    name: str
    type: FieldType
    correct: int = 0
    total: int = 0
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    tp: int = 0
    fp: int = 0
    fn: int = 0
    answered: int = 0  # NUMBER: predictions that carried a value
    answered_correct: int = 0

    def add(self, expected: Any, got: Any, ok: bool) -> None:
        self.total += 1
        self.correct += int(ok)
        if self.type in (FieldType.ENUM, FieldType.BOOLEAN):
            row = self.confusion.setdefault(_label(expected), {})
            row[_label(got)] = row.get(_label(got), 0) + 1
        elif self.type is FieldType.NUMBER and got is not None:
            self.answered += 1
            self.answered_correct += int(ok)
        elif self.type is FieldType.ARRAY:
            exp, g = set(expected), set(got or [])
            self.tp += len(exp & g)
            self.fp += len(g - exp)
            self.fn += len(exp - g)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type.value, "correct": self.correct, "total": self.total,
                               "accuracy": self.correct / self.total if self.total else None}
        if self.type in (FieldType.ENUM, FieldType.BOOLEAN):
            out["confusion"] = self.confusion
        if self.type is FieldType.NUMBER:
            out["answered"] = self.answered
            out["answered_correct"] = self.answered_correct
        if self.type is FieldType.ARRAY:
            out["precision"] = self.tp / (self.tp + self.fp) if self.tp + self.fp else None
            out["recall"] = self.tp / (self.tp + self.fn) if self.tp + self.fn else None
        return out


def _label(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def percentile(values: list[int], q: float) -> int | None:
    """Nearest-rank percentile (``q`` in 0..100); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return int(ordered[rank - 1])


def latency_summary(values: list[int]) -> dict[str, int | None]:
    return {"p50": percentile(values, 50), "p95": percentile(values, 95),
            "mean": int(statistics.fmean(values)) if values else None}


def field_deltas(metrics: dict[str, Any], baseline: dict[str, Any]) -> dict[str, float | None]:
    """Accuracy delta per field (this run minus the baseline); None when either side has no score."""
    out: dict[str, float | None] = {}
    for name, m in (metrics.get("fields") or {}).items():
        b = (baseline.get("fields") or {}).get(name)
        a_acc, b_acc = m.get("accuracy"), (b or {}).get("accuracy")
        out[name] = None if a_acc is None or b_acc is None else a_acc - b_acc
    return out


def worse_fields(metrics: dict[str, Any], baseline: dict[str, Any], *, epsilon: float = 1e-9) -> list[str]:
    """Fields whose accuracy dropped against the baseline."""
    return [name for name, d in field_deltas(metrics, baseline).items() if d is not None and d < -epsilon]


def confusion_matrix(field_metrics: dict[str, Any]) -> tuple[list[str], list[str], list[list[int]]]:
    """(expected labels, predicted labels, counts[expected][predicted]) of an ENUM/BOOLEAN field."""
    conf: dict[str, dict[str, int]] = field_metrics.get("confusion") or {}
    expected = sorted(conf)
    got = sorted({g for row in conf.values() for g in row} | set(expected))
    return expected, got, [[conf[e].get(g, 0) for g in got] for e in expected]
