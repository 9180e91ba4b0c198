"""Real browser (Debian's headless chromium): the CSV exports a Brazilian office opens.

A CSV downloaded from the running Studio, read with pandas ``sep=";"`` and ``decimal=","``, equals
the table the page shows (the frame the page hands to ``st.dataframe``, read through AppTest on the
same committed data); "Todos os insights" exports the whole filtered result, not the page.
Screenshots go to artifacts/screenshots/.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest
from loop_support import make_insight
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from studio_apptest import page as apptest_page
from test_browser import CHROMIUM, CHROMIUM_ARGS, LOGINS, SHOTS, _assert_clean, _settle, studio_url  # noqa: F401

from engine.models import Organization, Role, Ticket, User
from engine.seed import DEMO_PASSWORD, DEMO_SLUG

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def _login_and_open(pw: object, url: str, title: str, url_path: str) -> tuple[object, object]:
    browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)  # type: ignore[attr-defined]
    context = browser.new_context(viewport={"width": 1400, "height": 2400}, locale="pt-BR", accept_downloads=True)
    page = context.new_page()
    page.goto(url)
    page.get_by_label("E-mail").wait_for(timeout=60_000)
    page.get_by_label("E-mail").fill(LOGINS[Role.DIRECTOR])
    page.get_by_label("Senha", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Entrar").click()
    page.get_by_role("button", name="Sair").wait_for(timeout=60_000)
    _settle(page)
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name=title).click()
    page.wait_for_url(f"**/{url_path}", timeout=30_000)
    _settle(page)
    return browser, page


def _download(page: object, label: str) -> bytes:
    with page.expect_download(timeout=60_000) as info:  # type: ignore[attr-defined]
        page.get_by_role("button", name=label).click()  # type: ignore[attr-defined]
    path = info.value.path()
    with open(path, "rb") as f:
        return f.read()


def test_exports_open_as_the_table_on_screen(studio_url: str, committed_db: Engine) -> None:  # noqa: F811
    from playwright.sync_api import sync_playwright

    with Session(committed_db, expire_on_commit=False) as s, s.begin():
        org = s.scalar(select(Organization).where(Organization.slug == DEMO_SLUG))
        assert org is not None
        tickets = list(s.scalars(select(Ticket).where(Ticket.organization_id == org.id)))
        base = datetime.now(UTC) - timedelta(days=1)
        for n in range(57):  # more than one page of 50
            make_insight(s, org, "closing_coach", tickets[n % len(tickets)],
                         {"summary": f"Dica {n}: ofereça parcelamento", "confidence": 0.74},
                         created_at=base - timedelta(minutes=n))
        director = s.scalar(select(User).where(User.organization_id == org.id, User.role == Role.DIRECTOR))

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser, page = _login_and_open(pw, studio_url, "Análises", "analytics")
        try:
            page.screenshot(path=str(SHOTS / "director-analytics-export.png"), full_page=True)  # type: ignore[attr-defined]
            _assert_clean(page, "analytics")
            data = _download(page, "Exportar CSV — taxa de perda e gasto")
            assert data.startswith(b"\xef\xbb\xbf") and b";" in data.splitlines()[0]
            csv = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig")
        finally:
            browser.close()  # type: ignore[attr-defined]
        at = apptest_page("analytics", director).run()
        shown = next(d.value for d in at.dataframe if "Taxa de perda" in d.value.columns)
        pd.testing.assert_frame_equal(csv, shown.reset_index(drop=True), check_dtype=False)
        assert csv["Taxa de perda"].between(0, 1).all() and csv["Gasto"].dtype.kind == "f"

        browser, page = _login_and_open(pw, studio_url, "Todos os insights", "insights")
        try:
            page.screenshot(path=str(SHOTS / "director-insights-export.png"), full_page=True)  # type: ignore[attr-defined]
            data = _download(page, "Exportar todos os 57 (CSV)")
        finally:
            browser.close()  # type: ignore[attr-defined]
    every = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig", keep_default_na=False)
    assert len(every) == 57  # the whole filtered result, not the 50 rows of the page
    at = apptest_page("insights", director).run()
    first_page = at.dataframe[0].value
    assert len(first_page) == 50
    assert every["Resumo"].head(50).tolist() == first_page["Resumo"].tolist()
    assert every["Confiança"].head(50).tolist() == first_page["Confiança"].tolist()
