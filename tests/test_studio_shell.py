"""Studio router (AppTest from studio/app.py): login gate, per-role navigation, refused pages, logout."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from engine.login import CurrentUser
from engine.models import Organization, Role, User
from engine.roles import PAGES, PAGES_BY_ROLE, can_open
from engine.seed import seed_demo
from studio.navigation import VIEWS, all_views, views_for

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "studio" / "app.py")
STUDIO = ROOT / "studio"
TIMEOUT = 60  # the first run imports the whole engine (litellm included)
LOGINS = {
    Role.DIRECTOR: "diretora@clinica-demo.com.br",
    Role.COORDINATOR: "coordenacao@clinica-demo.com.br",
    Role.TRAFFIC_MANAGER: "trafego@clinica-demo.com.br",
    Role.SELLER: "ana@clinica-demo.com.br",
}


@dataclass(frozen=True)
class StudioOrg:
    org_id: uuid.UUID
    users: dict[Role, CurrentUser]


def seed_studio(engine: Engine) -> StudioOrg:
    """The demo organisation (users per role + six templates), committed for the Studio to see."""
    with Session(engine) as session, session.begin():
        org = seed_demo(session)
        users = {
            role: session.scalar(select(User).where(User.email == email)) for role, email in LOGINS.items()
        }
        return StudioOrg(org.id, {
            role: CurrentUser(u.id, u.organization_id, u.role, u.name, org.name)
            for role, u in users.items() if u is not None
        })


def truncate(engine: Engine) -> None:
    """Empty every table (as conftest's committed_db does, but once per module)."""
    from sqlalchemy import text

    from engine.models import Base

    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture(scope="module")
def seeded(db_engine: Engine) -> Iterator[StudioOrg]:
    """Seeded once for the module (these tests only read it; the other-org test adds its own org)."""
    truncate(db_engine)
    yield seed_studio(db_engine)
    truncate(db_engine)


@pytest.fixture
def studio(seeded: StudioOrg, redis_conn: redis.Redis) -> StudioOrg:
    return seeded  # redis_conn: a fresh Redis (login throttle counters) for every test


def app_as(user: CurrentUser | None = None) -> AppTest:
    """studio/app.py with ``user`` standing in for the session cookie (AppTest cannot send cookies)."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if user is not None:
        at.session_state["current_user"] = user
    return at.run()


def existing(role: Role) -> list[str]:
    return [v.path for v in views_for(role)]


def test_role_mapping_matches_the_issue() -> None:
    by_role = {role: {p.url_path for p in pages} for role, pages in PAGES_BY_ROLE.items()}
    assert by_role[Role.DIRECTOR] == {"settings-ai", "builder", "evaluation", "console", "insights", "analytics",
                                      "campaigns", "meta"}
    assert by_role[Role.COORDINATOR] == {"console"}
    assert by_role[Role.TRAFFIC_MANAGER] == {"analytics", "campaigns"}
    assert by_role[Role.SELLER] == {"feed"}
    assert can_open(Role.DIRECTOR, "builder") and not can_open(Role.SELLER, "settings-ai")
    assert len({p.url_path for p in PAGES}) == len(PAGES)
    assert set(VIEWS) == {p.url_path for p in PAGES}  # every rule is drawn by exactly one Studio page


def test_engine_knows_no_studio_file() -> None:
    """Page files belong to studio/navigation.py; engine/roles.py only names pages by URL path."""
    import re

    code = re.sub(r'"""[\s\S]*?"""', "", (ROOT / "engine" / "roles.py").read_text())  # docstrings may name it
    assert "pages/" not in code and ".py" not in code


def test_nothing_but_the_login_link_before_login(studio: StudioOrg) -> None:
    at = app_as()
    assert not at.exception
    assert at.title[0].value == "🤖 Copilot 2.0 Studio"
    assert not at.text_input  # no password field in Streamlit: the form posts to /auth/login (HttpOnly cookie)
    assert "Entre com o seu e-mail e senha" in at.info[0].value
    for view in all_views():
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(view.path)


@pytest.mark.parametrize("role", list(LOGINS))
def test_each_role_gets_its_pages(studio: StudioOrg, role: Role) -> None:
    user = studio.users[role]
    at = app_as(user)
    assert not at.exception, at.exception
    sidebar = " ".join(str(m.value) for m in at.sidebar.markdown) + " ".join(str(c.value) for c in at.sidebar.caption)
    assert user.name in sidebar and "Clínica Demo" in sidebar
    mine = views_for(role)
    assert at.title[0].value == f"{mine[0].icon} {mine[0].title}"  # "/" forwards to the landing page
    for view in mine:
        at.switch_page(view.path).run()
        assert not at.exception, (view.url_path, at.exception)
        assert not any("Você não tem acesso" in str(w.value) for w in at.warning)
    # The other pages' URLs answer with a pt-BR refusal page (opened by URL in test_browser.py; AppTest
    # switches pages by file, and those URLs have no file for this role).


def test_director_lands_on_the_gallery_and_opens_the_builder(studio: StudioOrg) -> None:
    at = app_as(studio.users[Role.DIRECTOR])
    assert not at.exception
    assert at.title[0].value == "🤖 Galeria de Copilotos"
    at.switch_page("pages/builder.py").run()
    assert not at.exception
    assert at.title[0].value == "🛠️ Editor de copilotos"


def test_role_and_active_flag_are_rechecked_on_every_run(studio: StudioOrg, db_engine: Engine) -> None:
    """A demoted user loses the page at the next rerun; a deactivated one is logged out."""
    director = studio.users[Role.DIRECTOR]
    at = app_as(director)
    assert at.title[0].value == "🤖 Galeria de Copilotos"
    try:
        with Session(db_engine) as session, session.begin():
            session.get(User, director.user_id).role = Role.SELLER  # type: ignore[union-attr]
        at.run()
        assert not at.exception
        assert any("Você não tem acesso" in str(w.value) for w in at.warning)
        assert "Vendedor" in " ".join(str(c.value) for c in at.sidebar.caption)
        with Session(db_engine) as session, session.begin():
            session.get(User, director.user_id).is_active = False  # type: ignore[union-attr]
        at.run()
        assert at.title[0].value == "🤖 Copilot 2.0 Studio" and "sessão terminou" in at.info[0].value
    finally:
        with Session(db_engine) as session, session.begin():
            boss = session.get(User, director.user_id)
            assert boss is not None
            boss.role, boss.is_active = Role.DIRECTOR, True


@pytest.mark.parametrize("page", ["pages/gallery.py", "pages/builder.py"])
def test_pages_refuse_other_roles_even_when_run_directly(studio: StudioOrg, page: str) -> None:
    """Defence in depth: require_role stops the page whatever the navigation says."""
    at = AppTest.from_file(str(STUDIO / page), default_timeout=TIMEOUT)
    at.run()
    assert "Faça login" in at.error[0].value
    for role in (Role.COORDINATOR, Role.TRAFFIC_MANAGER, Role.SELLER):
        at = AppTest.from_file(str(STUDIO / page), default_timeout=TIMEOUT)
        at.session_state["current_user"] = studio.users[role]
        at.run()
        assert not at.exception
        assert at.error[0].value == "Acesso negado: esta página é restrita a Diretoria."
        assert not at.title  # nothing of the page rendered


def test_user_of_another_org_sees_only_its_own_agents(studio: StudioOrg, db_engine: Engine) -> None:
    from engine.auth import hash_password
    from engine.templates import install_template

    with Session(db_engine) as session, session.begin():
        other = Organization(slug="outra", name="Outra Clínica", events_secret="x")
        session.add(other)
        session.flush()
        install_template(session, organization_id=other.id, key="qa_auditor")
        boss = User(organization_id=other.id, email="boss@outra.com", name="Chefe", role=Role.DIRECTOR,
                    password_hash=hash_password("outra-senha"))
        session.add(boss)
    with Session(db_engine) as session:
        boss = session.scalar(select(User).where(User.email == "boss@outra.com"))
        assert boss is not None
        at = app_as(CurrentUser(boss.id, boss.organization_id, boss.role, boss.name, "Outra Clínica"))
    assert not at.exception
    assert at.subheader[0].value == "Seus copilotos (1)"
    assert [t.label for t in at.toggle] == ["Ativo"]
