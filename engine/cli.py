"""The ``copilot`` command (ARCHITECTURE section 7).

Exit codes: 0 success, 1 runtime failure (e.g. the model failed), 2 bad input (one line, no traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from engine.errors import CliError

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2
__all__ = ["CliError", "build_parser", "main"]


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


# ------------------------------------------------------------------------------ commands
def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from engine.migrate import ensure_database, upgrade

    created = ensure_database()
    upgrade(revision=args.revision)
    print(("database created; " if created else "") + f"migrated to {args.revision}")
    return EXIT_OK


def cmd_db_downgrade(args: argparse.Namespace) -> int:
    from engine.migrate import downgrade

    downgrade(revision=args.revision)
    print(f"downgraded to {args.revision}")
    return EXIT_OK


def cmd_seed(args: argparse.Namespace) -> int:
    if not args.demo:
        raise CliError("use: copilot seed --demo")
    from engine.db import session_scope
    from engine.seed import DATA_DIR, DEMO_PASSWORD, DEMO_SLUG, seed_demo

    with session_scope() as session:
        org = seed_demo(session, import_conversations=args.import_conversations)
        print(f"seeded organisation '{org.slug}' (id {org.id})")
        from engine.labels import install_demo_sets

        for report in install_demo_sets(session, organization_id=org.id, data_dir=DATA_DIR):
            print(f"labelled set '{report.set_name}': {report.cases} cases, {report.labels} labels"
                  + (f", {len(report.errors)} errors" if report.errors else ""))
    print(f"demo logins (password '{DEMO_PASSWORD}'): diretora@{DEMO_SLUG}.com.br, coordenacao@{DEMO_SLUG}.com.br, "
          f"trafego@{DEMO_SLUG}.com.br, ana@{DEMO_SLUG}.com.br (vendedora)")
    return EXIT_OK


def _org(session: Any, slug: str) -> Any:
    from engine.seed import org_by_slug

    org = org_by_slug(session, slug)
    if org is None:
        raise CliError(f"organização '{slug}' não existe (rode: copilot seed --demo)")
    return org


def cmd_agents_list(args: argparse.Namespace) -> int:
    from engine.agents import list_agents
    from engine.db import session_scope

    with session_scope() as session:
        org = _org(session, args.org)
        agents = list_agents(session, organization_id=org.id)
        rows: list[dict[str, Any]] = [{"id": str(a.id), "key": a.template_key, "name": a.name, "model": a.model, "active": a.is_active,
                 "delivery": a.delivery.value, "version": a.version,
                 "triggers": [t.event_type.value for t in a.triggers]} for a in agents]
    if args.json:
        _print_json(rows)
    else:
        for r in rows:
            state = "ativo" if r["active"] else "inativo"
            print(f"{r['id']}  {r['key'] or '-':18} {r['name']:32} {r['model']:22} {state:8} "
                  f"{','.join(r['triggers'])}")
        if not rows:
            print(f"nenhum agente em '{args.org}'")
    return EXIT_OK


def _resolve_agent(key_or_id: str, org_slug: str | None) -> Any:
    from engine.templates import TEMPLATES

    if key_or_id in TEMPLATES and org_slug is None:
        return TEMPLATES[key_or_id]
    import uuid as _uuid

    from engine.agents import AgentNotFoundError, find_agent
    from engine.db import session_scope

    try:
        _uuid.UUID(key_or_id)
    except ValueError:
        if org_slug is None:
            raise CliError(f"agente desconhecido '{key_or_id}': use uma chave de template "
                           f"({', '.join(TEMPLATES)}) ou o id de um agente") from None
    try:
        with session_scope() as session:
            org = _org(session, org_slug or "clinica-demo")
            return find_agent(session, organization_id=org.id, key_or_id=key_or_id)
    except AgentNotFoundError as err:
        raise CliError(str(err)) from None


def cmd_run(args: argparse.Namespace) -> int:
    from engine.conversation import ConversationError, load_conversation

    try:
        conv = load_conversation(args.conversation)
    except ConversationError as err:
        raise CliError(str(err)) from None
    agent = _resolve_agent(args.agent, args.org)
    # Imported only now: litellm is slow to import, and bad input should answer at once.
    from engine.gateway import GatewayError, UnknownModelError, resolve_model
    from engine.runner import run_agent

    if args.model:
        try:
            resolve_model(args.model)
        except UnknownModelError as err:
            raise CliError(err.message) from None
    try:
        outcome = run_agent(agent, conv, model=args.model)
    except UnknownModelError as err:
        raise CliError(err.message) from None
    except GatewayError as err:
        print(f"error: {err.message} (modelo {err.model}, {err.attempts} tentativas)", file=sys.stderr)
        return EXIT_FAILED
    if args.json:
        _print_json(outcome.to_json())
    else:
        print(f"{agent.icon} {agent.name} — motor: {outcome.engine} ({outcome.model})")
        if outcome.note:
            print(f"   nota: {outcome.note}")
        print(f"   💬 {outcome.summary}")
        for k, v in (outcome.payload or {}).items():
            if k != "summary":
                print(f"   {k}: {json.dumps(v, ensure_ascii=False)}")
        u = outcome.usage
        print(f"   tokens: {u.prompt_tokens}+{u.completion_tokens}  custo: US$ {u.cost_usd:.6f}  "
              f"latência: {outcome.latency_ms} ms")
    return EXIT_OK


def cmd_events_replay(args: argparse.Namespace) -> int:
    from engine.replay import replay_file, wait_until_processed

    code = replay_file(Path(args.file), org_slug=args.org, progress=not args.quiet)
    if args.wait and code != EXIT_BAD_INPUT:
        waited = wait_until_processed(org_slug=args.org, timeout_seconds=args.wait, progress=not args.quiet)
        code = code or waited
    return code


def cmd_api(args: argparse.Namespace) -> int:
    import uvicorn

    uvicorn.run("engine.ingest.app:app", host=args.host, port=args.port, log_level="info")
    return EXIT_OK


def cmd_worker(args: argparse.Namespace) -> int:
    from engine.jobs import run_worker

    return run_worker(burst=args.burst, fork=args.fork, verbose=getattr(args, "verbose", False))


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"data inválida '{value}' (use AAAA-MM-DD)") from None


def cmd_spend_import(args: argparse.Namespace) -> int:
    from engine.db import session_scope
    from engine.spend import SpendError, import_spend_csv

    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"arquivo não encontrado: {path}")
    with session_scope() as s:
        org = _org(s, args.org)
        try:
            result = import_spend_csv(s, organization_id=org.id, data=path.read_bytes())
        except SpendError as err:
            raise CliError(str(err)) from None
    print(f"{result.stored} linhas de gasto gravadas em '{args.org}'")
    for e in result.errors:
        print(f"  linha {e.line}: {e.message}")
    return EXIT_OK if not result.errors else EXIT_BAD_INPUT


def cmd_spend_sync(args: argparse.Namespace) -> int:
    from engine.actions.graph import GraphError
    from engine.db import session_scope
    from engine.spend import SpendError, sync_spend

    try:
        with session_scope() as s:
            org = _org(s, args.org)
            result = sync_spend(s, organization_id=org.id, since=args.since, until=args.until)
    except SpendError as err:
        raise CliError(str(err)) from None
    except GraphError as err:
        print(f"error: {err.describe()}")
        return EXIT_FAILED
    print(f"{result.rows} dias de gasto em {result.campaigns} campanhas: {result.total} {result.currency or ''}")
    for msg in result.skipped:
        print(f"  ignorado: {msg}")
    return EXIT_OK


def cmd_rollup_run(args: argparse.Namespace) -> int:
    from engine.db import session_scope
    from engine.rollup import run_rollup

    with session_scope() as s:
        org = _org(s, args.org)
        result = run_rollup(s, organization_id=org.id, day=args.day)
    for stat in result.stats:
        print(f"{stat.day} {stat.campaign:28} gasto {stat.spend:>10} conversas {stat.conversations:>3} "
              f"perdidas {stat.lost:>3} {stat.top_reason or '-'} {stat.top_share:.0%}")
    print(f"{len(result.alerts)} alerta(s) novo(s)")
    for a in result.alerts:
        print(f"  ⚠ {a}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="copilot", description="Copilot 2.0 — copilotos de IA para times de receita")
    sub = p.add_subparsers(dest="command", required=True)

    db = sub.add_parser("db", help="database migrations").add_subparsers(dest="db_command", required=True)
    up = db.add_parser("upgrade", help="create the database if needed and migrate to head")
    up.add_argument("revision", nargs="?", default="head")
    up.set_defaults(func=cmd_db_upgrade)
    down = db.add_parser("downgrade", help="migrate down (default: base)")
    down.add_argument("revision", nargs="?", default="base")
    down.set_defaults(func=cmd_db_downgrade)

    seed = sub.add_parser("seed", help="seed the demo organisation")
    seed.add_argument("--demo", action="store_true", help="the demo organisation 'clinica-demo'")
    seed.add_argument("--import-conversations", action="store_true",
                      help="also store data/conversations as tickets directly (without running agents)")
    seed.set_defaults(func=cmd_seed)

    agents = sub.add_parser("agents", help="agents of an organisation").add_subparsers(dest="agents_command",
                                                                                       required=True)
    al = agents.add_parser("list")
    al.add_argument("--org", default="clinica-demo")
    al.add_argument("--json", action="store_true")
    al.set_defaults(func=cmd_agents_list)

    run = sub.add_parser("run", help="live test run: an agent on a conversation file (no writes)")
    run.add_argument("--agent", required=True, help="template key (e.g. closing_coach) or agent id")
    run.add_argument("--conversation", required=True, help="conversation fixture (JSON)")
    run.add_argument("--model", default=None, help="override the agent's model (e.g. offline)")
    run.add_argument("--org", default=None, help="organisation slug for agent ids/keys stored in the database")
    run.add_argument("--json", action="store_true")
    run.set_defaults(func=cmd_run)

    events = sub.add_parser("events", help="system events").add_subparsers(dest="events_command", required=True)
    rp = events.add_parser("replay", help="feed a JSONL file of events through the ingest path")
    rp.add_argument("file")
    rp.add_argument("--org", default="clinica-demo")
    rp.add_argument("--quiet", action="store_true")
    rp.add_argument("--wait", type=float, default=0, metavar="SECONDS",
                    help="then show the worker processing the organisation's events (up to SECONDS)")
    rp.set_defaults(func=cmd_events_replay)

    api = sub.add_parser("api", help="the ingest API (FastAPI)")
    api.add_argument("--host", default="127.0.0.1")
    api.add_argument("--port", type=int, default=8000)
    api.set_defaults(func=cmd_api)

    worker = sub.add_parser("worker", help="the RQ worker (with scheduler)")
    worker.add_argument("--burst", action="store_true", help="drain the queues and exit")
    worker.add_argument("--fork", action="store_true", help="fork a work horse per job (default: run jobs in-process)")
    worker.add_argument("--verbose", action="store_true", help="log every job (default: warnings and errors only)")
    worker.set_defaults(func=cmd_worker)

    spend = sub.add_parser("spend", help="campaign spend").add_subparsers(dest="spend_command", required=True)
    imp = spend.add_parser("import", help="import daily spend from a CSV file")
    imp.add_argument("file")
    imp.add_argument("--org", default="clinica-demo")
    imp.set_defaults(func=cmd_spend_import)
    syn = spend.add_parser("sync", help="pull daily spend from the Meta Marketing API")
    syn.add_argument("--org", default="clinica-demo")
    syn.add_argument("--since", type=_date, required=True)
    syn.add_argument("--until", type=_date, required=True)
    syn.set_defaults(func=cmd_spend_sync)

    rollup = sub.add_parser("rollup", help="traffic feedback roll-up").add_subparsers(dest="rollup_command",
                                                                                       required=True)
    rr = rollup.add_parser("run", help="compute per campaign/day stats and write alerts")
    rr.add_argument("--org", default="clinica-demo")
    rr.add_argument("--day", type=_date, default=None)
    rr.set_defaults(func=cmd_rollup_run)
    from engine.eval_cli import register_cli as register_evaluation  # copilot eval, copilot labels import

    register_evaluation(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code = int(args.func(args))
    except CliError as err:
        print(f"error: {err}", file=sys.stderr)
        code = EXIT_BAD_INPUT
    except KeyboardInterrupt:
        code = 130
    except Exception as err:  # noqa: BLE001 - last resort: one line, never a traceback
        from sqlalchemy.exc import OperationalError

        if isinstance(err, OperationalError):
            print("error: banco de dados indisponível (verifique DATABASE_URL e se o PostgreSQL está rodando)",
                  file=sys.stderr)
        else:
            print(f"error: {type(err).__name__}: {err}", file=sys.stderr)
        code = EXIT_FAILED
    return code


if __name__ == "__main__":
    sys.exit(main())
