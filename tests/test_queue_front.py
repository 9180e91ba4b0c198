"""A recovered event goes ahead of the backlog (found by bench/scale_out.py: a lost job re-enqueued at the
back waited for the whole queue while its ticket's later events were held back behind it)."""

from __future__ import annotations

import uuid

from engine.queues import EVENTS, enqueue_event, event_job_id, get_queue


def test_the_sweepers_enqueue_goes_to_the_front(redis_conn) -> None:
    backlog = [uuid.uuid4() for _ in range(3)]
    for eid in backlog:
        assert enqueue_event(eid, connection=redis_conn)
    lost = uuid.uuid4()
    assert enqueue_event(lost, connection=redis_conn, front=True)
    queue = get_queue(EVENTS, redis_conn)
    assert queue.job_ids[0] == event_job_id(lost)
    assert queue.job_ids[1:] == [event_job_id(e) for e in backlog]
    assert not enqueue_event(lost, connection=redis_conn, front=True)  # still a no-op the second time
