#!/usr/bin/env python3
"""Validate held-out set 2 (stdlib only): python3 data/heldout2/check.py [DIR]; exit 1 on any problem.

Checks: JSON parses; fixture shape; timestamps strictly increase (offsets -03:00, Z or +00:00 are all
accepted and compared as instants); dates in 2026-10; weekday names in the text match the calendar;
phones (+55, valid DDD, 9-digit mobile, unique); enums per /work/shared/TEMPLATES.md; flat labels
(data/README.md format) and labels_by_agent.json agree with each other and with the conversations
(ticket status, who spoke last, idle time, SLA facts recomputed from the timestamps)."""
import collections
import datetime as dt
import json
import re
import sys
from pathlib import Path

DIR = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
CONCERN = {"PRICE", "RECOVERY_TIME", "FEAR_PAIN", "TRUST", "COMPETITOR", "SCHEDULE",
           "RESULTS_DOUBT", "PAYMENT_METHOD", "OTHER", "NONE"}
LOSS = CONCERN | {"NO_RESPONSE"}
LIFE = {"STUDENT", "YOUNG_PROFESSIONAL", "NEW_PARENT", "PARENT", "EXECUTIVE", "RETIRED", "UNKNOWN"}
DRIVER = {"PRICE", "RESULTS", "SAFETY", "CONVENIENCE", "STATUS", "TRUST", "UNKNOWN"}
AGE = {"18_24", "25_34", "35_44", "45_54", "55_PLUS", "UNKNOWN"}
TRIGGERS = {"SCARCITY", "URGENCY", "SOCIAL_PROOF", "AUTHORITY", "RECIPROCITY", "ANCHORING"}
CURRENCY = {"BRL", "USD", "EUR"}
LABEL_KEYS = {"concern", "hesitation", "lossReason", "leadQualified", "campaignMismatch",
              "purchaseConfirmed", "purchaseValue", "ghosting", "sellerStoppedAnswering",
              "lifeStage", "decisionDriver", "language", "persuasionTriggers", "empathetic"}
# every field of every template (TEMPLATES.md); the STRING ones (and `traits`, free text) are never labelled
SCHEMA = {
    "traffic_feedback": {"lossReason": ("enum", LOSS), "leadQualified": ("bool",), "campaignMismatch": ("bool",)},
    "closing_coach": {"hesitationDetected": ("bool",), "concern": ("enum", CONCERN)},
    "icp_mapper": {"lifeStage": ("enum", LIFE), "decisionDriver": ("enum", DRIVER), "ageRange": ("enum", AGE)},
    "ghosting_sentinel": {"ghostingRisk": ("num", 0, 100), "addToRetargeting": ("bool",)},
    "capi_auditor": {"purchaseConfirmed": ("bool",), "purchaseValue": ("num", 0, 1e7),
                     "currency": ("enum", CURRENCY), "alreadyRegistered": ("bool",)},
    "qa_auditor": {"slaMet": ("bool",), "firstResponseMinutes": ("num", 0, 1e6), "empathyScore": ("num", 0, 10),
                   "persuasionTriggers": ("set", TRIGGERS), "overallScore": ("num", 0, 100)},
}
STRING_FIELDS = {"evidence", "tip", "suggestedReply", "persona", "traits", "lastLeadIntent", "rescueMessage",
                 "improvementTip", "summary", "confidence"}
DDD = {11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33, 34, 35, 37, 38, 41, 42, 43, 44, 45,
       46, 47, 48, 49, 51, 53, 54, 55, 61, 62, 63, 64, 65, 66, 67, 68, 69, 71, 73, 74, 75, 77, 79, 81, 82, 83,
       84, 85, 86, 87, 88, 89, 91, 92, 93, 94, 95, 96, 97, 98, 99}
LOCAL = dt.timezone(dt.timedelta(hours=-3))
HOURS = {0: (8, 20), 1: (8, 20), 2: (8, 20), 3: (8, 20), 4: (8, 20), 5: (8, 13)}
HOLIDAYS = {dt.date(2026, 10, 12), dt.date(2026, 11, 2)}
WEEKDAY = {}
for i, names in enumerate([
        ("segunda", "lunes", "monday"), ("terça", "terca", "martes", "tuesday"),
        ("quarta", "miércoles", "miercoles", "wednesday"), ("quinta", "jueves", "thursday"),
        ("sexta", "viernes", "friday"), ("sábado", "sabado", "saturday"), ("domingo", "sunday")]):
    for nm in names:
        WEEKDAY[nm] = i
DAY_RE = re.compile(r"\b(" + "|".join(sorted(WEEKDAY, key=len, reverse=True)) +
                    r")(?:-feira)?,?\s+(?:dia\s+|the\s+)?(\d{1,2})(?:/(\d{1,2}))?(?:º|st|nd|rd|th)?(?![\dh:])",
                    re.IGNORECASE)

errors = []


def err(msg):
    errors.append(msg)


def ts(s, where):
    try:
        t = dt.datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        err(f"{where}: bad timestamp {s}")
        return None
    if t.utcoffset() not in (dt.timedelta(hours=-3), dt.timedelta(0)):
        err(f"{where}: offset must be -03:00, Z or +00:00: {s}")
    if t.astimezone(LOCAL).date().month != 10 or t.year != 2026:
        err(f"{where}: local date outside 2026-10: {s}")
    return t


def bmin(a, b):
    a, b = a.astimezone(LOCAL), b.astimezone(LOCAL)
    total, day = 0.0, a.date()
    while day <= b.date():
        if day.weekday() in HOURS and day not in HOLIDAYS:
            o, c = HOURS[day.weekday()]
            s = max(dt.datetime.combine(day, dt.time(o), LOCAL), a)
            e = min(dt.datetime.combine(day, dt.time(c), LOCAL), b)
            if e > s:
                total += (e - s).total_seconds() / 60
        day += dt.timedelta(days=1)
    return round(total)


def sla(msgs, now):
    first = next(t for f, t in msgs if f == "lead")
    reply = next((t for f, t in msgs if f == "seller" and t > first), None)
    worst, pending = 0, None
    for f, t in msgs:
        if f == "lead" and pending is None:
            pending = t
        elif f == "seller" and pending is not None:
            worst, pending = max(worst, bmin(pending, t)), None
    if pending is not None:
        worst = max(worst, bmin(pending, now))
    return (bmin(first, reply) if reply else None), worst <= 15


def check_value(cid, agent, field, v):
    spec = SCHEMA[agent][field]
    w = f"{cid} {agent}.{field}"
    if spec[0] == "bool" and not isinstance(v, bool):
        err(f"{w}: must be boolean")
    elif spec[0] == "enum" and v not in spec[1]:
        err(f"{w}: {v!r} not in enum")
    elif spec[0] == "set" and (not isinstance(v, list) or not set(v) <= spec[1]):
        err(f"{w}: bad list {v!r}")
    elif spec[0] == "num":
        lo, hi = spec[1], spec[2]
        if isinstance(v, dict):
            if set(v) != {"min", "max"} or not lo <= v["min"] <= v["max"] <= hi:
                err(f"{w}: bad range {v!r}")
        elif isinstance(v, bool) or not isinstance(v, (int, float)) or not lo <= v <= hi:
            err(f"{w}: bad number {v!r}")


def within(v, x):
    return v["min"] <= x <= v["max"] if isinstance(v, dict) else v == x


convs, facts = {}, {}
phones = collections.Counter()
files = sorted((DIR / "conversations").glob("*.json"))
for f in files:
    try:
        c = json.loads(f.read_text())
    except json.JSONDecodeError as e:
        err(f"{f.name}: JSON does not parse: {e}")
        continue
    cid = c.get("id")
    if f.stem != cid or not re.fullmatch(r"h2-\d{3}", cid or ""):
        err(f"{f.name}: id {cid} does not match the file name")
    if set(c) - {"id", "now", "ticket", "contact", "messages"}:
        err(f"{cid}: unexpected top-level keys {sorted(set(c) - {'id', 'now', 'ticket', 'contact', 'messages'})}")
    convs[cid] = c
    tk = c["ticket"]
    if set(tk) != {"status", "value", "currency", "seller", "attribution"}:
        err(f"{cid}: ticket keys {sorted(tk)}")
    if tk["status"] not in {"OPEN", "WON", "LOST"}:
        err(f"{cid}: bad status {tk['status']}")
    if tk["currency"] != "BRL" or not (tk["value"] is None or
                                       (isinstance(tk["value"], (int, float)) and tk["value"] > 0)):
        err(f"{cid}: bad value/currency")
    if not tk.get("seller") or not isinstance(tk.get("attribution"), dict):
        err(f"{cid}: seller/attribution missing")
    ph = c["contact"].get("phone", "")
    phones[ph] += 1
    m = re.fullmatch(r"\+55(\d{2})9\d{8}", ph)
    if not m or int(m.group(1)) not in DDD or not c["contact"].get("name"):
        err(f"{cid}: bad contact {c['contact']}")
    prev, msgs, ids = None, [], set()
    if not c["messages"]:
        err(f"{cid}: no messages")
    for i, msg in enumerate(c["messages"]):
        w = f"{cid} msg {i}"
        if set(msg) - {"from", "text", "at", "type", "id"}:
            err(f"{w}: unexpected keys")
        if msg["from"] not in {"lead", "seller", "bot"}:
            err(f"{w}: bad from {msg['from']}")
        if msg.get("type", "text") not in {"text", "audio", "image", "document"}:
            err(f"{w}: bad type {msg.get('type')}")
        if msg.get("type") in {"audio", "image", "document"} and not msg["text"].startswith("["):
            err(f"{w}: media text must start with a [placeholder]")
        if "id" in msg:
            if msg["id"] in ids:
                err(f"{w}: duplicate message id")
            ids.add(msg["id"])
        if not msg.get("text"):
            err(f"{w}: empty text")
        t = ts(msg["at"], w)
        if t is None:
            continue
        if prev and t <= prev:
            err(f"{w}: timestamp does not increase ({msg['at']})")
        prev = t
        msgs.append((msg["from"], t))
        for mm in DAY_RE.finditer(msg.get("text", "")):
            name, day, month = mm.group(1).lower(), int(mm.group(2)), int(mm.group(3) or 10)
            try:
                real = dt.date(2026, month, day).weekday()
            except ValueError:
                err(f"{w}: impossible date in {mm.group(0)!r}")
                continue
            if real != WEEKDAY[name]:
                err(f"{w}: {mm.group(0)!r} — {day:02d}/{month:02d}/2026 is not a {name}")
    now = ts(c["now"], f"{cid} now") if "now" in c else prev
    if now and prev and now < prev:
        err(f"{cid}: now is before the last message")
    if not msgs or now is None:
        continue
    last_from = msgs[-1][0]
    idle_h = (now - msgs[-1][1]).total_seconds() / 3600
    facts[cid] = dict(status=tk["status"], last=last_from, idle_h=idle_h, value=tk["value"],
                      sla=sla(msgs, now), lead_spoke=sum(1 for fr, _ in msgs if fr == "lead"))
    if tk["status"] in ("WON", "LOST") and last_from != "seller":
        err(f"{cid}: closed tickets end with a seller message in this set (keeps slaMet unambiguous)")
for p, n in phones.items():
    if n > 1:
        err(f"phone {p} used {n} times")

# ------------------------------------------------------------------ flat labels
labels = json.loads((DIR / "labels.json").read_text())
by_agent = json.loads((DIR / "labels_by_agent.json").read_text())
if set(labels) != set(convs) or set(by_agent) != set(convs):
    err(f"labels/conversations mismatch: {sorted((set(labels) | set(by_agent)) ^ set(convs))}")
for cid, lab in labels.items():
    if set(lab) != LABEL_KEYS:
        err(f"{cid}: label keys differ: {sorted(set(lab) ^ LABEL_KEYS)}")
        continue
    fx = facts.get(cid)
    if not fx:
        continue
    st = fx["status"]
    if lab["concern"] not in CONCERN:
        err(f"{cid}: bad concern")
    if lab["hesitation"] != (lab["concern"] != "NONE"):
        err(f"{cid}: in this set hesitation is true exactly when concern != NONE")
    if (st == "LOST") != (lab["lossReason"] is not None) or (lab["lossReason"] and lab["lossReason"] not in LOSS):
        err(f"{cid}: lossReason must be a Concern/NO_RESPONSE on LOST only")
    if lab["lossReason"] not in (None, "NO_RESPONSE") and lab["lossReason"] != lab["concern"]:
        err(f"{cid}: lossReason should equal the (current) concern")
    if lab["lossReason"] == "NO_RESPONSE" and (fx["lead_spoke"] != 1 or lab["concern"] != "NONE"):
        err(f"{cid}: NO_RESPONSE means the lead only sent the first message and concern NONE")
    if st == "WON":
        if lab["lifeStage"] not in LIFE or lab["decisionDriver"] not in DRIVER:
            err(f"{cid}: WON needs lifeStage/decisionDriver")
        if not lab["purchaseConfirmed"] or lab["purchaseValue"] != fx["value"]:
            err(f"{cid}: WON tickets here all show the payment; purchaseValue must equal the ticket value")
    elif lab["lifeStage"] is not None or lab["decisionDriver"] is not None:
        err(f"{cid}: lifeStage/decisionDriver only on WON")
    if lab["purchaseConfirmed"] != (lab["purchaseValue"] is not None):
        err(f"{cid}: purchaseValue iff purchaseConfirmed")
    if lab["purchaseConfirmed"] and st == "LOST":
        err(f"{cid}: a paid ticket cannot be LOST here")
    if lab["ghosting"] and not (st == "OPEN" and fx["last"] == "seller" and fx["idle_h"] >= 2):
        err(f"{cid}: ghosting needs OPEN, seller spoke last, >= 2 h idle")
    if lab["sellerStoppedAnswering"] and not (st == "OPEN" and fx["last"] == "lead" and fx["idle_h"] >= 2):
        err(f"{cid}: sellerStoppedAnswering needs OPEN, lead spoke last, >= 2 h idle")
    if st == "OPEN" and fx["idle_h"] >= 2 and not (lab["ghosting"] or lab["sellerStoppedAnswering"]):
        err(f"{cid}: OPEN and idle >= 2 h but neither ghosting nor sellerStoppedAnswering")
    if lab["language"] not in {"pt", "en", "es"}:
        err(f"{cid}: bad language")
    if not set(lab["persuasionTriggers"]) <= TRIGGERS:
        err(f"{cid}: bad persuasion trigger")
    for k in ("hesitation", "leadQualified", "campaignMismatch", "purchaseConfirmed", "ghosting",
              "sellerStoppedAnswering", "empathetic"):
        if not isinstance(lab[k], bool):
            err(f"{cid}: {k} must be boolean")

# ------------------------------------------------------------------ per-agent labels, and agreement
for cid, ag in by_agent.items():
    fx, lab = facts.get(cid), labels.get(cid)
    if not fx or not lab or set(lab) != LABEL_KEYS:
        continue
    st = fx["status"]
    for agent, fields in ag.items():
        if agent not in SCHEMA:
            err(f"{cid}: unknown agent {agent}")
            continue
        for field, v in fields.items():
            if field in STRING_FIELDS or field not in SCHEMA[agent]:
                err(f"{cid}: {agent}.{field} is not a labelled field")
                continue
            check_value(cid, agent, field, v)
    want = {"closing_coach", "capi_auditor"} | ({"icp_mapper"} if st == "WON" else set()) \
        | ({"ghosting_sentinel"} if st == "OPEN" else set()) | ({"qa_auditor"} if st != "OPEN" else set()) \
        | ({"traffic_feedback"} if st == "LOST" or fx["idle_h"] >= 2 and st == "OPEN" else set())
    if set(ag) != want:
        err(f"{cid}: agents {sorted(ag)} but expected {sorted(want)} (template triggers / status)")
        continue
    tf = ag.get("traffic_feedback")
    if tf:
        if st == "LOST" and tf.get("lossReason") != lab["lossReason"]:
            err(f"{cid}: traffic_feedback.lossReason != labels.lossReason")
        if st != "LOST" and "lossReason" in tf:
            err(f"{cid}: lossReason only on LOST")
        if tf.get("leadQualified") != lab["leadQualified"] or tf.get("campaignMismatch") != lab["campaignMismatch"]:
            err(f"{cid}: traffic_feedback qualified/mismatch disagree with labels.json")
    cc = ag["closing_coach"]
    if cc.get("concern") != lab["concern"] or cc.get("hesitationDetected") != lab["hesitation"]:
        err(f"{cid}: closing_coach disagrees with labels.json")
    if st == "WON":
        icp = ag["icp_mapper"]
        if icp.get("lifeStage") != lab["lifeStage"] or icp.get("decisionDriver") != lab["decisionDriver"]:
            err(f"{cid}: icp_mapper disagrees with labels.json")
    if st == "OPEN":
        gs = ag["ghosting_sentinel"]
        r = gs.get("ghostingRisk")
        if not isinstance(r, dict):
            err(f"{cid}: ghostingRisk must be a range")
        else:
            if lab["ghosting"] and r["min"] < 50:
                err(f"{cid}: a ghosting lead needs ghostingRisk min >= 50")
            if lab["purchaseConfirmed"] and r["max"] > 50:
                err(f"{cid}: a lead who paid should not get a high ghostingRisk")
        if lab["purchaseConfirmed"] and gs.get("addToRetargeting") is True:
            err(f"{cid}: do not retarget a lead who already paid")
    cap = ag["capi_auditor"]
    if cap.get("purchaseConfirmed") != lab["purchaseConfirmed"] or cap.get("alreadyRegistered") != (st == "WON"):
        err(f"{cid}: capi_auditor disagrees with labels.json / ticket status")
    if lab["purchaseConfirmed"] and (cap.get("purchaseValue") != lab["purchaseValue"] or cap.get("currency") != "BRL"):
        err(f"{cid}: capi_auditor value/currency disagree")
    if not lab["purchaseConfirmed"] and ("purchaseValue" in cap or "currency" in cap):
        err(f"{cid}: no purchase, so no purchaseValue/currency")
    if st != "OPEN":
        qa = ag["qa_auditor"]
        frm, met = fx["sla"]
        if qa.get("firstResponseMinutes") != frm or qa.get("slaMet") != met:
            err(f"{cid}: qa facts {qa.get('firstResponseMinutes')}/{qa.get('slaMet')} but timestamps give {frm}/{met}")
        if sorted(qa.get("persuasionTriggers", [])) != sorted(lab["persuasionTriggers"]):
            err(f"{cid}: qa_auditor.persuasionTriggers disagree with labels.json")
        es = qa.get("empathyScore")
        if isinstance(es, dict) and ((lab["empathetic"] and es["min"] < 6) or (not lab["empathetic"] and es["max"] > 6)):
            err(f"{cid}: empathyScore range disagrees with labels.empathetic")

# ------------------------------------------------------------------ summary
cnt = lambda key: dict(sorted(collections.Counter(key(c) for c in convs).items()))
print(f"{len(convs)} conversations, {sum(len(c['messages']) for c in convs.values())} messages")
print("  status:", cnt(lambda c: convs[c]["ticket"]["status"]))
print("  seller:", cnt(lambda c: convs[c]["ticket"]["seller"]))
print("  campaign:", cnt(lambda c: convs[c]["ticket"]["attribution"].get("utm_campaign", "(organic)")))
if labels and all(set(l) == LABEL_KEYS for l in labels.values()):
    print("  concern:", cnt(lambda c: labels[c]["concern"]))
    print("  lossReason:", dict(collections.Counter(l["lossReason"] for l in labels.values() if l["lossReason"])))
    print("  language:", cnt(lambda c: labels[c]["language"]))
    print("  purchase confirmed:", [c for c in sorted(convs) if labels[c]["purchaseConfirmed"]])
    print("  ghosting:", [c for c in sorted(convs) if labels[c]["ghosting"]])
    print("  seller stopped:", [c for c in sorted(convs) if labels[c]["sellerStoppedAnswering"]])
    print("  triggers:", dict(sorted(collections.Counter(t for l in labels.values() for t in l["persuasionTriggers"]).items())))
    low = [k for k, v in collections.Counter(l["concern"] for l in labels.values()).items() if v < 2]
    missing = CONCERN - {l["concern"] for l in labels.values()}
    if low or missing:
        err(f"concerns used fewer than 2 times: {sorted(set(low) | missing)}")
print("  qa facts (firstResponseMinutes, slaMet):", {c: facts[c]["sla"] for c in sorted(facts) if facts[c]["status"] != "OPEN"})
if len(convs) < 40:
    err(f"only {len(convs)} conversations (need >= 40)")
if errors:
    print("\nPROBLEMS:")
    for e in errors:
        print("  -", e)
    sys.exit(1)
print("\nOK — held-out set 2 is valid")
