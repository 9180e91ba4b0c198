"""The package's structure, read from the code: no import circle, a queue layer at the bottom, and an
ingest process that does not load the worker, the model client or the offline engine.

The import graph counts every import of an ``engine``/``studio`` module, at module level or inside a
function (a lazy import still ties two modules), except those under ``if TYPE_CHECKING:``.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("engine", "studio")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")
            if "migrations" not in p.parts}


def _is_type_checking(node: ast.If) -> bool:
    t = node.test
    return (isinstance(t, ast.Name) and t.id == "TYPE_CHECKING") or (
        isinstance(t, ast.Attribute) and t.attr == "TYPE_CHECKING")


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Project modules ``name`` imports (a ``from pkg import sub`` of a submodule counts as ``pkg.sub``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_pkg = path.name == "__init__.py"
    out: set[str] = set()

    def resolve(module: str | None, level: int) -> str | None:
        if level == 0:
            return module
        base = name.split(".") if is_pkg else name.split(".")[:-1]
        base = base[: len(base) - (level - 1)]
        return ".".join(base + ([module] if module else []))

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in known:
                    out.add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            mod = resolve(node.module, node.level)
            if mod is not None:
                for alias in node.names:
                    sub = f"{mod}.{alias.name}"
                    if sub in known:
                        out.add(sub)
                    elif mod in known:
                        out.add(mod)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    # A module importing its own parent package is Python's doing, not a design tie.
    return {m for m in out if m != name and not name.startswith(m + ".")}


def import_graph() -> dict[str, set[str]]:
    mods = _modules()
    known = set(mods)
    return {name: _imports(name, path, known) for name, path in mods.items()}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def strong(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    sys.setrecursionlimit(10_000)
    for v in sorted(graph):
        if v not in index:
            strong(v)
    return found


def test_no_import_circle() -> None:
    graph = import_graph()
    assert len(graph) > 40  # the walk really read the package
    assert circles(graph) == []


def test_queue_layer_is_at_the_bottom() -> None:
    """engine/queues.py imports only rq, redis and engine.config; nobody else touches RQ queues."""
    tree = ast.parse((ROOT / "engine" / "queues.py").read_text(encoding="utf-8"))
    tops = {(n.module or "").split(".")[0] if isinstance(n, ast.ImportFrom) else a.name.split(".")[0]
            for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)
            for a in (n.names if isinstance(n, ast.Import) else [n])}
    assert tops - {"__future__", "uuid", "datetime", "functools", "typing"} == {"rq", "redis", "engine"}
    assert import_graph()["engine.queues"] == {"engine.config"}
    enqueuers = []
    for name, path in _modules().items():
        text = path.read_text(encoding="utf-8")
        if name != "engine.queues" and (".enqueue(" in text or ".enqueue_in(" in text or ".enqueue_at(" in text):
            enqueuers.append(name)
    assert enqueuers == []


def _loaded_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120, check=True)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_ingest_process_does_not_load_the_worker_or_models() -> None:
    loaded = _loaded_after("import engine.ingest.app")
    heavy = {"litellm", "instructor", "engine.jobs", "engine.pipeline", "engine.offline", "engine.runner",
             "engine.gateway", "pandas", "facebook_business", "streamlit"}
    assert loaded & heavy == set()
    assert "engine.queues" in loaded


def test_cli_starts_without_the_model_client() -> None:
    loaded = _loaded_after("import engine.cli\nengine.cli.build_parser()")
    assert loaded & {"litellm", "instructor", "pandas", "facebook_business", "streamlit", "engine.jobs"} == set()


def test_an_offline_run_never_loads_the_model_client() -> None:
    """``copilot run --model offline`` (and a friendly model without a key) start without litellm:
    the client is imported by ``engine.model_call`` only when a run really goes to a model."""
    conv = ROOT / "data" / "conversations" / "conv-001.json"
    for model in ("offline", "gpt-4o-mini"):
        code = ("import contextlib, io, os\nos.environ.pop('OPENAI_API_KEY', None)\nimport engine.cli\n"
                "with contextlib.redirect_stdout(io.StringIO()):\n"
                f"    assert engine.cli.main(['run', '--agent', 'closing_coach', '--conversation', {str(conv)!r}, "
                f"'--model', {model!r}, '--json']) == 0")
        loaded = _loaded_after(code)
        assert loaded & {"litellm", "instructor", "openai", "engine.model_call", "pandas", "streamlit"} == set(), model
        assert "engine.offline" in loaded
