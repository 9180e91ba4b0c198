"""Real browser: an insight's quotes show in the console bubble; a click scrolls to the cited message in
the transcript and highlights it. Screenshot: artifacts/screenshots/director-console-citation.png."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from test_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    LOGINS,
    SHOTS,
    _assert_clean,
    _login_form,
    serve_studio,
)

from engine.conversation import load_conversation
from engine.models import AiAgent, Message, Role
from engine.runner import run_and_record
from engine.seed import DATA_DIR, import_conversation, seed_demo

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture
def cited(committed_db: Engine, redis_conn: object) -> Iterator[tuple[str, dict[str, str]]]:
    """One 50-message ticket with an offline ICP insight (it cites messages from the middle), and the
    Studio serving it. Yields (url, {message id: quote})."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    from engine.agents import load_agent

    with Session(committed_db) as session, session.begin():
        org = seed_demo(session)
        ticket = import_conversation(session, org=org, conv=load_conversation(DATA_DIR / "conversations/conv-002.json"))
        agent_id = session.scalar(select(AiAgent.id).where(AiAgent.organization_id == org.id,
                                                           AiAgent.template_key == "icp_mapper"))
        agent = load_agent(session, organization_id=org.id, agent_id=agent_id).model_copy(update={"model": "offline"})
        out = run_and_record(session, organization_id=org.id, agent=agent, ticket_id=ticket.id)
        quotes = {c["message_id"]: c["quote"] for c in (out.payload or {})["citations"]}
        ids = {str(m) for m in session.scalars(select(Message.id).where(Message.ticket_id == ticket.id))}
        assert quotes and set(quotes) <= ids  # the cited ids are the ticket's message ids
    with serve_studio("studio-browser-citations.log") as url:
        yield url, quotes

IN_VIEW = """(el) => {
  let box = el.parentElement;
  while (box && !(box.scrollHeight > box.clientHeight + 4 && getComputedStyle(box).overflowY !== 'visible')) {
    box = box.parentElement;
  }
  const r = el.getBoundingClientRect(), b = box.getBoundingClientRect();
  return {scrolled: box.scrollTop, top: r.top, bottom: r.bottom, boxTop: b.top, boxBottom: b.bottom};
}"""


def test_console_shows_quotes_and_a_click_scrolls_to_the_message(cited: tuple[str, dict[str, str]]) -> None:
    from playwright.sync_api import sync_playwright

    url, quotes = cited
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(viewport={"width": 1400, "height": 1400}, locale="pt-BR").new_page()
            page.goto(f"{url}/console")  # a deep link: the login form first, then back to the console
            _login_form(page, LOGINS[Role.DIRECTOR])
            page.wait_for_url("**/console**", timeout=30_000)
            message_id, quote = next(iter(quotes.items()))
            link = page.locator(f'a.copilot-cite[href="#msg-{message_id}"]')
            link.wait_for(timeout=30_000)
            assert quote in link.inner_text()  # the bubble shows the quote itself
            target = page.locator(f"#msg-{message_id}")
            before = target.evaluate(IN_VIEW)
            # the cited message starts out of sight (the transcript opens scrolled to its newest message)
            assert before["top"] < before["boxTop"] or before["top"] > before["boxBottom"], before
            link.click()
            # The jump is the browser's own (a #fragment link); give a busy machine a moment to lay out.
            page.wait_for_function(f"""() => {{
                const el = document.getElementById('msg-{message_id}'); if (!el) return false;
                let box = el.parentElement;
                while (box && !(box.scrollHeight > box.clientHeight + 4
                                && getComputedStyle(box).overflowY !== 'visible')) box = box.parentElement;
                const r = el.getBoundingClientRect(), b = box.getBoundingClientRect();
                return r.top >= b.top - 1 && r.top < b.bottom;
            }}""", timeout=10_000)
            assert page.evaluate("document.querySelector(':target') && document.querySelector(':target').id") \
                == f"msg-{message_id}"
            after = target.evaluate(IN_VIEW)
            assert after["boxTop"] - 1 <= after["top"] < after["boxBottom"], (before, after)
            background = target.evaluate("(el) => getComputedStyle(el).backgroundColor")
            assert background not in ("rgba(0, 0, 0, 0)", "transparent")  # highlighted
            page.screenshot(path=str(SHOTS / "director-console-citation.png"), full_page=True)
            _assert_clean(page, "director-console-citation")
        finally:
            browser.close()
