"""The copilot command: exit codes and output shapes (ARCHITECTURE section 7)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from engine.cli import main
from engine.seed import DATA_DIR
from engine.templates import TEMPLATE_KEYS, TEMPLATES

CONV = sorted((DATA_DIR / "conversations").glob("*.json"))


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("key", TEMPLATE_KEYS)
def test_every_template_on_every_data_file(key: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert CONV, "data/conversations is empty"
    schema = TEMPLATES[key].schema()
    for path in CONV:
        code, out, err = run_cli(capsys, "run", "--agent", key, "--conversation", str(path), "--json")
        assert code == 0, (path, err)
        data = json.loads(out)
        assert data["engine"] == "offline" and data["agent"] == key
        schema.validate(data["payload"])
        assert data["summary"] == data["payload"]["summary"]
        assert set(data["usage"]) >= {"prompt_tokens", "completion_tokens", "cost_usd"}


def test_human_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "run", "--agent", "closing_coach", "--conversation", str(CONV[0]),
                           "--model", "offline")
    assert code == 0 and "motor: offline" in out


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--agent", "qa_auditor", "--conversation", "/nonexistent.json"], "arquivo não encontrado"),
        (["--agent", "nope", "--conversation", "CONV"], "agente desconhecido"),
        (["--agent", "qa_auditor", "--conversation", "CONV", "--model", "made-up-model"], "modelo"),
        (["--agent", "qa_auditor", "--conversation", "BAD"], "JSON inválido"),
        (["--agent", "qa_auditor", "--conversation", "EMPTY"], "não tem mensagens"),
        (["--agent", "qa_auditor", "--conversation", "WRONG"], "messages.0.from"),
    ],
)
def test_bad_input_exit_2_one_line(args: list[str], needle: str, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": "x", "messages": [', encoding="utf-8")
    empty = tmp_path / "empty.json"
    empty.write_text('{"id": "x", "messages": []}', encoding="utf-8")
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"id": "x", "messages": [{"from": "cliente", "text": "oi", "at": "2026-08-12T10:00:00-03:00"}]}',
                     encoding="utf-8")
    subst = {"CONV": str(CONV[0]), "BAD": str(bad), "EMPTY": str(empty), "WRONG": str(wrong)}
    argv = ["run", *[subst.get(a, a) for a in args]]
    code, out, err = run_cli(capsys, *argv)
    assert code == 2
    assert needle in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_console_script_subprocess_no_traceback() -> None:
    """The real entry point as a user runs it."""
    proc = subprocess.run([sys.executable, "-m", "engine.cli", "run", "--agent", "capi_auditor", "--conversation",
                           "/nope.json"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and proc.stderr.startswith("error:")


def test_agents_list_unknown_org(capsys: pytest.CaptureFixture[str], session: object) -> None:
    code, _, err = run_cli(capsys, "agents", "list", "--org", "nao-existe")
    assert code == 2 and "não existe" in err


def test_spend_import_reports_bad_rows_exit_2(committed_db: object, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from engine.db import session_scope
    from engine.seed import get_or_create_org

    with session_scope() as s:
        get_or_create_org(s, slug="cli-spend", name="Clínica CLI")
    csv_file = tmp_path / "spend.csv"
    csv_file.write_text("date,campaign,spend\n2026-08-01,Agosto_Botox,\"1.234,56\"\n2026-08-32,X,1\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, "spend", "import", str(csv_file), "--org", "cli-spend")
    assert code == 2
    assert out.splitlines() == ["1 linhas de gasto gravadas em 'cli-spend'",
                                "  linha 3: data inválida '2026-08-32' (use AAAA-MM-DD)"]
    code, out, _ = run_cli(capsys, "rollup", "run", "--org", "cli-spend", "--day", "2026-08-01")
    assert code == 0 and out.splitlines()[-1] == "0 alerta(s) novo(s)"
    assert out.startswith("2026-08-01 Agosto_Botox") and "gasto    1234.56" in out


def test_spend_and_rollup_bad_input_exit_2(committed_db: object, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "spend", "import", str(tmp_path / "nope.csv"))
    assert code == 2 and err.strip() == f"error: arquivo não encontrado: {tmp_path / 'nope.csv'}"
    (tmp_path / "a.csv").write_text("date,campaign,spend\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "spend", "import", str(tmp_path / "a.csv"), "--org", "nao-existe")
    assert code == 2 and "organização 'nao-existe' não existe" in err
    code, _, err = run_cli(capsys, "rollup", "run", "--org", "nao-existe")
    assert code == 2 and "não existe" in err
    with pytest.raises(SystemExit) as exit_info:
        main(["spend", "sync", "--since", "ontem", "--until", "2026-08-02"])
    assert exit_info.value.code == 2 and "data inválida 'ontem' (use AAAA-MM-DD)" in capsys.readouterr().err
