#!/usr/bin/env python3
"""Validates the demo dataset in data/ and prints a coverage summary (stdlib only).

    python3 data/check_dataset.py            # exit 0 when every rule passes, 1 otherwise

Checks the format rules of conversations/conv-*.json, labels.json, campaigns.json and
spend.csv, then the coverage the demo needs (status mix, concerns, campaigns, traps...).
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import re
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parent

STATUSES = {"OPEN", "WON", "LOST"}
SENDERS = {"lead", "seller", "bot"}
MSG_TYPES = {"text", "audio", "image", "document"}
SELLERS = {"Ana", "Bruno", "Carla", "Diego"}
ATTR_KEYS = {"utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term",
             "ctwa_clid", "ad_id", "campaign_id"}
CONCERNS = ["PRICE", "RECOVERY_TIME", "FEAR_PAIN", "TRUST", "COMPETITOR", "SCHEDULE",
            "RESULTS_DOUBT", "PAYMENT_METHOD", "OTHER", "NONE"]
LOSS_REASONS = set(CONCERNS) | {"NO_RESPONSE"}
LIFE_STAGES = {"STUDENT", "YOUNG_PROFESSIONAL", "NEW_PARENT", "PARENT", "EXECUTIVE", "RETIRED",
               "UNKNOWN"}
DRIVERS = {"PRICE", "RESULTS", "SAFETY", "CONVENIENCE", "STATUS", "TRUST", "UNKNOWN"}
TRIGGERS = {"SCARCITY", "URGENCY", "SOCIAL_PROOF", "AUTHORITY", "RECIPROCITY", "ANCHORING"}
LABEL_KEYS = {"concern": str, "hesitation": bool, "lossReason": (str, type(None)),
              "leadQualified": bool, "campaignMismatch": bool, "purchaseConfirmed": bool,
              "purchaseValue": (int, float, type(None)), "ghosting": bool,
              "sellerStoppedAnswering": bool, "lifeStage": (str, type(None)),
              "decisionDriver": (str, type(None)), "language": str, "persuasionTriggers": list,
              "empathetic": bool}
SPEND_HEADER = ["date", "campaign", "campaign_id", "spend", "impressions", "clicks", "currency"]

PHONE_RE = re.compile(r"^\+55(11|21|31|41)9\d{8}$")
CLID_RE = re.compile(r"^(ARA|Aff-)[A-Za-z0-9_-]{37,57}$")
ID18_RE = re.compile(r"^\d{18}$")
TS_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-03:00$")
FIRST_DAY, LAST_DAY = dt.date(2026, 8, 1), dt.date(2026, 8, 28)

errors: list[str] = []


def err(where: str, msg: str) -> None:
    errors.append(f"{where}: {msg}")


def parse_ts(where: str, value: object) -> dt.datetime | None:
    if not isinstance(value, str) or not TS_RE.match(value):
        err(where, f"timestamp {value!r} is not ISO 8601 with the -03:00 offset")
        return None
    ts = dt.datetime.fromisoformat(value)
    if not FIRST_DAY <= ts.date() <= LAST_DAY:
        err(where, f"timestamp {value} outside 2026-08-01..2026-08-28")
    return ts


def load_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        err(path.name, f"cannot load: {exc}")
        return None


# ---------------------------------------------------------------- campaigns and spend
def check_campaigns() -> dict[str, str]:
    campaigns = load_json(DATA / "campaigns.json") or []
    by_name: dict[str, str] = {}
    for i, c in enumerate(campaigns):
        where = f"campaigns.json[{i}]"
        for key, typ in (("name", str), ("campaign_id", str), ("objective", str),
                         ("daily_budget", (int, float)), ("currency", str)):
            if not isinstance(c.get(key), typ):
                err(where, f"missing or bad {key}")
        if not ID18_RE.match(str(c.get("campaign_id"))):
            err(where, "campaign_id must be an 18-digit string")
        if c.get("currency") != "BRL":
            err(where, "currency must be BRL")
        if c.get("name") in by_name:
            err(where, f"duplicate campaign {c.get('name')}")
        by_name[c.get("name")] = c.get("campaign_id")
    if len(set(by_name.values())) != len(by_name):
        err("campaigns.json", "campaign_id values are not unique")
    return by_name


def check_spend(campaigns: dict[str, str]) -> dict[str, float]:
    totals: dict[str, float] = defaultdict(float)
    seen = set()
    with (DATA / "spend.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, None)
        if header != SPEND_HEADER:
            err("spend.csv", f"header {header} != {SPEND_HEADER}")
        for n, row in enumerate(reader, start=2):
            where = f"spend.csv:{n}"
            if len(row) != len(SPEND_HEADER):
                err(where, "wrong number of columns")
                continue
            date, name, cid, spend, impressions, clicks, currency = row
            try:
                day = dt.date.fromisoformat(date)
            except ValueError:
                err(where, f"bad date {date}")
                continue
            if not FIRST_DAY <= day <= LAST_DAY:
                err(where, f"date {date} outside the month window")
            if campaigns.get(name) != cid:
                err(where, f"campaign {name}/{cid} not in campaigns.json")
            if not re.match(r"^\d+\.\d{2}$", spend) or float(spend) <= 0:
                err(where, f"spend {spend} must be positive with 2 decimals")
            if not impressions.isdigit() or not clicks.isdigit() or int(clicks) > int(impressions):
                err(where, "impressions/clicks must be integers, clicks <= impressions")
            if currency != "BRL":
                err(where, "currency must be BRL")
            if name == "Agosto_Botox" and not 450 <= float(spend) <= 550:
                err(where, f"Agosto_Botox spend {spend} outside R$ 450-550")
            if (date, name) in seen:
                err(where, f"duplicate row for {date} {name}")
            seen.add((date, name))
            totals[name] += float(spend)
    days = (LAST_DAY - FIRST_DAY).days + 1
    for name in campaigns:
        for d in range(days):
            date = (FIRST_DAY + dt.timedelta(days=d)).isoformat()
            if (date, name) not in seen:
                err("spend.csv", f"missing row {date} {name}")
    return totals


# ---------------------------------------------------------------- conversations
def check_conversation(path: Path, conv: dict, campaigns: dict[str, str],
                       phones: set[str]) -> dict | None:
    where = path.name
    for key in ("id", "ticket", "contact", "messages"):
        if key not in conv:
            err(where, f"missing key {key}")
            return None
    extra = set(conv) - {"id", "now", "ticket", "contact", "messages"}
    if extra:
        err(where, f"unexpected keys {sorted(extra)}")
    if conv["id"] != path.stem:
        err(where, f"id {conv['id']} does not match the file name")
    ticket, contact, messages = conv["ticket"], conv["contact"], conv["messages"]
    if ticket.get("status") not in STATUSES:
        err(where, f"bad status {ticket.get('status')}")
    value = ticket.get("value")
    if value is None:
        if ticket.get("status") != "OPEN":
            err(where, "value may be null only on OPEN tickets")
    elif not isinstance(value, (int, float)) or not 0 < value <= 10000:
        err(where, f"bad value {value}")
    if ticket.get("currency") != "BRL":
        err(where, "currency must be BRL")
    if ticket.get("seller") not in SELLERS:
        err(where, f"unknown seller {ticket.get('seller')}")
    attr = ticket.get("attribution")
    if not isinstance(attr, dict):
        err(where, "attribution must be an object ({} for organic)")
        attr = {}
    if set(attr) - ATTR_KEYS:
        err(where, f"unknown attribution keys {sorted(set(attr) - ATTR_KEYS)}")
    if "ctwa_clid" in attr and not CLID_RE.match(attr["ctwa_clid"]):
        err(where, f"ctwa_clid {attr['ctwa_clid']!r} does not look like Meta's")
    for key in ("ad_id", "campaign_id"):
        if key in attr and not ID18_RE.match(attr[key]):
            err(where, f"{key} must be an 18-digit string")
    if "campaign_id" in attr and campaigns.get(attr.get("utm_campaign")) != attr["campaign_id"]:
        err(where, "campaign_id does not match campaigns.json for utm_campaign")
    if attr.get("utm_source") == "google" and "ctwa_clid" in attr:
        err(where, "a Google lead has no ctwa_clid")
    if not isinstance(contact.get("name"), str) or not contact["name"].strip():
        err(where, "contact.name missing")
    ph = contact.get("phone")
    if not isinstance(ph, str) or not PHONE_RE.match(ph):
        err(where, f"phone {ph!r} is not a Brazilian E.164 mobile (+55 DDD 9xxxx-xxxx)")
    elif ph in phones:
        err(where, f"phone {ph} used twice")
    phones.add(ph)
    if not isinstance(messages, list) or not 3 <= len(messages) <= 80:
        err(where, "messages must be a list of 3 to 80 items")
        return None
    prev = None
    for i, m in enumerate(messages):
        mw = f"{where} msg {i}"
        if set(m) - {"from", "text", "at", "type"}:
            err(mw, f"unexpected keys {sorted(set(m) - {'from', 'text', 'at', 'type'})}")
        if m.get("from") not in SENDERS:
            err(mw, f"bad from {m.get('from')}")
        if m.get("type", "text") not in MSG_TYPES:
            err(mw, f"bad type {m.get('type')}")
        if not isinstance(m.get("text"), str) or not m["text"].strip():
            err(mw, "empty text")
        ts = parse_ts(mw, m.get("at"))
        if ts and prev and ts < prev:
            err(mw, "timestamps go backwards")
        prev = ts or prev
    now = parse_ts(f"{where} now", conv.get("now", messages[-1].get("at")))
    if now and prev and now < prev:
        err(where, "now is before the last message")
    return {"conv": conv, "attr": attr, "now": now}


def first_response_minutes(messages: list[dict]) -> float | None:
    first_lead = next((m for m in messages if m["from"] == "lead"), None)
    if first_lead is None:
        return None
    t0 = dt.datetime.fromisoformat(first_lead["at"])
    for m in messages:
        if m["from"] == "seller" and dt.datetime.fromisoformat(m["at"]) >= t0:
            return (dt.datetime.fromisoformat(m["at"]) - t0).total_seconds() / 60
    return None


def max_reply_gap(messages: list[dict]) -> float:
    """Longest wait (minutes) between a lead message and the next seller reply."""
    worst, waiting_since = 0.0, None
    for m in messages:
        ts = dt.datetime.fromisoformat(m["at"])
        if m["from"] == "lead" and waiting_since is None:
            waiting_since = ts
        elif m["from"] == "seller" and waiting_since is not None:
            worst = max(worst, (ts - waiting_since).total_seconds() / 60)
            waiting_since = None
    return worst


# ---------------------------------------------------------------- labels
def check_labels(labels: dict, convs: dict[str, dict]) -> None:
    for cid in convs:
        if cid not in labels:
            err("labels.json", f"no label for {cid}")
    for cid, lab in labels.items():
        where = f"labels.json {cid}"
        if cid not in convs:
            err(where, "label for an unknown conversation")
            continue
        missing = set(LABEL_KEYS) - set(lab)
        if missing:
            err(where, f"missing keys {sorted(missing)}")
            continue
        for key, typ in LABEL_KEYS.items():
            if not isinstance(lab[key], typ):
                err(where, f"{key} has the wrong type")
        status = convs[cid]["conv"]["ticket"]["status"]
        if lab["concern"] not in CONCERNS:
            err(where, f"bad concern {lab['concern']}")
        if status == "LOST" and lab["lossReason"] not in LOSS_REASONS:
            err(where, "a LOST ticket needs a lossReason")
        if status != "LOST" and lab["lossReason"] is not None:
            err(where, "lossReason must be null unless LOST")
        if lab["lifeStage"] is not None and lab["lifeStage"] not in LIFE_STAGES:
            err(where, f"bad lifeStage {lab['lifeStage']}")
        if lab["decisionDriver"] is not None and lab["decisionDriver"] not in DRIVERS:
            err(where, f"bad decisionDriver {lab['decisionDriver']}")
        if status == "WON" and (lab["lifeStage"] is None or lab["decisionDriver"] is None):
            err(where, "WON tickets need lifeStage and decisionDriver")
        if set(lab["persuasionTriggers"]) - TRIGGERS:
            err(where, f"bad persuasionTriggers {lab['persuasionTriggers']}")
        if lab["language"] not in {"pt", "en"}:
            err(where, f"bad language {lab['language']}")
        if lab["purchaseConfirmed"] != (lab["purchaseValue"] is not None):
            err(where, "purchaseValue must be set exactly when purchaseConfirmed")
        if lab["ghosting"] and status != "OPEN":
            err(where, "ghosting is labelled on OPEN tickets only")
        if lab["ghosting"] and convs[cid]["conv"]["messages"][-1]["from"] != "seller":
            err(where, "a ghosting lead must not have spoken last")
        if lab["sellerStoppedAnswering"] and convs[cid]["conv"]["messages"][-1]["from"] != "lead":
            err(where, "sellerStoppedAnswering needs the lead to have spoken last")


# ---------------------------------------------------------------- coverage
def coverage(convs: dict[str, dict], labels: dict, spend_totals: dict[str, float]) -> None:
    def require(ok: bool, what: str) -> str:
        if not ok:
            err("coverage", what)
        return "ok " if ok else "MISSING "

    def line(title: str, counter: Counter) -> None:
        print(f"  {title}: " + ", ".join(f"{k}={v}" for k, v in sorted(counter.items())))

    status = Counter(c["conv"]["ticket"]["status"] for c in convs.values())
    camp = Counter(c["attr"].get("utm_campaign", "(organic)") if c["attr"] else "(organic)"
                   for c in convs.values())
    seller = Counter(c["conv"]["ticket"]["seller"] for c in convs.values())
    concern = Counter(labels[k]["concern"] for k in convs)
    loss = Counter(labels[k]["lossReason"] for k in convs if labels[k]["lossReason"])
    lang = Counter(labels[k]["language"] for k in convs)
    types = Counter(m.get("type", "text") for c in convs.values() for m in c["conv"]["messages"])
    print(f"\n{len(convs)} conversations, {sum(len(c['conv']['messages']) for c in convs.values())}"
          " messages")
    line("status", status)
    line("campaign", camp)
    line("seller", seller)
    line("concern", concern)
    line("lossReason", loss)
    line("language", lang)
    line("message types", types)
    line("lifeStage (WON)", Counter(labels[k]["lifeStage"] for k in convs
                                    if convs[k]["conv"]["ticket"]["status"] == "WON"))
    line("decisionDriver (WON)", Counter(labels[k]["decisionDriver"] for k in convs
                                         if convs[k]["conv"]["ticket"]["status"] == "WON"))
    line("persuasionTriggers", Counter(t for k in convs for t in labels[k]["persuasionTriggers"]))

    print("\n  first response (min) per seller: median / max")
    frt: dict[str, list[float]] = defaultdict(list)
    for c in convs.values():
        v = first_response_minutes(c["conv"]["messages"])
        if v is not None:
            frt[c["conv"]["ticket"]["seller"]].append(v)
    for s in sorted(frt):
        print(f"    {s:6} {statistics.median(frt[s]):6.1f} / {max(frt[s]):6.1f}")

    print("\n  lost tickets per campaign (reasons):")
    by_camp: dict[str, Counter] = defaultdict(Counter)
    for k, c in convs.items():
        if labels[k]["lossReason"]:
            by_camp[c["attr"].get("utm_campaign", "(organic)")][labels[k]["lossReason"]] += 1
    for name, cnt in sorted(by_camp.items()):
        print(f"    {name}: {sum(cnt.values())} lost — {dict(cnt)}")
    print("\n  spend per campaign (Aug 1-28): " +
          ", ".join(f"{k} R$ {v:,.2f}" for k, v in spend_totals.items()))

    def ids(pred) -> list[str]:
        return [k for k in convs if pred(k)]

    unreg = ids(lambda k: labels[k]["purchaseConfirmed"]
                and convs[k]["conv"]["ticket"]["status"] == "OPEN")
    ghost = ids(lambda k: labels[k]["ghosting"])
    stop = ids(lambda k: labels[k]["sellerStoppedAnswering"])
    mismatch = ids(lambda k: labels[k]["campaignMismatch"])
    unqual = ids(lambda k: not labels[k]["leadQualified"]
                 and convs[k]["conv"]["ticket"]["status"] == "LOST")
    noresp = ids(lambda k: labels[k]["lossReason"] == "NO_RESPONSE")
    slow = ids(lambda k: (first_response_minutes(convs[k]["conv"]["messages"]) or 0) > 60)
    fast = ids(lambda k: (first_response_minutes(convs[k]["conv"]["messages"]) or 99) < 5)
    breach = ids(lambda k: max_reply_gap(convs[k]["conv"]["messages"]) > 15)
    long_ = ids(lambda k: len(convs[k]["conv"]["messages"]) >= 40)
    google = ids(lambda k: convs[k]["attr"].get("utm_source") == "google")
    organic = ids(lambda k: not convs[k]["attr"])
    empathetic = ids(lambda k: labels[k]["empathetic"])

    def text_has(k: str, *needles: str) -> bool:
        text = " ".join(m["text"].lower() for m in convs[k]["conv"]["messages"]
                        if m["from"] == "lead")
        return any(n in text for n in needles)

    traps = {
        "vou fazer o pix amanhã": ids(lambda k: text_has(k, "vou fazer o pix amanhã")),
        "posso pagar semana que vem?": ids(lambda k: text_has(k, "posso pagar semana que vem")),
        "se eu fechar hoje tem desconto?": ids(lambda k: text_has(k, "se eu fechar hoje")),
        "prompt injection": ids(lambda k: text_has(k, "ignore as instruções anteriores")),
        "minha amiga pagou 800": ids(lambda k: text_has(k, "minha amiga pagou 800")),
    }
    print("\n  requirements:")
    checks = [
        (status["WON"] >= 14 and status["LOST"] >= 16 and status["OPEN"] >= 14,
         f"status mix WON/LOST/OPEN = {status['WON']}/{status['LOST']}/{status['OPEN']}"),
        (len(convs) >= 50, f"{len(convs)} conversations (>= 50)"),
        (lang["en"] >= 2, f"{lang['en']} English conversations"),
        (all(concern[c] >= 2 for c in CONCERNS), "every concern >= 2 times"),
        (len([n for n in camp if n not in ("(organic)", "Search_Botox_SP")]) >= 6,
         "6 Meta campaigns present"),
        (len(google) == 1 and len(organic) >= 3, f"google {google}, organic {organic}"),
        (set(seller) == SELLERS, "4 sellers"),
        (by_camp["Agosto_Botox"]["PRICE"] >= 4 and sum(by_camp["Agosto_Botox"].values()) >= 5,
         "Agosto_Botox: >= 5 lost, >= 4 of them PRICE"),
        (len(unreg) >= 4, f"purchases confirmed in chat but ticket OPEN: {unreg}"),
        (all(v and not any(labels[k]["purchaseConfirmed"] for k in v) for v in traps.values()),
         "purchase traps present and labelled purchaseConfirmed=false: " +
         "; ".join(f"{t} {v}" for t, v in traps.items())),
        (len(ghost) >= 5, f"ghosted leads: {ghost}"),
        (len(stop) >= 2, f"seller stopped answering: {stop}"),
        (bool(slow) and bool(fast) and bool(breach),
         f"slow first response (>60 min): {len(slow)}, fast (<5 min): {len(fast)}, "
         f"SLA breach (>15 min wait): {len(breach)}"),
        (bool(mismatch), f"campaign mismatch: {mismatch}"),
        (len(unqual) >= 2, f"unqualified lost leads: {unqual}"),
        (bool(noresp), f"NO_RESPONSE: {noresp}"),
        (len(long_) >= 2, f"long conversations (40+ messages): {long_}"),
        (types["audio"] >= 2 and types["image"] >= 2 and types["document"] >= 1,
         "audio, image and document messages"),
        (len(empathetic) >= 5, f"empathetic sellers in {len(empathetic)} conversations"),
        (all(t in {x for k in convs for x in labels[k]["persuasionTriggers"]} for t in TRIGGERS),
         "every persuasion trigger used"),
    ]
    for ok, what in checks:
        print("    " + require(ok, what) + what)


def main() -> int:
    campaigns = check_campaigns()
    spend_totals = check_spend(campaigns)
    phones: set[str] = set()
    convs: dict[str, dict] = {}
    for path in sorted((DATA / "conversations").glob("*.json")):
        conv = load_json(path)
        if not isinstance(conv, dict):
            continue
        checked = check_conversation(path, conv, campaigns, phones)
        if checked:
            if conv["id"] in convs:
                err(path.name, f"duplicate id {conv['id']}")
            convs[conv["id"]] = checked
    labels = load_json(DATA / "labels.json") or {}
    check_labels(labels, convs)
    if not errors:
        coverage(convs, labels, spend_totals)
    if errors:
        print(f"\nFAILED — {len(errors)} problem(s):")
        for e in errors:
            print("  - " + e)
        return 1
    print("\nOK — dataset is valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
