"""Retargeting audience: hashed phones added in batches, deduplicated, removed when the lead returns."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator

import pytest
from graph_stub import GraphStub, graph_error
from loop_support import AUDIENCE, GHOST, apply, make_insight, make_org, make_ticket, rows, running_graph

from engine.actions import on_lead_returned
from engine.actions.audience import (
    MAX_BATCH,
    batches,
    change_users,
    normalise_phone,
    phone_hash,
    phone_hashes,
    request_params,
)
from engine.actions.graph import GraphError, GraphTarget, api_for
from engine.actions.runner import execute_action
from engine.db import session_scope
from engine.models import ActionLogStatus, Ticket


@pytest.fixture
def graph(monkeypatch: pytest.MonkeyPatch) -> Iterator[GraphStub]:
    yield from running_graph(monkeypatch)


def test_phone_normalisation_and_hash() -> None:
    assert normalise_phone("+55 (11) 99999-0000") == "5511999990000"
    assert normalise_phone("005511999990000") == "5511999990000"
    assert phone_hash("+55 11 99999-0000") == hashlib.sha256(b"5511999990000").hexdigest()
    with pytest.raises(ValueError):
        normalise_phone("12-34")


def test_batches_dedupe_and_cap_at_10k() -> None:
    hashes = [f"h{i % 15000}" for i in range(30000)]
    sizes = [len(b) for b in batches(hashes)]
    assert sizes == [MAX_BATCH, 5000]
    assert request_params(["a", "b"]) == {"payload": {"schema": "PHONE_SHA256", "is_raw": False,
                                                      "data": ["a", "b"]}}


def _ghosts(n: int, *, same_phone: bool = False) -> tuple[object, list, list[Ticket]]:
    ids = []
    with session_scope() as s:
        org = make_org(s, keys=("ghosting_sentinel",))
        tickets = []
        for i in range(n):
            t = make_ticket(s, org, phone="+55 11 99999-0000" if same_phone else f"+55 11 9{i:04d}-{i:04d}")
            tickets.append(t)
            ids += apply(s, make_insight(s, org, "ghosting_sentinel", t, GHOST))
    return org.id, ids, tickets


def test_audience_add_is_batched_and_deduplicated(committed_db, graph: GraphStub) -> None:
    org_id, ids, _ = _ghosts(6)
    assert len(ids) == 6
    first = execute_action(ids[0])
    assert first.status == "SENT" and len(first.batch) == 6
    for aid in ids[1:]:
        assert execute_action(aid).status == "SENT"  # already sent by the batch: no new request
    [req] = graph.requests
    assert (req.method, req.path) == ("POST", f"/v25.0/{AUDIENCE}/users")
    payload = req.params["payload"]
    assert payload["schema"] == "PHONE_SHA256" and len(payload["data"]) == 12  # both ninth-digit forms
    assert set(phone_hashes("+55 11 90000-0000")) <= set(payload["data"])
    assert all(len(h) == 64 for h in payload["data"])


def test_same_lead_twice_is_one_row(committed_db, graph: GraphStub) -> None:
    org_id, ids, tickets = _ghosts(3, same_phone=True)
    assert len(ids) == 1  # same phone: already in (or going in) the audience


def test_lead_returning_removes_from_audience(committed_db, graph: GraphStub) -> None:
    org_id, ids, tickets = _ghosts(3)
    execute_action(ids[0])
    with session_scope() as s:
        rm = [*on_lead_returned(s, organization_id=org_id, ticket_id=tickets[0].id),
              *on_lead_returned(s, organization_id=org_id, ticket_id=tickets[1].id)]
        assert on_lead_returned(s, organization_id=org_id, ticket_id=tickets[0].id) == []  # deduped
    assert len(rm) == 2
    out = execute_action(rm[1])
    assert out.status == "SENT" and len(out.batch) == 2
    delete = graph.of("DELETE", f"{AUDIENCE}/users")
    assert len(delete) == 1
    assert delete[0].query == {} and delete[0].params["access_token"]  # payload and token in the body
    assert sorted(delete[0].params["payload"]["data"]) == sorted(
        [*phone_hashes("+55 11 90000-0000"), *phone_hashes("+55 11 90001-0001")])
    with session_scope() as s:
        # gone cold again after removal: a fresh add is allowed
        t = s.get(Ticket, tickets[0].id)
        from engine.models import Organization

        again = apply(s, make_insight(s, s.get(Organization, org_id), "ghosting_sentinel", t, GHOST))
        assert len(again) == 1


def test_lead_returning_before_the_add_was_sent_cancels_it(committed_db, graph: GraphStub) -> None:
    org_id, ids, tickets = _ghosts(1)
    with session_scope() as s:
        assert on_lead_returned(s, organization_id=org_id, ticket_id=tickets[0].id) == []
        [row] = rows(s, org_id)
        assert row.status is ActionLogStatus.SKIPPED and "voltou antes do envio" in (row.error or "")
    assert execute_action(ids[0]).status == "SKIPPED"
    assert graph.requests == []


def test_batch_throughput(committed_db, graph: GraphStub) -> None:
    """100 pending adds go out in one request (bench/bench_actions.py measures larger batches)."""
    with session_scope() as s:
        org = make_org(s, keys=("ghosting_sentinel",))
        ids = []
        for i in range(100):
            t = make_ticket(s, org, phone=f"+55 21 9{i:08d}")
            ids += apply(s, make_insight(s, org, "ghosting_sentinel", t, GHOST))
    started = time.perf_counter()
    out = execute_action(ids[0])
    elapsed = time.perf_counter() - started
    assert out.status == "SENT" and len(out.batch) == 100
    assert len(graph.requests) == 1 and len(graph.requests[0].params["payload"]["data"]) == 200
    print(f"\naudience batch: 100 rows in {elapsed:.3f}s = {100 / elapsed:.0f} actions/s")


# ------------------------------------------------------------------------------ at size, errors, phones
def _target(graph: GraphStub) -> GraphTarget:
    return GraphTarget(base_url=graph.url, api_version="v25.0", access_token="EAAB-test-token", sandbox=False)


def test_removal_of_10k_hashes_goes_in_the_body_within_url_limits(graph: GraphStub) -> None:
    hashes = [hashlib.sha256(f"55119{i:08d}".encode()).hexdigest() for i in range(MAX_BATCH)]
    out = change_users(_target(graph), AUDIENCE, hashes, remove=True)
    assert out["num_received"] == MAX_BATCH
    [req] = graph.requests
    assert req.method == "DELETE" and req.query == {}  # nothing in the URL, token included
    assert len(req.params["payload"]["data"]) == MAX_BATCH and req.params["access_token"] == "EAAB-test-token"
    # What the SDK's own DELETE does with the same payload: ~730 KB of query string, refused with
    # an HTML 414 page (which the SDK even reads as a success: no JSON "error" in it).
    sdk = api_for(_target(graph)).call("DELETE", (AUDIENCE, "users"), params=request_params(hashes))
    assert sdk.status() == 414 and len(graph.requests) == 1


@pytest.mark.parametrize(("status", "body", "transient"), [
    (414, "<html>414 Request-URI Too Large</html>", False),
    (413, "<html>413 Request Entity Too Large</html>", False),
    (400, graph_error("Invalid parameter", code=100), False),
    (400, graph_error("User request limit reached", code=17), True),  # Meta's rate limit comes as 400
    (500, graph_error("An unexpected error has occurred.", code=2), True),
])
def test_http_errors_are_classified(graph: GraphStub, status: int, body: object, transient: bool) -> None:
    graph.respond("DELETE", r"/users$", status, body)
    with pytest.raises(GraphError) as caught:
        change_users(_target(graph), AUDIENCE, ["a" * 64], remove=True)
    assert caught.value.transient is transient and caught.value.http_status == status
    assert caught.value.message  # a clear reason, never an empty error


def test_a_414_fails_the_batch_at_once_with_a_clear_error(committed_db, graph: GraphStub) -> None:
    org_id, ids, _ = _ghosts(2)
    graph.respond("POST", r"/users$", 414, "<html>414 Request-URI Too Large</html>")
    out = execute_action(ids[0], schedule_retry=lambda *a: (_ for _ in ()).throw(AssertionError("no retry")))
    assert out.status == "FAILED" and "URL longa demais (HTTP 414)" in (out.error or "")


def test_contact_known_only_by_user_id_is_skipped_with_a_reason(committed_db, graph: GraphStub) -> None:
    from engine.models import Contact

    with session_scope() as s:
        org = make_org(s, keys=("ghosting_sentinel",))
        t = make_ticket(s, org, phone="+55 11 97777-0000")
        contact = s.get(Contact, t.contact_id)
        assert contact is not None
        contact.phone, contact.user_id = None, "BR.1502576394655843"
        s.flush()
        assert apply(s, make_insight(s, org, "ghosting_sentinel", t, GHOST)) == []
        [row] = rows(s, org.id)
        assert row.status is ActionLogStatus.SKIPPED and "só pelo user_id" in (row.error or "")
