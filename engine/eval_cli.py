"""``copilot eval`` and ``copilot labels import`` (registered on the ``copilot`` command by engine.cli).

``copilot eval --agent KEY_OR_ID --set DIR_OR_NAME [--model M] [--baseline RUN] [--json] [--org SLUG]``:
exit 0 on a completed run (the score is the figure), 2 on bad input with one line.
``copilot labels import DIR [--name NAME] [--tolerance T] [--org SLUG]``: per-row errors; exit 0 when
every row was imported, 1 when some were not, 2 when nothing could be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from engine.errors import CliError

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


def _cli_error(message: str) -> Exception:
    return CliError(message)


def _org_id(session: Any, slug: str) -> Any:
    from engine.seed import org_by_slug

    org = org_by_slug(session, slug)
    if org is None:
        raise _cli_error(f"organização '{slug}' não existe (rode: copilot seed --demo)")
    return org.id


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v:.1%}"


def _print_table(report: Any, deltas: dict[str, float | None] | None, baseline_label: str | None) -> None:
    from rich.console import Console
    from rich.table import Table

    m = report.metrics
    console = Console()
    title = f"{report.agent_name} (v{report.agent_version}) · conjunto {report.set_name} · {report.cases} casos"
    table = Table(title=title)
    for col in ("campo", "tipo", "acertos", "total", "acurácia", "precisão/recall · respondidos"):
        table.add_column(col, justify="left" if col in ("campo", "tipo") else "right")
    if deltas is not None:
        table.add_column(f"Δ vs {baseline_label}", justify="right")
    for name, f in (m.get("fields") or {}).items():
        pr = (f"{_pct(f.get('precision'))}/{_pct(f.get('recall'))}" if f["type"] == "ARRAY" else
              f"{f.get('answered_correct')}/{f.get('answered')} respondidos" if f["type"] == "NUMBER" else "")
        row = [name, f["type"], str(f["correct"]), str(f["total"]), _pct(f["accuracy"]), pr]
        if deltas is not None:
            d = deltas.get(name)
            row.append("—" if d is None else f"[{'green' if d > 0 else 'red' if d < 0 else 'white'}]{d:+.1%}[/]")
        table.add_row(*row)
    o = m.get("overall") or {}
    table.add_row("geral", "", str(o.get("correct", 0)), str(o.get("total", 0)), _pct(o.get("accuracy")), "",
                  *([""] if deltas is not None else []), style="bold")
    console.print(table)
    if m.get("unscored"):
        console.print(f"não pontuados (STRING): {', '.join(m['unscored'])}")
    lat, tok = m.get("latency_ms") or {}, m.get("tokens") or {}
    engines = ", ".join(f"{k} ({v})" for k, v in (m.get("engines") or {}).items())
    console.print(f"schema válido: {_pct(m.get('schema_valid_rate'))} · evidência válida: "
                  f"{_pct(m.get('evidence_valid_rate'))} · tokens: {tok.get('prompt', 0)}+{tok.get('completion', 0)} · "
                  f"custo: US$ {m.get('cost_usd', 0):.6f} · latência p50/p95: {lat.get('p50')}/{lat.get('p95')} ms · "
                  f"motor: {engines}")
    console.print(f"execução: {report.run_id}")


def cmd_eval(args: argparse.Namespace) -> int:
    from engine.agents import AgentNotFoundError, find_agent
    from engine.db import session_scope
    from engine.labels import LabelError, find_set, import_folder

    with session_scope() as session:
        org_id = _org_id(session, args.org)
        try:
            agent = find_agent(session, organization_id=org_id, key_or_id=args.agent)
        except AgentNotFoundError as err:
            raise _cli_error(str(err)) from None
        baseline = None
        if args.baseline:
            from engine.eval_runs import get_run

            try:
                baseline = get_run(session, organization_id=org_id, run_ref=args.baseline)
            except LabelError as err:
                raise _cli_error(str(err)) from None
        try:
            if Path(args.set).is_dir():
                imported = import_folder(session, organization_id=org_id, path=Path(args.set))
                if imported.errors:
                    first = imported.errors[0]
                    raise _cli_error(f"{args.set}: {len(imported.errors)} erro(s) nos rótulos; primeiro: "
                                     f"{first.ref}: {first.message}")
                set_id, set_name = imported.set_id, imported.set_name
            else:
                found = find_set(session, organization_id=org_id, name_or_id=args.set)
                set_id, set_name = found.id, found.name
        except LabelError as err:
            raise _cli_error(str(err)) from None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from engine.evaluation import evaluate
    from engine.gateway import UnknownModelError

    out = Console(stderr=True) if args.json else Console()
    columns = (TextColumn(f"avaliando {agent.key} em {set_name}"), BarColumn(), MofNCompleteColumn(),
               TimeRemainingColumn())
    try:
        with Progress(*columns, console=out, disable=args.quiet, transient=args.json) as bar:
            task = bar.add_task("eval", total=None)
            report = evaluate(organization_id=org_id, agent=agent, set_id=set_id, model=args.model,
                              progress=lambda done, total: bar.update(task, completed=done, total=total))
    except UnknownModelError as err:
        raise _cli_error(err.message) from None
    except LabelError as err:
        raise _cli_error(str(err)) from None
    from engine.eval_runs import compare, json_report

    if args.json:
        print(json.dumps(json_report(report), ensure_ascii=False, indent=2))
    else:
        deltas = compare(report.metrics, baseline.metrics) if baseline is not None else None
        _print_table(report, deltas, baseline.label if baseline is not None else None)
    return EXIT_OK


def cmd_labels_import(args: argparse.Namespace) -> int:
    from engine.db import session_scope
    from engine.labels import LabelError, import_folder

    if args.tolerance is not None and args.tolerance < 0:
        raise _cli_error("--tolerance não pode ser negativa")
    with session_scope() as session:
        org_id = _org_id(session, args.org)
        try:
            report = import_folder(session, organization_id=org_id, path=Path(args.dir), name=args.name,
                                   tolerance=args.tolerance)
        except LabelError as err:
            raise _cli_error(str(err)) from None
    for e in report.errors:
        print(f"{e.ref}: {e.message}", file=sys.stderr)
    fmt = " (formato legado convertido)" if report.legacy else ""
    print(f"conjunto '{report.set_name}': {report.cases} caso(s), {report.labels} rótulo(s){fmt}; "
          f"{len(report.errors)} erro(s)")
    return EXIT_FAILED if report.errors else EXIT_OK


def register_cli(sub: Any) -> None:
    ev = sub.add_parser("eval", help="evaluate an agent on a labelled set, field by field")
    ev.add_argument("--agent", required=True, help="template key (e.g. closing_coach) or agent id")
    ev.add_argument("--set", required=True, help="a set folder (conversations + labels.json) or a stored set's name")
    ev.add_argument("--model", default=None, help="model override (e.g. offline, gpt-4o-mini, local/x)")
    ev.add_argument("--baseline", default=None, help="an earlier evaluation run (id or its first characters)")
    ev.add_argument("--org", default="clinica-demo")
    ev.add_argument("--json", action="store_true")
    ev.add_argument("--quiet", action="store_true", help="no progress bar")
    ev.set_defaults(func=cmd_eval)

    labels = sub.add_parser("labels", help="labelled sets").add_subparsers(dest="labels_command", required=True)
    imp = labels.add_parser("import", help="import a folder: conversations/*.json + labels.json")
    imp.add_argument("dir")
    imp.add_argument("--name", default=None, help="set name (default: the folder's name)")
    imp.add_argument("--tolerance", type=float, default=None, help="± tolerance of expected numbers (default 1)")
    imp.add_argument("--org", default="clinica-demo")
    imp.set_defaults(func=cmd_labels_import)
