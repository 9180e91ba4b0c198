"""`copilot eval` and `copilot labels import`: exit codes and the JSON shape."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from engine.cli import main
from engine.seed import DATA_DIR, seed_demo

HELDOUT = DATA_DIR / "heldout"


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo(committed_db: Engine) -> uuid.UUID:
    with Session(committed_db) as session, session.begin():
        return seed_demo(session).id


def test_eval_json_shape_and_exit_zero(demo: uuid.UUID, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "eval", "--agent", "traffic_feedback", "--set", str(HELDOUT), "--json",
                             "--quiet")
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == {"agent", "set", "cases", "fields", "overall", "schema_valid_rate", "cost_usd", "latency_ms"}
    assert (data["agent"], data["set"], data["cases"]) == ("traffic_feedback", "heldout", 24)
    assert set(data["fields"]) == {"lossReason", "leadQualified", "campaignMismatch"}  # evidence: STRING, not scored
    for f in data["fields"].values():
        assert set(f) == {"correct", "total", "accuracy"}
    assert data["fields"]["lossReason"] == {"correct": 5, "total": 8, "accuracy": 0.625}
    assert set(data["overall"]) == {"correct", "total", "accuracy"}
    assert data["overall"]["total"] == 8 + 24 + 24
    assert data["schema_valid_rate"] == 1.0 and data["cost_usd"] == 0
    assert set(data["latency_ms"]) == {"p50", "p95"}


def test_eval_by_set_name_with_a_baseline_prints_the_table(demo: uuid.UUID,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "eval", "--agent", "closing_coach", "--set", str(HELDOUT), "--quiet")
    assert code == 0 and "concern" in out and "não pontuados (STRING): tip, suggestedReply" in out
    run_id = out.split("execução: ")[1].split()[0]
    code, out, err = run_cli(capsys, "eval", "--agent", "closing_coach", "--set", "heldout", "--model", "offline",
                             "--baseline", run_id[:8], "--quiet")
    assert code == 0, err
    assert "Δ vs v1" in out and "+0.0%" in out and "motor: offline (24)" in out


@pytest.mark.parametrize(("args", "needle"), [
    (["--agent", "nope", "--set", "heldout"], "agente 'nope' não encontrado"),
    (["--agent", "closing_coach", "--set", "no-such-set"], "conjunto rotulado 'no-such-set' não encontrado"),
    (["--agent", "closing_coach", "--set", str(HELDOUT), "--model", "made-up-model"], "modelo desconhecido"),
    (["--agent", "closing_coach", "--set", str(HELDOUT), "--baseline", "ffffffff"], "não encontrada"),
    (["--agent", "closing_coach", "--set", str(HELDOUT), "--org", "no-org"], "organização 'no-org' não existe"),
])
def test_eval_bad_input_exits_2_with_one_line(demo: uuid.UUID, capsys: pytest.CaptureFixture[str],
                                              args: list[str], needle: str) -> None:
    code, out, err = run_cli(capsys, "eval", *args, "--quiet")
    assert code == 2 and out == ""
    assert needle in err and err.count("\n") == 1, err


def test_eval_folder_with_bad_labels_exits_2(demo: uuid.UUID, capsys: pytest.CaptureFixture[str],
                                             tmp_path: Path) -> None:
    (tmp_path / "conversations").mkdir()
    (tmp_path / "conversations" / "hold-001.json").write_bytes((HELDOUT / "conversations" / "hold-001.json").read_bytes())
    (tmp_path / "labels.json").write_text(json.dumps({"hold-001": {"closing_coach": {"concern": "EXPENSIVE"}}}))
    code, _, err = run_cli(capsys, "eval", "--agent", "closing_coach", "--set", str(tmp_path), "--quiet")
    assert code == 2 and "1 erro(s) nos rótulos" in err and "EXPENSIVE" in err and err.count("\n") == 1


def test_labels_import_reports_rows(demo: uuid.UUID, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run_cli(capsys, "labels", "import", str(HELDOUT), "--name", "ho", "--tolerance", "2")
    assert code == 0 and "conjunto 'ho': 24 caso(s)" in out and "formato legado convertido" in out and err == ""
    (tmp_path / "labels.json").write_text(json.dumps({"x": {"closing_coach": {"concern": "PRICE"}}}))
    code, out, err = run_cli(capsys, "labels", "import", str(tmp_path))
    assert code == 1 and "x: conversa não encontrada" in err and "0 caso(s)" in out
    code, _, err = run_cli(capsys, "labels", "import", str(tmp_path / "missing"))
    assert code == 2 and "pasta não encontrada" in err
