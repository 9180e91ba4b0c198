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

from engine.login import MAX_FAILURES, CurrentUser
from engine.models import Organization, Role, User
from engine.roles import PAGES, PAGES_BY_ROLE, can_open
from engine.seed import DEMO_PASSWORD, seed_demo

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
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if user is not None:
        at.session_state["current_user"] = user
    return at.run()


def submit_login(at: AppTest, email: str, password: str) -> AppTest:
    at.text_input(key="login_email").input(email)
    at.text_input(key="login_password").input(password)
    next(b for b in at.button if b.label == "Entrar").click()
    return at.run()


def existing(role: Role) -> list[str]:
    return [p.path for p in PAGES_BY_ROLE[role] if (STUDIO / p.path).exists()]


def test_role_mapping_matches_the_issue() -> None:
    by_role = {role: {p.url_path for p in pages} for role, pages in PAGES_BY_ROLE.items()}
    assert by_role[Role.DIRECTOR] == {"settings-ai", "builder", "evaluation", "console", "insights", "analytics",
                                      "campaigns", "meta"}
    assert by_role[Role.COORDINATOR] == {"console"}
    assert by_role[Role.TRAFFIC_MANAGER] == {"analytics", "campaigns"}
    assert by_role[Role.SELLER] == {"feed"}
    assert can_open(Role.DIRECTOR, "builder") and not can_open(Role.SELLER, "settings-ai")
    assert len({p.url_path for p in PAGES}) == len(PAGES)


def test_nothing_but_the_login_page_before_login(studio: StudioOrg) -> None:
    at = app_as()
    assert not at.exception
    assert at.title[0].value == "🤖 Copilot 2.0 Studio"
    assert [t.label for t in at.text_input] == ["E-mail", "Senha"]
    for page in PAGES:
        if (STUDIO / page.path).exists():
            with pytest.raises(ValueError, match="Could not find a navigation page"):
                at.switch_page(page.path)


@pytest.mark.parametrize("role", list(LOGINS))
def test_login_per_role_builds_its_navigation(studio: StudioOrg, role: Role) -> None:
    at = submit_login(app_as(), LOGINS[role], DEMO_PASSWORD)
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    user = at.session_state["current_user"]
    assert isinstance(user, CurrentUser) and user.role is role and user.organization_id == studio.org_id
    sidebar = " ".join(str(m.value) for m in at.sidebar.markdown) + " ".join(str(c.value) for c in at.sidebar.caption)
    assert user.name in sidebar and "Clínica Demo" in sidebar
    allowed = existing(role)
    for page in PAGES:
        if not (STUDIO / page.path).exists():
            continue
        if page.path in allowed:
            at.switch_page(page.path)  # registered for this role
        else:
            with pytest.raises(ValueError):
                at.switch_page(page.path)  # refused: not in this role's navigation


def test_director_lands_on_the_gallery_and_opens_the_builder(studio: StudioOrg) -> None:
    at = app_as(studio.users[Role.DIRECTOR])
    assert not at.exception
    assert at.title[0].value == "🤖 Galeria de Copilotos"
    at.switch_page("pages/builder.py").run()
    assert not at.exception
    assert at.title[0].value == "🛠️ Agent Builder"


def test_wrong_password_message_then_lock(studio: StudioOrg) -> None:
    at = submit_login(app_as(), LOGINS[Role.DIRECTOR], "senha-errada")
    assert at.error[0].value.startswith("E-mail ou senha incorretos.")
    assert "current_user" not in at.session_state
    for _ in range(MAX_FAILURES - 1):
        at = submit_login(at, LOGINS[Role.DIRECTOR], "senha-errada")
    assert "bloqueado por 5 min" in at.error[0].value
    at = submit_login(at, LOGINS[Role.DIRECTOR], DEMO_PASSWORD)  # locked: even the right password waits
    assert "bloqueado" in at.error[0].value and "current_user" not in at.session_state


def test_logout_returns_to_login_and_clears_the_session(studio: StudioOrg) -> None:
    at = app_as(studio.users[Role.DIRECTOR])
    at.session_state["b.name"] = "rascunho"
    at.sidebar.button(key="logout").click()
    at.run()
    assert "current_user" not in at.session_state and "b.name" not in at.session_state
    assert [t.label for t in at.text_input] == ["E-mail", "Senha"]
    with pytest.raises(ValueError):
        at.switch_page("pages/gallery.py")


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
    at = submit_login(app_as(), "boss@outra.com", "outra-senha")
    assert not at.exception
    assert at.subheader[0].value == "Seus copilotos (1)"
    assert [t.label for t in at.toggle] == ["Ativo"]
