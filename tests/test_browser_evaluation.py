"""Browser walk of the evaluation loop (Debian's headless chromium): a director corrects two insights in the
console, evaluates "Coach de Fechamento" on the corrections set with the offline engine and with a model
override (the local OpenAI-compatible test server), compares the two runs, and imports a set by upload
(with a bad row). Screenshots: artifacts/screenshots/eval-*.png.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from openai_stub import OpenAIStub
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from test_browser import CHROMIUM, CHROMIUM_ARGS, SHOTS, _assert_clean, _settle, serve_studio

from engine.agents import find_agent
from engine.conversation import load_conversation
from engine.models import LabelCase, LabelCorrection
from engine.runner import run_and_record
from engine.seed import DATA_DIR, DEMO_PASSWORD, import_conversation, seed_demo

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture
def studio(committed_db: Engine, redis_conn: object) -> Iterator[tuple[str, OpenAIStub]]:
    """Demo org with two tickets that have a Coach insight each; Studio served with the local model server."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium")
    with Session(committed_db) as session, session.begin():
        org = seed_demo(session)
        coach = find_agent(session, organization_id=org.id, key_or_id="closing_coach")
        for name in ("conv-043.json", "conv-050.json"):
            ticket = import_conversation(session, org=org, conv=load_conversation(DATA_DIR / "conversations" / name))
            run_and_record(session, organization_id=org.id, agent=coach, ticket_id=ticket.id, model="offline")
    with OpenAIStub() as stub, serve_studio("studio-browser-eval.log", {"OPENAI_COMPATIBLE_BASE_URL": stub.base_url}) as url:
        yield url, stub

def _pick(page: object, label: str, option: str) -> None:
    """Choose ``option`` in the Streamlit selectbox labelled ``label`` (retried: the console's live feed
    re-runs every 2 s and may close an open dropdown)."""
    box = page.locator('[data-testid="stSelectbox"]:visible').filter(has_text=label).first  # type: ignore[attr-defined]
    for attempt in range(4):
        box.click()
        try:
            page.get_by_role("option", name=option, exact=True).first.click(timeout=4_000)  # type: ignore[attr-defined]
            break
        except Exception:  # noqa: BLE001 - the dropdown closed under us: open it again
            if attempt == 3:
                raise
    _settle(page)


def _corrections(engine: Engine) -> int:
    with Session(engine) as s:
        return len(s.scalars(select(LabelCorrection)).all())


def _correct_first_insight(page: object, concern: str, engine: Engine) -> None:
    before = _corrections(engine)
    form = page.locator('[data-testid="stSelectbox"]:visible').filter(has_text="concern")  # type: ignore[attr-defined]
    for attempt in range(6):  # the live feed re-runs every 2 s (slower under load): retry open + pick
        try:
            if form.count() == 0:
                page.locator("summary:visible").filter(has_text="Corrigir").first.click(timeout=5_000)  # type: ignore[attr-defined]
                form.first.wait_for(timeout=5_000)
            form.first.click(timeout=5_000)
            page.get_by_role("option", name=concern, exact=True).first.click(timeout=4_000)  # type: ignore[attr-defined]
            break
        except Exception:  # noqa: BLE001 - the expander or dropdown closed under us: try again
            if attempt == 5:
                raise
            page.wait_for_timeout(500)  # type: ignore[attr-defined]
    _settle(page)
    page.get_by_role("button", name="Salvar correção").first.click()  # type: ignore[attr-defined]
    deadline = time.monotonic() + 30
    while _corrections(engine) == before:
        assert time.monotonic() < deadline, "the correction was not stored"
        page.wait_for_timeout(300)  # type: ignore[attr-defined]
    page.get_by_text("Correção salva como rótulo").wait_for(timeout=30_000)  # type: ignore[attr-defined]
    page.get_by_text(re.compile("Corrigido")).first.wait_for(timeout=30_000)  # type: ignore[attr-defined]
    _settle(page)


def test_director_corrects_evaluates_compares_and_imports(studio: tuple[str, OpenAIStub], committed_db: Engine,
                                                         tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    url, stub = studio
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(viewport={"width": 1400, "height": 1800}, locale="pt-BR").new_page()
            page.goto(url)
            page.get_by_label("E-mail").wait_for(timeout=90_000)
            page.get_by_label("E-mail").fill("diretora@clinica-demo.com.br")
            page.get_by_label("Senha", exact=True).fill(DEMO_PASSWORD)
            page.get_by_role("button", name="Entrar").click()
            page.get_by_role("button", name="Sair").wait_for(timeout=60_000)
            nav = page.locator('[data-testid="stSidebar"]')  # the Studio draws its own page links
            nav.get_by_role("link", name="Console de Insights").click()
            page.wait_for_url("**/console", timeout=30_000)
            _settle(page)
            # 1. correct the insight of the first ticket, then select the second ticket and correct its insight
            _correct_first_insight(page, "PRICE", committed_db)
            page.screenshot(path=str(SHOTS / "eval-console-corrected.png"), full_page=True)
            grid = page.locator('[data-testid="stDataFrame"]').first
            box = grid.bounding_box()
            assert box is not None
            page.mouse.click(box["x"] + 18, box["y"] + 35 + 35 + 17)  # row marker of the second row
            _settle(page)
            page.get_by_text("Conversa com Fabiana Cruz").wait_for(timeout=30_000)
            _correct_first_insight(page, "RESULTS_DOUBT", committed_db)
            _assert_clean(page, "eval-console")
            with Session(committed_db) as s:
                assert len(s.scalars(select(LabelCorrection)).all()) == 2
                assert len(s.scalars(select(LabelCase)).all()) == 2
            # 2. evaluate the Coach on the corrections set: own model (offline, no key) + a model override
            nav.get_by_role("link", name="Avaliação").click()
            page.wait_for_url("**/evaluation", timeout=30_000)
            _settle(page)
            _pick(page, "Copiloto", "🎯 Coach de Fechamento (v1)")
            _pick(page, "Conjunto rotulado", "Correções do console · 2 caso(s) · tolerância ±1")
            page.get_by_label("Outro modelo (opcional)").fill("local/walk")
            page.get_by_label("Outro modelo (opcional)").press("Enter")
            _settle(page)
            page.get_by_role("button", name="Avaliar").click()
            page.get_by_text("2 avaliação(ões) concluída(s)").wait_for(timeout=120_000)
            _settle(page)
            page.screenshot(path=str(SHOTS / "eval-run.png"), full_page=True)
            assert len(stub.requests) == 2
            # 3. results of the model run against the offline run as baseline
            page.get_by_role("tab", name="Resultados").click()
            _settle(page)
            box_sel = page.locator('[data-testid="stSelectbox"]').filter(has_text="Comparar com").first
            box_sel.click()
            page.get_by_role("option").filter(has_text="offline").first.click()
            _settle(page)
            page.get_by_text("Matriz de confusão").scroll_into_view_if_needed()
            page.wait_for_timeout(1500)
            page.screenshot(path=str(SHOTS / "eval-results.png"), full_page=True)
            body = page.inner_text("body")
            assert "Por campo" in body and "Erros ·" in body and "Schema válido" in body
            assert page.locator('[data-testid="stPlotlyChart"]').count() == 1
            _assert_clean(page, "eval-results")
            # 4. import a set by upload, with one bad row
            page.get_by_role("tab", name="Importar conjunto").click()
            _settle(page)
            labels = {"hold-001": {"closing_coach": {"concern": "FEAR_PAIN"}},
                      "hold-002": {"closing_coach": {"concern": "EXPENSIVE"}}}
            (tmp_path / "labels.json").write_text(json.dumps(labels))
            uploads = [tmp_path / "labels.json"] + [DATA_DIR / "heldout" / "conversations" / f"hold-00{i}.json"
                                                    for i in (1, 2)]
            page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([str(p) for p in uploads])
            page.wait_for_timeout(1500)
            page.get_by_label("Nome do conjunto").fill("Enviado pelo navegador")
            page.get_by_role("button", name="Importar").click()
            page.get_by_text("1 linha(s) com erro").wait_for(timeout=30_000)
            _settle(page)
            page.screenshot(path=str(SHOTS / "eval-import.png"), full_page=True)
            assert "Enviado pelo navegador" in page.inner_text("body")
            _assert_clean(page, "eval-import")
        finally:
            browser.close()
    for name in ("eval-console-corrected", "eval-run", "eval-results", "eval-import"):
        assert (SHOTS / f"{name}.png").stat().st_size > 10_000
