"""The validated shape of ``ai_trigger.throttle_rules`` (ARCHITECTURE section 5)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class ThrottleRules(BaseModel):
    """``{"maxRuns": 1, "windowSeconds": 3600, "scope": "ticket", "debounceSeconds": 20,
    "openTicketOnly": true}``; all optional."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    max_runs: int | None = Field(default=None, alias="maxRuns", ge=1, le=10_000)
    window_seconds: int | None = Field(default=None, alias="windowSeconds", ge=1, le=31 * 24 * 3600)
    scope: Literal["ticket", "contact", "organization"] = "ticket"
    debounce_seconds: int | None = Field(default=None, alias="debounceSeconds", ge=1, le=3600)
    # The agent's purpose needs an open ticket: on a WON/LOST ticket the match is recorded SKIPPED.
    open_ticket_only: bool | None = Field(default=None, alias="openTicketOnly")

    @model_validator(mode="after")
    def _pair(self) -> ThrottleRules:
        if (self.max_runs is None) != (self.window_seconds is None):
            raise ValueError("maxRuns e windowSeconds devem ser informados juntos")
        return self

    def to_json(self) -> dict[str, object]:
        return self.model_dump(by_alias=True, exclude_none=True)
