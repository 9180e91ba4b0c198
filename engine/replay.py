"""``copilot events replay FILE.jsonl [--org SLUG]``: feed recorded events through the real ingest path.

Each line is either a system event (the ``POST /v1/events`` schema) or a WhatsApp webhook
envelope (``"object": "whatsapp_business_account"``). Lines are validated like the API validates
requests and stored through the same functions (``engine.ingest.intake`` -> ``engine.inbox``),
with the same sources ("crm", "whatsapp"), so a replayed event and a live one deduplicate together.
A bad line is reported with its number and skipped; the rest still goes in (a line the database
refuses makes its batch go in line by line, so only that line is lost). Valid lines are
committed in batches of ``BATCH_SIZE`` (one transaction each, in file order) and then enqueued.
Exit codes: 0 every line valid, 1 some lines invalid, 2 file or organisation unusable.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from engine.errors import InvalidInput
from engine.inbox import IngestItem, ingest_many
from engine.ingest.intake import org_credentials, system_event_item, webhook_items
from engine.ingest.limits import BadJson, load_json
from engine.ingest.schemas import WHATSAPP_OBJECT, SystemEvent, WebhookEnvelope, describe_validation_error

EXIT_OK, EXIT_SOME_INVALID, EXIT_UNUSABLE = 0, 1, 2
TRANSIENT_DB_ERRORS = (OperationalError, InterfaceError)
BATCH_SIZE = 100  # events per transaction; a batch is committed before its events are enqueued


@dataclass
class ReplayReport:
    accepted: int = 0
    duplicates: int = 0
    invalid: int = 0
    errors: list[str] = field(default_factory=list)  # "line N: reason"

    @property
    def exit_code(self) -> int:
        return EXIT_OK if self.invalid == 0 else EXIT_SOME_INVALID


class LineError(InvalidInput):
    """A line that cannot be replayed (the message says why)."""


def parse_line(line: str, *, organization_id: uuid.UUID) -> list[IngestItem]:
    """The inbox rows of one JSONL line. Raises LineError saying what is wrong with it."""
    try:
        data = load_json(line)
    except json.JSONDecodeError as err:
        raise LineError(f"JSON inválido (coluna {err.colno}: {err.msg})") from None
    except BadJson as err:  # a WhatsApp envelope is cleaned instead (as the API does), a CRM event refused
        lenient = load_json(line, lenient=True)
        if not (isinstance(lenient, dict) and lenient.get("object") == WHATSAPP_OBJECT):
            raise LineError(str(err)) from None
        data = lenient
    if not isinstance(data, dict):
        raise LineError("esperado um objeto JSON (evento ou envelope do WhatsApp)")
    try:
        if data.get("object") == WHATSAPP_OBJECT:
            items, ignored, errors = webhook_items(WebhookEnvelope.model_validate(data), only_org=organization_id)
            problems = [i for i in ignored if i.startswith("phone_number_id")]
            problems += [f"{e.item}: {e.message}" for e in errors]
            if problems:
                raise LineError("; ".join(problems))
            return items
        return [system_event_item(organization_id, SystemEvent.model_validate(data))]
    except ValidationError as err:
        where, message = describe_validation_error(err)
        raise LineError(f"{where}: {message}" if where else message) from None


def replay_file(path: str | Path, *, org_slug: str, progress: bool = True, console: Console | None = None) -> int:
    """Replay a JSONL file into the organisation ``org_slug``. Returns the exit code (see module doc)."""
    out = console or Console()
    err_out = Console(stderr=True) if console is None else console
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        err_out.print(f"error: arquivo não encontrado: {p}")
        return EXIT_UNUSABLE
    except (OSError, UnicodeDecodeError) as exc:
        err_out.print(f"error: não foi possível ler {p}: {exc}")
        return EXIT_UNUSABLE
    org = org_credentials(org_slug)
    if org is None:
        err_out.print(f"error: organização '{org_slug}' não existe (rode: copilot seed --demo)")
        return EXIT_UNUSABLE
    report = ReplayReport()
    numbered = [(n, line) for n, line in enumerate(lines, start=1) if line.strip()]
    columns = (TextColumn("[bold]replay[/]"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=out, disable=not progress, transient=False) as bar:
        task = bar.add_task("replay", total=len(numbered))
        pending: list[tuple[int, IngestItem]] = []
        pending_lines = 0

        def line_error(number: int, message: str) -> None:
            report.invalid += 1
            report.errors.append(f"linha {number}: {message}")
            # Printed through the bar's console so the bar is not broken by the message.
            (bar.console if progress else err_out).print(f"[red]{escape(report.errors[-1])}[/]", highlight=False)

        def store(batch: list[tuple[int, IngestItem]]) -> None:
            results = ingest_many([it for _, it in batch]) if batch else []
            report.accepted += sum(not r.duplicate and not r.rejected for r in results)
            report.duplicates += sum(r.duplicate for r in results)

        def flush() -> None:
            nonlocal pending, pending_lines
            # Valid lines go in batches: one transaction each, then the new ids are enqueued.
            try:
                store(pending)
            except TRANSIENT_DB_ERRORS:
                raise  # the database is away: stop (nothing of this batch was stored)
            except DBAPIError:  # a line the database refuses: store the batch line by line
                for number in sorted({n for n, _ in pending}):
                    try:
                        store([p for p in pending if p[0] == number])
                    except TRANSIENT_DB_ERRORS:
                        raise
                    except DBAPIError as err:
                        line_error(number, f"o banco recusou a linha ({type(err.orig).__name__})")
            bar.advance(task, pending_lines)
            pending, pending_lines = [], 0

        for number, line in numbered:
            try:
                items = parse_line(line, organization_id=org.id)
            except LineError as err:
                line_error(number, str(err))
            else:
                pending += [(number, it) for it in items]
                for it in items:
                    if it.error:  # stored FAILED for the record, and reported here
                        line_error(number, it.error)
            pending_lines += 1
            if len(pending) >= BATCH_SIZE:
                flush()
        flush()
    out.print(f"{p.name} -> {org.slug}: {report.accepted} aceitos, {report.duplicates} duplicados, "
              f"{report.invalid} inválidos", highlight=False)
    return report.exit_code


def pending_events(organization_id: uuid.UUID) -> tuple[int, int]:
    """(events still waiting for the worker, all events) of one organisation."""
    from sqlalchemy import func, select

    from engine.db import session_scope
    from engine.models import Event, EventStatus

    waiting = (EventStatus.RECEIVED, EventStatus.PROCESSING)
    with session_scope() as s:
        total = s.scalar(select(func.count()).select_from(Event).where(Event.organization_id == organization_id))
        left = s.scalar(select(func.count()).select_from(Event).where(
            Event.organization_id == organization_id, Event.status.in_(waiting)))
    return int(left or 0), int(total or 0)


def wait_until_processed(*, org_slug: str, timeout_seconds: float = 600, progress: bool = True,
                         console: Console | None = None, poll_seconds: float = 1.0) -> int:
    """Show the worker draining the organisation's inbox; 0 when it is empty, 1 on timeout."""
    import time

    out = console or Console()
    org = org_credentials(org_slug)
    if org is None:
        out.print(f"error: organização '{org_slug}' não existe")
        return EXIT_UNUSABLE
    left, total = pending_events(org.id)
    deadline = time.monotonic() + timeout_seconds
    columns = (TextColumn("[bold]worker[/]"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=out, disable=not progress, transient=False) as bar:
        task = bar.add_task("worker", total=total, completed=total - left)
        while left and time.monotonic() < deadline:
            time.sleep(poll_seconds)
            left, total = pending_events(org.id)
            bar.update(task, total=total, completed=total - left)
    if left:
        out.print(f"{left} eventos ainda na fila após {timeout_seconds:.0f} s (o worker está rodando?)")
        return 1
    out.print(f"worker: {total} eventos processados", highlight=False)
    return 0
