"""What the database can store, checked before an event is acknowledged.

PostgreSQL refuses ``\\u0000`` in text and JSONB, psycopg cannot encode lone UTF-16 surrogates,
Python's ``json`` recurses once per nesting level and refuses integers of more than 4,300 digits,
and a timestamp the worker cannot turn into a date would fail after the 2xx. ``load_json`` parses a
body with those limits:

- **strict** (CRM events, replayed CRM lines: ours, so a 400 is the right answer): the first
  problem raises ``BadJson`` naming where it is (``ticket.ref``, ``message.text``...).
- **lenient** (WhatsApp deliveries: Meta redelivers a refused batch for days, so one bad item must
  never refuse its neighbours): NULs are removed, lone surrogates become U+FFFD and over-long
  numbers are kept as strings; each change is recorded as a note in the enclosing message or
  status (``copilot_notes``), so the inbox row says what was altered.

Nesting deeper than ``MAX_DEPTH`` is refused in both modes: no real payload is that deep.
``time_problem`` is the accepted range of event times (``EARLIEST`` to ``MAX_FUTURE`` from now).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from engine.errors import InvalidInput

MAX_DEPTH = 32  # containers inside containers
MAX_NUMBER_CHARS = 40  # a JSON number longer than this is not a count, an amount or an id
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
MAX_FUTURE = timedelta(days=1)  # clock skew allowed for a sender's clock running ahead
NOTE_KEY = "copilot_notes"
ITEM_LISTS = ("messages", "statuses")


class BadJson(InvalidInput):
    """A body that parses but cannot be stored; ``field`` says where."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field, self.reason = field, message


def time_problem(at: datetime, *, now: datetime | None = None) -> str | None:
    """Why ``at`` cannot be an event time, or None when it can."""
    now = now or datetime.now(UTC)
    if at.tzinfo is None:
        return "timestamp has no UTC offset"
    if at < EARLIEST:
        return f"timestamp {at.isoformat()} is before {EARLIEST.date().isoformat()}"
    if at > now + MAX_FUTURE:
        return f"timestamp {at.isoformat()} is more than {MAX_FUTURE.days} day in the future"
    return None


def unix_time_problem(raw: str | int, *, now: datetime | None = None) -> str | None:
    """``time_problem`` for Unix seconds (WhatsApp timestamps)."""
    try:
        at = datetime.fromtimestamp(int(raw), tz=UTC)
    except (OverflowError, ValueError, OSError):
        return f"timestamp {raw} is out of range"
    return time_problem(at, now=now)


def _clean_text(s: str) -> str:
    s = s.replace("\x00", "")
    return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in s)


def _text_problem(s: str) -> str | None:
    if "\x00" in s:
        return "contains a NUL character (\\u0000)"
    if any("\ud800" <= c <= "\udfff" for c in s):
        return "contains a lone UTF-16 surrogate"
    return None


class _Walker:
    def __init__(self, lenient: bool) -> None:
        self.lenient = lenient

    def walk(self, value: Any, path: list[str], depth: int, item: dict[str, Any] | None) -> Any:
        where = ".".join(path) or None
        if isinstance(value, dict | list) and depth > MAX_DEPTH:
            raise BadJson(f"nested deeper than {MAX_DEPTH} levels", where)
        if isinstance(value, _LongNumber):
            if not self.lenient:
                raise BadJson(f"number with {len(value)} characters (at most {MAX_NUMBER_CHARS})", where)
            self.note(item, where, "over-long number kept as text")
            return str(value)
        if isinstance(value, str):
            problem = _text_problem(value)
            if problem is None:
                return value
            if not self.lenient:
                raise BadJson(problem, where)
            self.note(item, where, f"{problem}: cleaned")
            return _clean_text(value)
        if isinstance(value, list):
            in_items = bool(path) and path[-1] in ITEM_LISTS
            return [self.walk(v, [*path, str(i)], depth + 1, v if in_items and isinstance(v, dict) else item)
                    for i, v in enumerate(value)]
        if isinstance(value, dict):
            out: dict[str, Any] = {}
            for k, v in list(value.items()):
                key = k
                problem = _text_problem(k)
                if problem is not None:
                    if not self.lenient:
                        raise BadJson(f"key {problem}", where)
                    key = _clean_text(k)
                    self.note(item, where, f"key {problem}: cleaned")
                out[key] = self.walk(v, [*path, key], depth + 1, item)
            if item is value:  # keep notes on the cleaned copy of the item
                out[NOTE_KEY] = value.get(NOTE_KEY, [])
                if not out[NOTE_KEY]:
                    del out[NOTE_KEY]
            return out
        return value

    def note(self, item: dict[str, Any] | None, where: str | None, text: str) -> None:
        if item is not None:
            item.setdefault(NOTE_KEY, []).append(f"{where}: {text}")


class _LongNumber(str):
    """A JSON number too long to be a value (kept as its text; strict mode refuses it)."""


def _number(text: str) -> Any:
    if len(text) > MAX_NUMBER_CHARS:
        return _LongNumber(text)
    value = float(text) if any(c in text for c in ".eE") else int(text)
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return _LongNumber(text)
    return value


def _constant(name: str) -> Any:
    raise BadJson(f"{name} is not a JSON number")


def load_json(raw: bytes | str, *, lenient: bool = False) -> Any:
    """Parse ``raw`` within the limits above (see module doc). Raises ``BadJson`` (or
    ``json.JSONDecodeError`` / ``UnicodeDecodeError`` for text that is not JSON at all)."""
    try:
        data = json.loads(raw, parse_int=_number, parse_float=_number, parse_constant=_constant)
    except RecursionError:
        raise BadJson(f"nested deeper than {MAX_DEPTH} levels") from None
    return _Walker(lenient).walk(data, [], 0, None)
