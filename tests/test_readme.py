"""README.md matches the code: the Environment table, the module table and the command table."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from pydantic_core import PydanticUndefined

from engine.cli import build_parser
from engine.config import Settings

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CODE = re.compile(r"`([^`]+)`")


def _section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start:end if end != -1 else None]


def _rows(text: str) -> list[list[str]]:
    """The cells of each table body row in ``text`` (header and separator rows left out)."""
    return [[c.strip() for c in line.strip().strip("|").split("|")]
            for line in text.splitlines() if line.startswith("| `")]


def _differences(documented: set[str], actual: set[str]) -> str:
    return (f"only in README: {sorted(documented - actual)}; "
            f"not in README: {sorted(actual - documented)}")


def _shown_default(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def test_environment_table_names_every_setting_and_nothing_else() -> None:
    rows = _rows(_section("Environment"))
    documented = {CODE.findall(r[0])[0] for r in rows}
    actual = {name.upper() for name in Settings.model_fields}
    assert documented == actual, _differences(documented, actual)


def test_environment_table_defaults_are_the_settings_defaults() -> None:
    wrong = {}
    for variable, default, _ in _rows(_section("Environment")):
        name = CODE.findall(variable)[0]
        field = Settings.model_fields.get(name.lower())
        if field is None:
            continue  # the names are the other test's business
        value = field.get_default(call_default_factory=True)
        value = None if value is PydanticUndefined else value
        value = value.get_secret_value() if hasattr(value, "get_secret_value") else value
        shown = "—" if default.startswith("—") else CODE.findall(default)[0]
        if shown != _shown_default(value):
            wrong[name] = (shown, _shown_default(value))
    assert not wrong, f"README default vs engine/config.py: {wrong}"


def test_module_table_names_every_engine_module_and_package() -> None:
    start = README.index("| module | concept |")
    table = README[start:README.index("\n\n", start)]
    documented = {path.rstrip("/") for r in _rows(table) for path in CODE.findall(r[0])}
    engine = ROOT / "engine"
    actual = {f"engine/{p.name}" for p in engine.glob("*.py") if p.name != "__init__.py"}
    actual |= {f"engine/{p.parent.name}" for p in engine.glob("*/__init__.py")}
    assert documented == actual, _differences(documented, actual)


def _commands(parser: argparse.ArgumentParser, prefix: str = "copilot") -> set[str]:
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        return {prefix}
    return {cmd for name, sub in subs[0].choices.items() for cmd in _commands(sub, f"{prefix} {name}")}


def test_command_table_lists_every_cli_command() -> None:
    documented = set()
    for row in _rows(_section("The `copilot` command")):
        for usage in CODE.findall(row[0]):
            words = [w for w in usage.split() if re.fullmatch(r"[a-z][a-z-]*", w)]
            documented.add(" ".join(words))
    actual = _commands(build_parser())
    assert documented == actual, _differences(documented, actual)
