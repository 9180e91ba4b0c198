"""Real browser: Debian's headless chromium (Playwright) logs in as each role and visits every page.

Screenshots go to artifacts/screenshots/<role>-<page>.png (artifacts/ is git-ignored). Every page
must render without an exception box or a traceback.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from engine.conversation import load_conversation
from engine.models import Role
from engine.roles import PAGES_BY_ROLE
from engine.seed import DATA_DIR, DEMO_PASSWORD, import_conversation, seed_demo

pytestmark = [pytest.mark.slow, pytest.mark.browser]

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
LOGINS = {
    Role.DIRECTOR: "diretora@clinica-demo.com.br",
    Role.COORDINATOR: "coordenacao@clinica-demo.com.br",
    Role.TRAFFIC_MANAGER: "trafego@clinica-demo.com.br",
    Role.SELLER: "ana@clinica-demo.com.br",
}
ERROR_MARKERS = ("Traceback", "StreamlitAPIException", "This app has encountered an error")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def studio_url(committed_db: Engine, redis_conn: object) -> Iterator[str]:
    """The demo organisation committed, and `streamlit run studio/app.py` serving it on a free port."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    with Session(committed_db) as session, session.begin():
        org = seed_demo(session)
        for path in sorted((DATA_DIR / "conversations").glob("*.json"))[:8]:
            import_conversation(session, org=org, conv=load_conversation(path))
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY") and k != "OPENAI_COMPATIBLE_BASE_URL"}
    env.update(DATABASE_URL=os.environ["DATABASE_URL"], REDIS_URL=os.environ["REDIS_URL"])
    log = (ROOT / "artifacts").joinpath("studio-browser-test.log")
    log.parent.mkdir(exist_ok=True)
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "studio/app.py", "--server.port", str(port),
             "--server.headless", "true", "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"{url}/_stcore/health", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"Studio did not start; see {log}:\n{log.read_text()[-2000:]}")
                time.sleep(0.3)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def _settle(page: object) -> None:
    """Wait until Streamlit finished the script run the last action started."""
    page.wait_for_timeout(300)  # type: ignore[attr-defined]
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]',  # type: ignore[attr-defined]
                           timeout=60_000)
    page.wait_for_timeout(300)  # type: ignore[attr-defined]


def _assert_clean(page: object, where: str) -> None:
    text = page.inner_text("body")  # type: ignore[attr-defined]
    assert page.locator('[data-testid="stException"]').count() == 0, f"exception box on {where}"  # type: ignore[attr-defined]
    for marker in ERROR_MARKERS:
        assert marker not in text, f"{marker!r} on {where}"


def _edit_and_test(page: object) -> None:
    """Gallery "Editar" opens the Builder on that agent; "Testar" shows the insight, payload and metrics."""
    page.locator('[data-testid="stSidebarNav"]').get_by_role(  # type: ignore[attr-defined]
        "link", name="Galeria de Copilotos").click()
    _settle(page)
    page.get_by_role("button", name=re.compile("Editar")).first.click()  # type: ignore[attr-defined]
    page.wait_for_url(re.compile(r".*/builder\?agent=.*"), timeout=30_000)  # type: ignore[attr-defined]
    _settle(page)
    page.get_by_role("button", name=re.compile(r"Testar$")).click()  # type: ignore[attr-defined]
    page.get_by_text("Payload JSON").wait_for(timeout=30_000)  # type: ignore[attr-defined]
    _settle(page)
    page.get_by_text("Payload JSON").scroll_into_view_if_needed()  # type: ignore[attr-defined]
    page.screenshot(path=str(SHOTS / "director-builder-testar.png"))  # type: ignore[attr-defined]
    _assert_clean(page, "director-builder-testar")


def test_every_role_logs_in_and_visits_every_page(studio_url: str) -> None:
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    visited: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            for role, email in LOGINS.items():
                context = browser.new_context(viewport={"width": 1400, "height": 1800}, locale="pt-BR")
                page = context.new_page()
                page.goto(studio_url)
                page.get_by_label("E-mail").wait_for(timeout=60_000)
                if role is Role.DIRECTOR:  # the wrong-password message, once
                    page.get_by_label("E-mail").fill(email)
                    page.get_by_label("Senha", exact=True).fill("errada")
                    page.get_by_role("button", name="Entrar").click()
                    page.get_by_text("E-mail ou senha incorretos").wait_for(timeout=30_000)
                    page.screenshot(path=str(SHOTS / "login-wrong-password.png"), full_page=True)
                page.get_by_label("E-mail").fill(email)
                page.get_by_label("Senha", exact=True).fill(DEMO_PASSWORD)
                page.get_by_role("button", name="Entrar").click()
                page.get_by_role("button", name="Sair").wait_for(timeout=60_000)
                _settle(page)
                pages = [p for p in PAGES_BY_ROLE[role] if (ROOT / "studio" / p.path).exists()]
                assert pages, f"no page for {role}"
                for i, p in enumerate(pages):
                    if i > 0:  # the first page is the landing page
                        page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=p.title).click()
                        page.wait_for_url(f"**/{p.url_path}", timeout=30_000)
                    _settle(page)
                    name = f"{role.value.lower()}-{p.url_path}"
                    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
                    _assert_clean(page, name)
                    visited.append(name)
                if role is Role.DIRECTOR:
                    _edit_and_test(page)
                    visited.append("director-builder-testar")
                page.get_by_role("button", name="Sair").click()
                page.get_by_label("E-mail").wait_for(timeout=30_000)
                context.close()
        finally:
            browser.close()
    assert "director-settings-ai" in visited and "director-builder" in visited
    assert all((SHOTS / f"{v}.png").stat().st_size > 10_000 for v in visited)
