"""Studio at scale: server-side render time of the console, insight list, seller feed and Análises
pages (AppTest, warm, median of 5) and of the engine queries behind them, with 100,000 insights.

Data: organisation A with 100,000 insights (20,000 tickets, 80,000 messages, 122,000 runs) and
organisation B with 10,000 insights, bulk-loaded with COPY. B is the baseline measured in the same
run (same code, a tenth of the rows) and proves scoping: A's pages never count B's rows.
Target: under 1.5 s per page. Uses its own database (copilot_bench_studio).
Usage: python -m bench.bench_studio [--insights 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

BENCH_DB = os.environ.get("BENCH_STUDIO_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/copilot_bench_studio")
os.environ["DATABASE_URL"] = BENCH_DB

from sqlalchemy import text  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from engine import analytics, insights, tickets  # noqa: E402
from engine.db import get_engine, session_scope  # noqa: E402
from engine.login import CurrentUser  # noqa: E402
from engine.migrate import ensure_database, upgrade  # noqa: E402
from engine.models import ActionStatus, Organization, Role, User  # noqa: E402
from engine.templates import TEMPLATE_KEYS, install_template  # noqa: E402
from studio.ui import USER_KEY  # noqa: E402

PAGES = Path(__file__).resolve().parents[1] / "studio" / "pages"
TARGET_S = 1.5
REPEATS = 5
CONCERNS = ("PRICE", "RECOVERY_TIME", "FEAR_PAIN", "TRUST", "COMPETITOR", "SCHEDULE", "RESULTS_DOUBT",
            "PAYMENT_METHOD", "OTHER", "NONE", "NO_RESPONSE")
DAYS = 60
END = datetime.now(UTC).replace(microsecond=0)


# ------------------------------------------------------------------------------ data
def _payload(key: str, rnd: random.Random) -> dict[str, Any]:
    conf = round(rnd.uniform(0.4, 0.95), 2)
    p: dict[str, Any] = {
        "traffic_feedback": {"lossReason": rnd.choice(CONCERNS), "leadQualified": rnd.random() < 0.5,
                             "campaignMismatch": rnd.random() < 0.3, "evidence": "achei caro",
                             "summary": "Este lead reclamou de preço"},
        "closing_coach": {"hesitationDetected": True, "concern": rnd.choice(CONCERNS[:10]),
                          "tip": "Ofereça retorno grátis.", "summary": "Dica: fale do tempo de recuperação"},
        "icp_mapper": {"persona": "Mãe de primeira viagem", "lifeStage": "NEW_PARENT", "decisionDriver": "SAFETY",
                       "summary": "Perfil: mãe de primeira viagem"},
        "ghosting_sentinel": {"ghostingRisk": rnd.randint(0, 100), "lastLeadIntent": "vai pensar",
                              "rescueMessage": "Oi! Posso ajudar?", "addToRetargeting": rnd.random() < 0.5,
                              "summary": "Lead esfriando"},
        "capi_auditor": {"purchaseConfirmed": rnd.random() < 0.4, "evidence": "paguei", "alreadyRegistered": False,
                         "summary": "Possível compra não registrada"},
        "qa_auditor": {"slaMet": rnd.random() < 0.7, "firstResponseMinutes": rnd.randint(1, 90),
                       "empathyScore": rnd.randint(3, 10), "overallScore": rnd.randint(30, 100),
                       "improvementTip": "Use prova social.", "summary": "Atendimento auditado"},
    }[key]
    return {**p, "confidence": conf}


def _copy(conn: Any, table: str, cols: list[str], rows: list[tuple[Any, ...]]) -> None:
    with conn.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as cp:
        for r in rows:
            cp.write_row(r)


def build_org(slug: str, n_insights: int, seed: int) -> dict[str, Any]:
    """One organisation with users, the six agents, campaigns + spend, then bulk rows via COPY."""
    rnd = random.Random(seed)
    with session_scope() as s:
        org = Organization(slug=slug, name=f"Clínica {slug}", events_secret="x")
        s.add(org)
        s.flush()
        users = {role: User(organization_id=org.id, email=f"{role.value.lower()}@{slug}.br", name=role.value.title(),
                            role=role, password_hash="x") for role in Role if role is not Role.SELLER}
        sellers = [User(organization_id=org.id, email=f"v{i}@{slug}.br", name=f"Vendedor {i}", role=Role.SELLER,
                        password_hash="x") for i in range(8)]
        s.add_all([*users.values(), *sellers])
        agents = {k: install_template(s, organization_id=org.id, key=k) for k in TEMPLATE_KEYS}
        s.flush()
        ids = {"org": org.id, "users": {r: u.id for r, u in users.items()}, "sellers": [u.id for u in sellers],
               "agents": {k: (a.id, a.delivery.value) for k, a in agents.items()}}
    n_tickets = max(50, n_insights // 5)
    org_id = ids["org"]
    campaigns = [(uuid.uuid4(), f"Campanha_{i}") for i in range(4)]
    raw = get_engine().raw_connection()
    try:
        conn = raw.driver_connection
        _copy(conn, "campaign", ["id", "organization_id", "name"], [(c, org_id, n) for c, n in campaigns])
        _copy(conn, "campaign_spend", ["id", "organization_id", "campaign_id", "day", "spend"],
              [(uuid.uuid4(), org_id, c, (END - timedelta(days=d)).date(), round(rnd.uniform(150, 600), 2))
               for c, _ in campaigns for d in range(DAYS)])
        contacts, tix, msgs = [], [], []
        for i in range(n_tickets):
            cid, tid = uuid.uuid4(), uuid.uuid4()
            opened = END - timedelta(minutes=rnd.randint(60, DAYS * 24 * 60))
            last = opened + timedelta(minutes=30)
            status = rnd.choices(["OPEN", "WON", "LOST"], [0.4, 0.25, 0.35])[0]
            camp = rnd.choice(campaigns)
            contacts.append((cid, org_id, f"Lead {i}", f"5511{seed}{i:08d}"))
            tix.append((tid, org_id, cid, rnd.choice(ids["sellers"]), status, camp[0], camp[1], opened, last,
                        last if status != "OPEN" else None))
            for m in range(4):
                author = "lead" if m % 2 == 0 else "seller"
                msgs.append((uuid.uuid4(), org_id, tid, "INBOUND" if author == "lead" else "OUTBOUND", author,
                             f"mensagem {m} do ticket {i}", opened + timedelta(minutes=10 * m)))
        _copy(conn, "contact", ["id", "organization_id", "name", "phone"], contacts)
        _copy(conn, "ticket", ["id", "organization_id", "contact_id", "seller_id", "status", "campaign_id",
                               "utm_campaign", "opened_at", "last_message_at", "closed_at"], tix)
        _copy(conn, "message", ["id", "organization_id", "ticket_id", "direction", "author", "body", "sent_at"], msgs)
        runs, ins = [], []
        coordinator = ids["users"][Role.COORDINATOR]
        for _ in range(n_insights):
            key = rnd.choice(TEMPLATE_KEYS)
            agent_id, delivery = ids["agents"][key]
            t = rnd.choice(tix)
            at = t[7] + timedelta(minutes=rnd.randint(1, 600))
            run_id = uuid.uuid4()
            runs.append((run_id, org_id, agent_id, t[0], "SUCCEEDED", "offline", "offline", rnd.randint(200, 900),
                         rnd.randint(30, 120), 0, rnd.randint(20, 400), at))
            payload = _payload(key, rnd)
            status = rnd.choices(["SUGGESTION", "APPLIED", "DISMISSED"], [0.7, 0.2, 0.1])[0]
            decided = status != "SUGGESTION"
            ins.append((uuid.uuid4(), org_id, t[0], agent_id, run_id, json.dumps(payload), payload["summary"],
                        payload["confidence"], "offline", delivery, status, coordinator if decided else None,
                        at + timedelta(hours=1) if decided else None, at))
        for _ in range(n_insights // 5):  # throttled (calls saved) and failed runs
            agent_id = ids["agents"][rnd.choice(TEMPLATE_KEYS)][0]
            t = rnd.choice(tix)
            failed = rnd.random() < 0.1
            runs.append((uuid.uuid4(), org_id, agent_id, t[0], "FAILED" if failed else "THROTTLED",
                         "litellm" if failed else None, None, 0, 0, 0, rnd.randint(1000, 30000) if failed else None,
                         t[7] + timedelta(minutes=5)))
        _copy(conn, "ai_run", ["id", "organization_id", "agent_id", "ticket_id", "status", "engine", "model",
                               "prompt_tokens", "completion_tokens", "cost_usd", "latency_ms", "created_at"], runs)
        _copy(conn, "ai_insight", ["id", "organization_id", "ticket_id", "agent_id", "run_id", "payload", "summary",
                                   "confidence", "engine", "delivery", "action_status", "actioned_by", "actioned_at",
                                   "created_at"], ins)
        raw.commit()
    finally:
        raw.close()
    ids["ticket"] = tix[0][0]
    return ids


# ------------------------------------------------------------------------------ timing
def median_s(fn: Callable[[], Any], repeats: int = REPEATS) -> float:
    fn()  # warm-up (imports, caches, connection pool)
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def render(page: str, ids: dict[str, Any], role: Role, state: dict[str, Any] | None = None) -> Callable[[], None]:
    user_id = ids["sellers"][0] if role is Role.SELLER else ids["users"][role]

    def run() -> None:
        at = AppTest.from_file(str(PAGES / f"{page}.py"), default_timeout=60)
        at.session_state[USER_KEY] = CurrentUser(user_id=user_id, organization_id=ids["org"], role=role,
                                                 name="bench", organization_name="bench")
        for k, v in (state or {}).items():
            at.session_state[k] = v
        at.run()
        if at.exception:
            raise RuntimeError(f"{page}: {at.exception[0].message}")
    return run


def trivial_page() -> Callable[[], None]:
    """Fixed AppTest cost (script runner thread, protobuf tree) of a one-line page: the floor of every row."""
    path = Path(tempfile.gettempdir()) / "bench_studio_trivial.py"
    path.write_text("import streamlit as st\nst.write('ok')\n", encoding="utf-8")
    return lambda: AppTest.from_file(str(path), default_timeout=60).run() and None


def query(fn: Callable[..., Any], **kw: Any) -> Callable[[], None]:
    def run() -> None:
        with session_scope() as s:
            fn(s, **kw)
    return run


def measurements(ids: dict[str, Any], n: int) -> list[tuple[str, Callable[[], None]]]:
    org = ids["org"]
    d1 = END.date()
    d0 = d1 - timedelta(days=DAYS - 1)
    last_page = max(1, n // insights.PAGE_SIZE)
    applied = insights.InsightFilters(status=ActionStatus.APPLIED, agent_id=ids["agents"]["qa_auditor"][0])
    return [
        ("page  trivial one-liner (AppTest floor)", trivial_page()),
        ("page  console (coordinator)", render("console", ids, Role.COORDINATOR)),
        ("page  insights, page 1 (director)", render("insights", ids, Role.DIRECTOR)),
        (f"page  insights, page {last_page} (director)", render("insights", ids, Role.DIRECTOR,
                                                                {"ins_page": last_page})),
        ("page  feed (seller)", render("feed", ids, Role.SELLER)),
        ("page  analytics, 30 days (traffic)", render("analytics", ids, Role.TRAFFIC_MANAGER)),
        ("page  analytics, 60 days (traffic)", render("analytics", ids, Role.TRAFFIC_MANAGER,
                                                      {"an_from": d0, "an_to": d1})),
        ("query list_insights page 1 + count", query(insights.list_insights, organization_id=org)),
        (f"query list_insights page {last_page}", query(insights.list_insights, organization_id=org,
                                                         page=last_page)),
        ("query list_insights APPLIED+agent", query(insights.list_insights, organization_id=org, filters=applied)),
        ("query list_insights search 'preço'", query(insights.list_insights, organization_id=org,
                                                      filters=insights.InsightFilters(search="preço"))),
        ("query ticket_feed", query(insights.ticket_feed, organization_id=org, ticket_id=ids["ticket"])),
        ("query seller_feed", query(insights.seller_feed, organization_id=org, seller_id=ids["sellers"][0])),
        ("query list_inbox", query(tickets.list_inbox, organization_id=org)),
        ("query analytics.report 60 days", query(analytics.report, organization_id=org, date_from=d0, date_to=d1)),
    ]


def explain(org_id: uuid.UUID) -> list[str]:
    """Index use of the two hot queries (director list page and count)."""
    out = []
    with get_engine().connect() as conn:
        for name, sql in (
            ("list page", "SELECT id FROM ai_insight WHERE organization_id = :o ORDER BY created_at DESC, id DESC "
                          "LIMIT 50"),
            ("count", "SELECT count(*) FROM ai_insight WHERE organization_id = :o"),
            ("ticket feed", "SELECT id FROM ai_insight WHERE organization_id = :o AND ticket_id = "
                            "(SELECT ticket_id FROM ai_insight WHERE organization_id = :o LIMIT 1) "
                            "ORDER BY created_at DESC LIMIT 50"),
        ):
            plan = [r[0] for r in conn.execute(text(f"EXPLAIN {sql}"), {"o": org_id})]
            used = sorted({w for line in plan for w in line.replace("(", " ").split() if w.startswith("ix_")})
            out.append(f"{name}: {', '.join(used) or 'NO INDEX (' + plan[0].strip() + ')'}")
    return out


def main(n_insights: int = 100_000) -> None:
    ensure_database(BENCH_DB)
    with get_engine().begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    upgrade(BENCH_DB)
    t0 = time.perf_counter()
    a = build_org("org-a", n_insights, seed=1)
    b = build_org("org-b", n_insights // 10, seed=2)
    with get_engine().connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))
    print(f"loaded {n_insights:,} + {n_insights // 10:,} insights in {time.perf_counter() - t0:.1f} s")

    with session_scope() as s:  # scoping: each organisation counts only its own rows
        total_a = insights.list_insights(s, organization_id=a["org"]).total
        total_b = insights.list_insights(s, organization_id=b["org"]).total
        foreign = [v for v in insights.seller_feed(s, organization_id=b["org"], seller_id=b["sellers"][0], limit=500)
                   if v.ticket_id is None]
    assert (total_a, total_b) == (n_insights, n_insights // 10), (total_a, total_b)
    assert not foreign
    print(f"scoping: org A sees {total_a:,} insights, org B sees {total_b:,}")
    for line in explain(a["org"]):
        print(f"EXPLAIN {line}")

    rows_a = measurements(a, n_insights)
    rows_b = dict(measurements(b, n_insights // 10))
    print(f"\n{'measurement':42} {'B (' + format(n_insights // 10, ',') + ')':>12} "
          f"{'A (' + format(n_insights, ',') + ')':>13} {'ratio':>6}  target")
    worst = 0.0
    for (name, fn_a), (_, fn_b) in zip(rows_a, rows_b.items(), strict=True):
        tb, ta = median_s(fn_b), median_s(fn_a)
        is_page = name.startswith("page") and "trivial" not in name
        worst = max(worst, ta) if is_page else worst
        verdict = ("OK" if ta < TARGET_S else "SLOW") if is_page else ""
        print(f"{name:42} {tb * 1000:10.0f}ms {ta * 1000:11.0f}ms {ta / tb if tb else 0:6.2f}  {verdict}")
    print(f"\nslowest page at {n_insights:,} insights: {worst * 1000:.0f} ms (target < {TARGET_S * 1000:.0f} ms, "
          f"median of {REPEATS} warm runs, server-side AppTest render)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--insights", type=int, default=100_000)
    main(parser.parse_args().insights)

