#!/usr/bin/env python3
"""Builds the demo dataset (conversations, labels, campaigns, spend) from data/src/.

The conversations and their labels are hand-written in data/src/conv_*.py; this script only
expands them into the fixture format and generates the ids that should look random (ctwa_clid,
phones) from fixed seeds, so the output is identical on every run.

    python3 data/build_dataset.py && python3 data/check_dataset.py
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import random
import string
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent
sys.path.insert(0, str(DATA / "src"))

from conv_lost import CONVS as LOST  # noqa: E402
from conv_open import CONVS as OPEN  # noqa: E402
from conv_won import CONVS as WON  # noqa: E402

TZ = "-03:00"
YEAR_MONTH = "2026-08"

# name -> (campaign_id, daily budget BRL, ads as (ad_id, utm_content))
CAMPAIGNS = {
    "Agosto_Botox": ("120214870351690045", 500.0, [
        ("120214870352110046", "video_dra_renata_botox"),
        ("120214870352110187", "carrossel_antes_depois_botox"),
        ("120214870352110233", "estatico_preco_1290"),
    ]),
    "Harmonizacao_Full_Face": ("120213552904870077", 350.0, [
        ("120213552905120078", "reels_full_face_natural"),
        ("120213552905120311", "carrossel_harmonizacao_masculina"),
    ]),
    "Laser_Depilacao_Promo": ("120215093318420012", 250.0, [
        ("120215093318650013", "estatico_corpo_todo_a_partir_99"),
        ("120215093318650244", "video_laser_diodo"),
    ]),
    "Lipo_Papada_Enzimas": ("120212768845330934", 200.0, [
        ("120212768845610935", "reels_lipo_papada_sem_corte"),
        ("120212768845610482", "antes_depois_papada"),
    ]),
    "Preenchimento_Labial_Ago": ("120216304477120256", 180.0, [
        ("120216304477390257", "reels_labios_naturais"),
        ("120216304477390518", "estatico_labial_1490"),
    ]),
    "Bioestimulador_Colageno": ("120211945560870765", 300.0, [
        ("120211945561040766", "video_colageno_depois_dos_40"),
        ("120211945561040391", "carrossel_sculptra_radiesse"),
    ]),
}
GOOGLE = {"utm_source": "google", "utm_medium": "cpc", "utm_campaign": "Search_Botox_SP",
          "utm_term": "botox preço são paulo"}
CLID_ALPHABET = string.ascii_letters + string.digits + "_-"


def at(stamp: str) -> str:
    """'DD HH:MM' (a day of August 2026) -> ISO 8601 with the -03:00 offset."""
    day, hm = stamp.split()
    return f"{YEAR_MONTH}-{int(day):02d}T{hm}:00{TZ}"


def parse_messages(block: str) -> list[dict]:
    out = []
    for line in block.strip().splitlines():
        day, hm, who, text = line.split(" ", 3)
        kind = "text"
        if ":" in who:
            who, kind = who.split(":")
        msg = {"from": {"L": "lead", "S": "seller", "B": "bot"}[who], "text": text,
               "at": at(f"{day} {hm}")}
        if kind != "text":
            msg["type"] = kind
        out.append(msg)
    return out


def ctwa_clid(rng: random.Random) -> str:
    prefix = rng.choice(["ARA", "ARA", "Aff-"])
    body = "".join(rng.choice(CLID_ALPHABET) for _ in range(rng.randint(38, 54)))
    return prefix + body


def attribution(conv: dict, rng: random.Random) -> dict:
    camp = conv["camp"]
    if camp is None:
        return {}
    if camp == "GOOGLE":
        return dict(GOOGLE)
    campaign_id, _, ads = CAMPAIGNS[camp]
    ad_id, content = ads[conv["id"] % len(ads)]
    attr = {"utm_source": conv["src"]}
    if conv["id"] % 4 != 0:  # every 4th lead arrives with only the CTWA referral + campaign tag
        attr["utm_medium"] = "paid_social" if conv["id"] % 2 else "cpc"
        attr["utm_content"] = content
    attr.update({"utm_campaign": camp, "ctwa_clid": ctwa_clid(rng), "ad_id": ad_id,
                 "campaign_id": campaign_id})
    return attr


def phone(ddd: int, rng: random.Random, used: set[str]) -> str:
    while True:
        number = f"+55{ddd}9{rng.randint(6000, 9999)}{rng.randint(0, 9999):04d}"
        if number not in used:
            used.add(number)
            return number


def label(conv: dict) -> dict:
    lab = conv["labels"]
    return {
        "concern": lab["concern"],
        "hesitation": lab["hes"],
        "lossReason": lab.get("loss") if conv["status"] == "LOST" else None,
        "leadQualified": lab["qual"],
        "campaignMismatch": lab.get("mis", False),
        "purchaseConfirmed": lab.get("pc", False),
        "purchaseValue": lab.get("pv"),
        "ghosting": lab.get("ghost", False),
        "sellerStoppedAnswering": lab.get("stop", False),
        "lifeStage": lab.get("life"),
        "decisionDriver": lab.get("drv"),
        "language": lab.get("lang", "pt"),
        "persuasionTriggers": lab["trig"],
        "empathetic": lab["emp"],
    }


def build_conversations() -> dict:
    convs = sorted(WON + LOST + OPEN, key=lambda c: c["id"])
    out_dir = DATA / "conversations"
    out_dir.mkdir(exist_ok=True)
    for old in out_dir.glob("conv-*.json"):
        old.unlink()
    used: set[str] = set()
    labels = {}
    for conv in convs:
        cid = f"conv-{conv['id']:03d}"
        rng = random.Random(f"belle-vie-{cid}")
        messages = parse_messages(conv["msgs"])
        fixture = {
            "id": cid,
            "now": at(conv["now"]) if conv["now"] else messages[-1]["at"],
            "ticket": {"status": conv["status"], "value": conv["value"], "currency": "BRL",
                       "seller": conv["seller"], "attribution": attribution(conv, rng)},
            "contact": {"name": conv["name"], "phone": phone(conv["ddd"], rng, used)},
            "messages": messages,
        }
        (out_dir / f"{cid}.json").write_text(
            json.dumps(fixture, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        labels[cid] = label(conv)
    (DATA / "labels.json").write_text(
        json.dumps(labels, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return labels


def build_campaigns_and_spend() -> None:
    campaigns = [{"name": name, "campaign_id": cid, "objective": "MESSAGES",
                  "daily_budget": budget, "currency": "BRL"}
                 for name, (cid, budget, _) in CAMPAIGNS.items()]
    (DATA / "campaigns.json").write_text(
        json.dumps(campaigns, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    rng = random.Random("belle-vie-spend-2026-08")
    with (DATA / "spend.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["date", "campaign", "campaign_id", "spend", "impressions", "clicks",
                         "currency"])
        for day in range(1, 29):
            date = dt.date(2026, 8, day)
            for name, (cid, budget, _) in CAMPAIGNS.items():
                spend = budget * rng.uniform(0.91, 1.09)
                cpm = rng.uniform(18.0, 32.0)  # BRL per 1,000 impressions
                impressions = int(spend / cpm * 1000)
                clicks = int(impressions * rng.uniform(0.008, 0.019))
                writer.writerow([date.isoformat(), name, cid, f"{spend:.2f}", impressions, clicks,
                                 "BRL"])


if __name__ == "__main__":
    labs = build_conversations()
    build_campaigns_and_spend()
    print(f"wrote {len(labs)} conversations, labels.json, campaigns.json, spend.csv")
