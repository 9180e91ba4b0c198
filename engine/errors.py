"""The engine's error base. Every error the engine raises on purpose (bad input, a missing record, a
refused decision, a failed model call) derives from ``CopilotError`` and carries a pt-BR
``user_message`` a page can show as it is. Pages catch ``CopilotError`` only: anything else is a
programming error and surfaces as such (Streamlit's error box, a 500 in the API, a failed job).

Some subclasses also derive from ``ValueError`` or ``LookupError`` where callers outside the pages
(the CLI, tests, the worker's poison classification) rely on that meaning.
"""

from __future__ import annotations


class CopilotError(Exception):
    """An expected failure with a message for people (pt-BR)."""

    def __init__(self, message: str = "", *, user_message: str | None = None) -> None:
        super().__init__(message)
        self.user_message = user_message if user_message is not None else message

    def __str__(self) -> str:  # keep str(err) equal to the message given (as before the base existed)
        return super().__str__()


class InvalidInput(CopilotError, ValueError):
    """Input that can never succeed as it is (validation): retrying does not help."""


class NotFound(CopilotError, LookupError):
    """A record that does not exist in this organisation."""


class CliError(CopilotError):
    """Bad input to the ``copilot`` command: printed as one line, exit code 2 (here, at the bottom, so
    modules that register subcommands need not import engine.cli back)."""
