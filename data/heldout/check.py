#!/usr/bin/env python3
"""Validate the held-out set (stdlib only): python3 data/heldout/check.py [DIR]; exit 1 on any problem."""
import collections
import datetime as dt
import json
import sys
from pathlib import Path

DIR = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
CONCERN = {"PRICE", "RECOVERY_TIME", "FEAR_PAIN", "TRUST", "COMPETITOR", "SCHEDULE",
           "RESULTS_DOUBT", "PAYMENT_METHOD", "OTHER", "NONE"}
LOSS = CONCERN | {"NO_RESPONSE"}
LIFE = {"STUDENT", "YOUNG_PROFESSIONAL", "NEW_PARENT", "PARENT", "EXECUTIVE", "RETIRED", "UNKNOWN"}
DRIVER = {"PRICE", "RESULTS", "SAFETY", "CONVENIENCE", "STATUS", "TRUST", "UNKNOWN"}
TRIGGERS = {"SCARCITY", "URGENCY", "SOCIAL_PROOF", "AUTHORITY", "RECIPROCITY", "ANCHORING"}
LABEL_KEYS = {"concern", "hesitation", "lossReason", "leadQualified", "campaignMismatch",
              "purchaseConfirmed", "purchaseValue", "ghosting", "sellerStoppedAnswering",
              "lifeStage", "decisionDriver", "language", "persuasionTriggers", "empathetic"}
LO, HI = dt.date(2026, 9, 1), dt.date(2026, 9, 25)

errors = []


def err(msg):
    errors.append(msg)


def ts(s, where):
    t = dt.datetime.fromisoformat(s)
    if t.utcoffset() != dt.timedelta(hours=-3):
        err(f"{where}: offset is not -03:00: {s}")
    if not LO <= t.date() <= HI:
        err(f"{where}: date outside 2026-09-01..25: {s}")
    return t


convs = {}
phones = collections.Counter()
for f in sorted((DIR / "conversations").glob("*.json")):
    c = json.loads(f.read_text())
    cid = c["id"]
    if f.stem != cid:
        err(f"{f.name}: id {cid} does not match the file name")
    convs[cid] = c
    tk = c["ticket"]
    if tk["status"] not in {"OPEN", "WON", "LOST"}:
        err(f"{cid}: bad status {tk['status']}")
    if tk["currency"] != "BRL" or not (tk["value"] is None or isinstance(tk["value"], (int, float))):
        err(f"{cid}: bad value/currency")
    if not tk.get("seller"):
        err(f"{cid}: no seller")
    if not isinstance(tk.get("attribution"), dict):
        err(f"{cid}: attribution missing")
    phones[c["contact"]["phone"]] += 1
    if not c["contact"]["phone"].startswith("+55") or not c["contact"].get("name"):
        err(f"{cid}: bad contact")
    prev = None
    if not c["messages"]:
        err(f"{cid}: no messages")
    for i, m in enumerate(c["messages"]):
        w = f"{cid} msg {i}"
        if m["from"] not in {"lead", "seller", "bot"}:
            err(f"{w}: bad from {m['from']}")
        if m.get("type", "text") not in {"text", "audio", "image", "document"}:
            err(f"{w}: bad type {m.get('type')}")
        if not m.get("text"):
            err(f"{w}: empty text")
        t = ts(m["at"], w)
        if prev and t <= prev:
            err(f"{w}: timestamp does not increase ({m['at']})")
        prev = t
    if "now" in c and prev and ts(c["now"], f"{cid} now") < prev:
        err(f"{cid}: now is before the last message")
for p, n in phones.items():
    if n > 1:
        err(f"phone {p} used {n} times")

labels = json.loads((DIR / "labels.json").read_text())
if set(labels) != set(convs):
    err(f"labels/conversations mismatch: {sorted(set(labels) ^ set(convs))}")
for cid, lab in labels.items():
    if set(lab) != LABEL_KEYS:
        err(f"{cid}: label keys differ: {sorted(set(lab) ^ LABEL_KEYS)}")
        continue
    st = convs.get(cid, {}).get("ticket", {}).get("status")
    if lab["concern"] not in CONCERN:
        err(f"{cid}: bad concern")
    if (st == "LOST") != (lab["lossReason"] is not None) or (lab["lossReason"] and lab["lossReason"] not in LOSS):
        err(f"{cid}: lossReason must be a Concern/NO_RESPONSE on LOST only")
    if st == "WON":
        if lab["lifeStage"] not in LIFE or lab["decisionDriver"] not in DRIVER:
            err(f"{cid}: WON needs lifeStage/decisionDriver")
    elif lab["lifeStage"] is not None or lab["decisionDriver"] is not None:
        err(f"{cid}: lifeStage/decisionDriver only on WON")
    if lab["purchaseConfirmed"] != (lab["purchaseValue"] is not None):
        err(f"{cid}: purchaseValue iff purchaseConfirmed")
    if lab["ghosting"] and st != "OPEN":
        err(f"{cid}: ghosting only on OPEN")
    if lab["language"] not in {"pt", "en"}:
        err(f"{cid}: bad language")
    if not set(lab["persuasionTriggers"]) <= TRIGGERS:
        err(f"{cid}: bad persuasion trigger")
    for k in ("hesitation", "leadQualified", "campaignMismatch", "purchaseConfirmed", "ghosting",
              "sellerStoppedAnswering", "empathetic"):
        if not isinstance(lab[k], bool):
            err(f"{cid}: {k} must be boolean")

# summary
cnt = lambda key: dict(sorted(collections.Counter(key(c) for c in convs).items()))
print(f"{len(convs)} conversations, {sum(len(c['messages']) for c in convs.values())} messages")
print("  status:", cnt(lambda c: convs[c]["ticket"]["status"]))
print("  seller:", cnt(lambda c: convs[c]["ticket"]["seller"]))
print("  campaign:", cnt(lambda c: convs[c]["ticket"]["attribution"].get("utm_campaign", "(organic)")))
print("  concern:", cnt(lambda c: labels[c]["concern"]))
print("  lossReason:", dict(collections.Counter(l["lossReason"] for l in labels.values() if l["lossReason"])))
print("  language:", cnt(lambda c: labels[c]["language"]))
print("  purchase confirmed on OPEN:", [c for c in convs if labels[c]["purchaseConfirmed"] and convs[c]["ticket"]["status"] == "OPEN"])
print("  ghosting:", [c for c in convs if labels[c]["ghosting"]])
print("  lifeStage/driver (WON):", {c: (labels[c]["lifeStage"], labels[c]["decisionDriver"]) for c in convs if labels[c]["lifeStage"]})
print("  triggers:", dict(sorted(collections.Counter(t for l in labels.values() for t in l["persuasionTriggers"]).items())))
low = [k for k, v in collections.Counter(l["concern"] for l in labels.values()).items() if v < 2]
missing = CONCERN - {l["concern"] for l in labels.values()}
if low or missing:
    err(f"concerns used fewer than 2 times: {sorted(set(low) | missing)}")
if errors:
    print("\nPROBLEMS:")
    for e in errors:
        print("  -", e)
    sys.exit(1)
print("\nOK — held-out set is valid")
