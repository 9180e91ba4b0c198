"""AppTest helpers for the console, feed, insights and analytics pages (committed data, a logged-in user)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from engine.login import CurrentUser
from engine.models import FieldType, User
from studio.ui import USER_KEY

PAGES = Path(__file__).resolve().parents[1] / "studio" / "pages"


def page(name: str, user: User, org_name: str = "Clínica") -> AppTest:
    """The page script with ``user`` logged in (what studio/app.py puts in the session after login)."""
    at = AppTest.from_file(str(PAGES / f"{name}.py"), default_timeout=60)
    at.session_state[USER_KEY] = CurrentUser(user_id=user.id, organization_id=user.organization_id, role=user.role,
                                             name=user.name, organization_name=org_name)
    return at


def texts(at: AppTest) -> str:
    """Every markdown / caption / alert text on the page, joined (for "is it shown?" assertions)."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "success", "error", "warning"):
        parts.extend(str(e.value) for e in getattr(at, kind))
    parts.extend(str(e.proto.body) for e in at.get("html"))  # the console's transcript is one HTML block
    return "\n".join(parts)


APP = str(Path(__file__).resolve().parents[1] / "studio" / "app.py")


def builder(user: CurrentUser, agent: str | None = None) -> AppTest:
    """The Agent Builder through the Studio router, ``user`` logged in (``agent``: the ?agent= id)."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["current_user"] = user
    at.run()
    if agent is not None:
        at.query_params["agent"] = agent
    at.switch_page("pages/builder.py").run()
    assert not at.exception, at.exception
    return at


def add_field(at: AppTest, rid: int, name: str, ftype: FieldType, desc: str, *, required: bool = True,
              enum: str | None = None, lo: float | None = None, hi: float | None = None) -> None:
    """Click "+ Campo" and fill output field row ``rid`` of the Builder."""
    at.button(key="b.add_field").click()
    at.run()
    at.text_input(key=f"b.f.{rid}.name").input(name)
    at.selectbox(key=f"b.f.{rid}.type").set_value(ftype)
    at.text_input(key=f"b.f.{rid}.desc").input(desc)
    at.checkbox(key=f"b.f.{rid}.req").set_value(required)
    at.run()
    if enum is not None:
        at.text_input(key=f"b.f.{rid}.enum").input(enum)
    if lo is not None:
        at.number_input(key=f"b.f.{rid}.min").set_value(lo)
    if hi is not None:
        at.number_input(key=f"b.f.{rid}.max").set_value(hi)
    at.run()
