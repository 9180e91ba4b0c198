"""Score the offline engine against human labels and print a table, per field, per data set.

Usage: ``.venv/bin/python -m bench.eval_offline`` prints the demo set (``data/``, the rules were tuned
on it), the held-out set (``data/heldout``) and the second held-out set (``data/heldout2``) side by
side. ``--data DIR`` scores one set; ``--errors`` (only with ``--data``) lists each miss (id,
expected, got) to find gaps in the general rules on a set you may tune on (the demo set or the
development sets ``data/dev``, ``data/dev3`` and ``data/dev4``), never on a held-out set. Accuracy per field; persuasion triggers as
micro-averaged F1. A label a set does not carry for a conversation is not scored.

``overall`` is the micro-average over the decision fields (every row above it except the
"hesitation (now)" diagnostic), so a set with more labels of one field weighs that field more.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine import offline
from engine.context import build_context
from engine.conversation import load_conversation
from engine.templates import TEMPLATES

ROOT = Path(__file__).resolve().parents[1]
SETS = (("demo (tuned)", ROOT / "data"), ("heldout", ROOT / "data" / "heldout"), ("heldout2", ROOT / "data" / "heldout2"))
NOT_OVERALL = {"hesitation (now) vs label", "persuasionTriggers (exact set)"}
MISSING = object()


@dataclass
class Score:
    hits: int = 0
    total: int = 0
    misses: list[tuple[str, Any, Any]] = field(default_factory=list)

    def add(self, conv_id: str, expected: Any, got: Any) -> None:
        if expected is MISSING:
            return
        self.total += 1
        if expected == got:
            self.hits += 1
        else:
            self.misses.append((conv_id, expected, got))

    @property
    def accuracy(self) -> float:
        return self.hits / self.total if self.total else float("nan")


ORDER = ("concern (closing_coach)", "hesitation (now) vs label", "hesitation (any point, proxy)", "lossReason (LOST)",
         "leadQualified", "campaignMismatch", "purchaseConfirmed", "purchaseValue (both confirmed)",
         "lifeStage (WON)", "decisionDriver (WON)", "ghosting (OPEN, risk>=60)", "empathetic (empathy>=7)",
         "language", "persuasionTriggers (exact set)")


def run_all(data: Path) -> tuple[dict[str, Score], dict[str, int]]:
    """Run the six templates on every labelled conversation and compare field by field."""
    labels: dict[str, dict[str, Any]] = json.loads((data / "labels.json").read_text(encoding="utf-8"))
    scores: dict[str, Score] = {name: Score() for name in ORDER}
    trig = {"tp": 0, "fp": 0, "fn": 0}

    for conv_id, lab in sorted(labels.items()):
        path = data / "conversations" / f"{conv_id}.json"
        if not path.is_file():
            continue
        conv = load_conversation(path)
        ctx = build_context(conv)
        out = {k: offline.analyse(t, ctx, t.schema()) for k, t in TEMPLATES.items()}
        status = conv.ticket.status.value

        def get(name: str, lab: dict[str, Any] = lab) -> Any:
            return lab.get(name, MISSING)

        coach = out["closing_coach"]
        scores["concern (closing_coach)"].add(conv_id, get("concern"), coach["concern"])
        # The label means "hesitated at some point"; hesitationDetected means "hesitating in the latest turn".
        scores["hesitation (now) vs label"].add(conv_id, get("hesitation"), coach["hesitationDetected"])
        any_point = coach["hesitationDetected"] or coach["concern"] != "NONE"
        scores["hesitation (any point, proxy)"].add(conv_id, get("hesitation"), any_point)
        if lab.get("lossReason") is not None:
            scores["lossReason (LOST)"].add(conv_id, lab["lossReason"], out["traffic_feedback"]["lossReason"])
        scores["leadQualified"].add(conv_id, get("leadQualified"), out["traffic_feedback"]["leadQualified"])
        scores["campaignMismatch"].add(conv_id, get("campaignMismatch"), out["traffic_feedback"]["campaignMismatch"])
        capi = out["capi_auditor"]
        scores["purchaseConfirmed"].add(conv_id, get("purchaseConfirmed"), capi["purchaseConfirmed"])
        if lab.get("purchaseConfirmed") and capi["purchaseConfirmed"]:
            exp, got = lab.get("purchaseValue"), capi.get("purchaseValue")
            ok = exp is not None and got is not None and abs(exp - got) <= max(1.0, 0.01 * exp)
            scores["purchaseValue (both confirmed)"].add(conv_id, exp, exp if ok else got)
        if status == "WON":
            scores["lifeStage (WON)"].add(conv_id, get("lifeStage"), out["icp_mapper"]["lifeStage"])
            scores["decisionDriver (WON)"].add(conv_id, get("decisionDriver"), out["icp_mapper"]["decisionDriver"])
        if status == "OPEN" and "ghosting" in lab:
            scores["ghosting (OPEN, risk>=60)"].add(conv_id, lab["ghosting"], out["ghosting_sentinel"]["ghostingRisk"] >= 60)
        scores["empathetic (empathy>=7)"].add(conv_id, get("empathetic"), out["qa_auditor"]["empathyScore"] >= 7)
        scores["language"].add(conv_id, get("language"), ctx.language)
        if "persuasionTriggers" in lab:
            expected, got_t = set(lab["persuasionTriggers"]), set(out["qa_auditor"]["persuasionTriggers"] or [])
            trig["tp"] += len(expected & got_t)
            trig["fp"] += len(got_t - expected)
            trig["fn"] += len(expected - got_t)
            scores["persuasionTriggers (exact set)"].add(conv_id, sorted(expected), sorted(got_t))
    return scores, trig


def overall(scores: dict[str, Score]) -> Score:
    s = Score()
    for name, sc in scores.items():
        if name not in NOT_OVERALL:
            s.hits += sc.hits
            s.total += sc.total
    return s


def f1(trig: dict[str, int]) -> tuple[float, float, float]:
    p = trig["tp"] / (trig["tp"] + trig["fp"]) if trig["tp"] + trig["fp"] else 0.0
    r = trig["tp"] / (trig["tp"] + trig["fn"]) if trig["tp"] + trig["fn"] else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _cell(s: Score) -> str:
    return f"{s.accuracy:7.1%} {s.total:3d}" if s.total else f"{'—':>7} {0:3d}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, help="score one set instead of the three side by side")
    parser.add_argument("--errors", action="store_true", help="list every miss (with --data; not for held-out sets)")
    args = parser.parse_args(argv)
    if args.errors and (args.data is None or "heldout" in args.data.resolve().name):
        print("--errors is for sets you may tune on (--data data, data/dev, data/dev3 or data/dev4), never a held-out set")
        return 2
    sets = [(args.data.name or str(args.data), args.data)] if args.data else [(n, p) for n, p in SETS]
    results = []
    for name, path in sets:
        if not (path / "labels.json").is_file():
            if args.data:
                print(f"no labels at {path / 'labels.json'}")
                return 2
            continue
        results.append((name, *run_all(path)))
    print(f"{'field':34}" + "".join(f" {name[:15]:>15}" for name, _, _ in results))
    print(f"{'':34}" + "".join(f" {'acc':>7} {'n':>7}" for _ in results))
    print("-" * (34 + 16 * len(results)))
    for row in ORDER:
        print(f"{row:34}" + "".join(f" {_cell(sc[row]):>15}" for _, sc, _ in results))
    print(f"{'overall (decision fields)':34}" + "".join(f" {_cell(overall(sc)):>15}" for _, sc, _ in results))
    print(f"{'persuasionTriggers micro F1':34}" + "".join(f" {f1(t)[2]:15.2f}" for _, _, t in results))
    if args.errors:
        for name, sc in results[0][1].items():
            for conv_id, exp, got in sc.misses:
                print(f"  {name}: {conv_id} expected={exp} got={got}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
