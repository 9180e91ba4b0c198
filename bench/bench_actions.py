"""Closed-loop throughput: CAPI actions/s (one request each) vs audience rows/s (batched), against the
local Graph stand-in. Baseline in the same run: the same number of bare Graph calls without the DB.

Run: DATABASE_URL=... .venv/bin/python -m bench.bench_actions [N]"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))


def main(n: int = 200) -> None:
    from graph_stub import GraphStub

    stub = GraphStub().start()
    os.environ["META_GRAPH_BASE_URL"] = stub.url
    os.environ["META_SANDBOX"] = "0"
    from loop_support import AUDITOR, GHOST, apply, make_insight, make_org, make_ticket

    from engine.actions.graph import graph_target
    from engine.actions.runner import execute_action
    from engine.db import session_scope
    from engine.org_settings import MetaSettings

    target = graph_target(MetaSettings(access_token="EAAbench"))
    assert target is not None
    from engine.actions.graph import call

    t0 = time.perf_counter()
    for _ in range(n):
        call(target, "POST", ("1", "events"), {"data": [{"event_name": "Purchase"}]})
    bare = time.perf_counter() - t0

    with session_scope() as s:
        org = make_org(s, keys=("capi_auditor", "ghosting_sentinel"))
        capi_ids, aud_ids = [], []
        for i in range(n):
            t = make_ticket(s, org, phone=f"+55 31 9{i:08d}")
            capi_ids += apply(s, make_insight(s, org, "capi_auditor", t, AUDITOR))
            aud_ids += apply(s, make_insight(s, org, "ghosting_sentinel", t, GHOST))
    stub.requests.clear()
    t0 = time.perf_counter()
    for aid in capi_ids:
        assert execute_action(aid).status == "SENT"
    capi = time.perf_counter() - t0
    t0 = time.perf_counter()
    for aid in aud_ids:
        execute_action(aid)
    aud = time.perf_counter() - t0
    reqs = len(stub.of("POST", "/users"))
    print(f"baseline bare Graph calls: {n / bare:8.0f} calls/s")
    print(f"CAPI actions (DB + SDK + HTTP): {n / capi:8.0f} actions/s ({capi / n * 1000:.1f} ms each)")
    print(f"audience rows (batched): {n / aud:8.0f} rows/s in {reqs} request(s)")
    stub.stop()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
