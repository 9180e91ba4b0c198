"""Alembic: upgrade to head matches the models; downgrade to base removes everything; upgrade again works."""

from __future__ import annotations

from sqlalchemy import create_engine, inspect, text

from engine.migrate import downgrade, ensure_database, upgrade
from engine.models import Base

URL = "postgresql://postgres@127.0.0.1:5432/copilot_test_migrations"


def _tables(url: str) -> set[str]:
    eng = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        return set(inspect(eng).get_table_names()) - {"alembic_version"}
    finally:
        eng.dispose()


def test_upgrade_downgrade_upgrade() -> None:
    ensure_database(URL)
    eng = create_engine(URL.replace("postgresql://", "postgresql+psycopg://", 1))
    with eng.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    eng.dispose()
    upgrade(URL)
    assert _tables(URL) == set(Base.metadata.tables)
    downgrade(URL, "base")
    assert _tables(URL) == set()
    upgrade(URL)
    assert _tables(URL) == set(Base.metadata.tables)


def test_head_matches_models() -> None:
    """No drift: autogenerate against head finds nothing to do."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    ensure_database(URL)
    upgrade(URL)
    eng = create_engine(URL.replace("postgresql://", "postgresql+psycopg://", 1))
    with eng.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    eng.dispose()
    assert diff == []
