"""Every pooled connection carries the partition guard (bench/scale_out.py --fault partition): the
server ends a session left idle inside a transaction, so a cut-off worker cannot hold a ticket's lock
for ever, and TCP keepalives are on."""

from __future__ import annotations

from sqlalchemy import text

from engine.db import get_engine


def test_pooled_connections_end_idle_transactions(committed_db) -> None:
    with get_engine().connect() as c:
        assert c.execute(text("SHOW idle_in_transaction_session_timeout")).scalar() == "30s"
        assert c.connection.dbapi_connection.info.get_parameters()["keepalives"] == "1"  # type: ignore[union-attr]
