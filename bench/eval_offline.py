"""Score the offline engine against the human labels in data/labels.json and print a table.

Usage: ``.venv/bin/python -m bench.eval_offline [--data DIR] [--errors]``. Accuracy per field;
persuasion triggers as micro-averaged F1. ``--errors`` lists each miss (id, expected, got) to find
gaps in the general rules, not to patch single sentences.
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


@dataclass
class Score:
    hits: int = 0
    total: int = 0
    misses: list[tuple[str, Any, Any]] = field(default_factory=list)

    def add(self, conv_id: str, expected: Any, got: Any) -> None:
        self.total += 1
        if expected == got:
            self.hits += 1
        else:
            self.misses.append((conv_id, expected, got))

    @property
    def accuracy(self) -> float:
        return self.hits / self.total if self.total else float("nan")


def run_all(data: Path) -> tuple[dict[str, Score], dict[str, int]]:
    """Run the six templates on every labelled conversation and compare field by field."""
    labels: dict[str, dict[str, Any]] = json.loads((data / "labels.json").read_text(encoding="utf-8"))
    scores: dict[str, Score] = {}
    trig = {"tp": 0, "fp": 0, "fn": 0}

    def score(name: str) -> Score:
        return scores.setdefault(name, Score())

    for conv_id, lab in sorted(labels.items()):
        path = data / "conversations" / f"{conv_id}.json"
        if not path.is_file():
            continue
        conv = load_conversation(path)
        ctx = build_context(conv)
        out = {k: offline.analyse(t, ctx, t.schema()) for k, t in TEMPLATES.items()}
        status = conv.ticket.status.value
        score("concern (closing_coach)").add(conv_id, lab["concern"], out["closing_coach"]["concern"])
        # The label means "hesitated at some point"; hesitationDetected means "hesitating in the latest turn".
        score("hesitation (now) vs label").add(conv_id, lab["hesitation"], out["closing_coach"]["hesitationDetected"])
        any_point = out["closing_coach"]["hesitationDetected"] or out["closing_coach"]["concern"] != "NONE"
        score("hesitation (any point, proxy)").add(conv_id, lab["hesitation"], any_point)
        if lab.get("lossReason") is not None:
            score("lossReason (LOST)").add(conv_id, lab["lossReason"], out["traffic_feedback"]["lossReason"])
        score("leadQualified").add(conv_id, lab["leadQualified"], out["traffic_feedback"]["leadQualified"])
        score("campaignMismatch").add(conv_id, lab["campaignMismatch"], out["traffic_feedback"]["campaignMismatch"])
        capi = out["capi_auditor"]
        score("purchaseConfirmed").add(conv_id, lab["purchaseConfirmed"], capi["purchaseConfirmed"])
        if lab["purchaseConfirmed"] and capi["purchaseConfirmed"]:
            exp, got = lab.get("purchaseValue"), capi.get("purchaseValue")
            ok = exp is not None and got is not None and abs(exp - got) <= max(1.0, 0.01 * exp)
            score("purchaseValue (both confirmed)").add(conv_id, exp, exp if ok else got)
        if status == "WON":
            score("lifeStage (WON)").add(conv_id, lab["lifeStage"], out["icp_mapper"]["lifeStage"])
            score("decisionDriver (WON)").add(conv_id, lab["decisionDriver"], out["icp_mapper"]["decisionDriver"])
        if status == "OPEN":
            g = out["ghosting_sentinel"]
            score("ghosting (OPEN, risk>=60)").add(conv_id, lab["ghosting"], g["ghostingRisk"] >= 60)
        score("empathetic (empathy>=7)").add(conv_id, lab["empathetic"], out["qa_auditor"]["empathyScore"] >= 7)
        score("language").add(conv_id, lab["language"], ctx.language)
        expected, got = set(lab["persuasionTriggers"]), set(out["qa_auditor"]["persuasionTriggers"] or [])
        trig["tp"] += len(expected & got)
        trig["fp"] += len(got - expected)
        trig["fn"] += len(expected - got)
        score("persuasionTriggers (exact set)").add(conv_id, sorted(expected), sorted(got))
    return scores, trig


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--errors", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    if not (args.data / "labels.json").is_file():
        print(f"no labels at {args.data / 'labels.json'}")
        return 2
    scores, trig = run_all(args.data)
    print(f"{'field':34} {'accuracy':>9} {'n':>4}")
    print("-" * 49)
    for name, s in scores.items():
        print(f"{name:34} {s.accuracy:9.1%} {s.total:4d}")
    p = trig["tp"] / (trig["tp"] + trig["fp"]) if trig["tp"] + trig["fp"] else 0.0
    r = trig["tp"] / (trig["tp"] + trig["fn"]) if trig["tp"] + trig["fn"] else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"{'persuasionTriggers micro P/R/F1':34} {p:.2f}/{r:.2f}/{f1:.2f}")
    if args.errors:
        for name, s in scores.items():
            for conv_id, exp, got in s.misses:
                print(f"  {name}: {conv_id} expected={exp} got={got}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
