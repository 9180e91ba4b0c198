"""bench/scale_out.py without root: arguments, the preflight error, table and report formatting.
(The bench itself creates network namespaces and needs root: it is run by hand, see README "Scaling".)"""

from __future__ import annotations

import pytest

from bench import run_all, scale_out


def test_defaults_and_options() -> None:
    a = scale_out.parse_args([])
    assert (a.events, a.hosts, a.kill_after, a.kill_host, a.fault, a.model) == (2000, 3, 15.0, 1, "kill", False)
    a = scale_out.parse_args(["--events", "1500", "--hosts", "4", "--kill-after", "20", "--kill-host", "4",
                              "--fault", "partition", "--model", "--workers-per-host", "2"])
    assert (a.events, a.hosts, a.kill_after, a.kill_host, a.fault, a.model, a.workers_per_host) == (
        1500, 4, 20.0, 4, "partition", True, 2)


@pytest.mark.parametrize("argv", [["--hosts", "1"], ["--kill-host", "4"], ["--kill-host", "0"], ["--events", "0"],
                                  ["--kill-after", "0"], ["--fault", "reboot"], ["--subnet", "300"]])
def test_bad_arguments_are_refused(argv: list[str]) -> None:
    with pytest.raises(SystemExit):
        scale_out.parse_args(argv)


def test_preflight_needs_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scale_out.os, "geteuid", lambda: 1000)
    with pytest.raises(SystemExit, match="needs root"):
        scale_out.preflight()


def test_preflight_names_a_missing_tool(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scale_out.os, "geteuid", lambda: 0)
    monkeypatch.setattr(scale_out.shutil, "which", lambda tool: None if tool == "ip" else f"/usr/bin/{tool}")
    with pytest.raises(SystemExit, match="`ip`"):
        scale_out.preflight()


def test_host_names_and_addresses() -> None:
    h = scale_out.Host(2, 77)
    assert (h.ns, h.veth_root, h.veth_ns, h.root_ip, h.ns_ip, h.name) == (
        "cpscale2", "vcps2r", "vcps2n", "10.77.2.1", "10.77.2.2", "h2")
    assert len(h.veth_root) <= 15  # IFNAMSIZ


def test_format_table_aligns_columns() -> None:
    out = scale_out.format_table(["host", "ev/s", "detail"], [["h1 (killed)", 3.25, "ok"], ["h2", None, "a b"]],
                                 left=(0, 2)).splitlines()
    assert out[0].split() == ["host", "ev/s", "detail"]
    assert set(out[1]) <= {"-", " "}
    assert out[2].startswith("h1 (killed)") and "3.2" in out[2]
    assert out[3].split() == ["h2", "-", "a", "b"]
    assert len({line.index("ev/s") if i == 0 else None for i, line in enumerate(out)} - {None}) == 1


def test_report_shows_rates_checks_and_recovery() -> None:
    args = scale_out.parse_args(["--events", "100", "--kill-after", "10", "--pg-setting",
                                 "idle_in_transaction_session_timeout=15s"])
    r = scale_out.Result(
        args=args, hosts=["h1", "h2", "h3"], before={"h1": (10, 20), "h2": (10, 20), "h3": (10, 20)},
        after={"h1": (0, 0), "h2": (35, 70), "h3": (35, 70)}, t_before=10.0, t_after=10.0,
        pss={"h1": 250.0, "h2": 260.0, "h3": 255.0}, statuses={"PROCESSED": 100},
        checks=[("(event, agent) with > 1 ai_run", 0, "ok")], in_flight=["e1"],
        in_flight_detail=["e1 TICKET_WON PROCESSED attempts=2"], recovery_s=12.5, reclaim_lines=["h2: reclaimed 1 job"],
        stall=[], backlog=0, timeline=[30, 40], scheduler_host="scale-h1", total_runs=180, insights=90, wall_s=40.0)
    text = scale_out.report(r)
    assert "h1 (killed)" in text and "h2" in text
    lines = {line.split()[0]: line.split() for line in text.splitlines() if line.startswith(("h2", "all"))}
    assert lines["h2"][1:7] == ["10", "1.0", "2.0", "35", "3.5", "7.0"]
    assert lines["all"][1:7] == ["30", "3.0", "6.0", "70", "7.0", "14.0"]
    assert "after 12.5 s" in text and "(event, agent) with > 1 ai_run" in text and "scale-h1" in text
    assert "idle_in_transaction_session_timeout=15s" in text and "30 40" in text


def test_run_all_skips_it_without_root(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "scale_out" in run_all.MODULES
    monkeypatch.setattr(run_all.os, "geteuid", lambda: 1000)
    assert run_all.skip_reason("scale_out") is not None
    assert run_all.skip_reason("bench_pipeline") is None
