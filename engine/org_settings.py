"""Typed per-organisation settings, stored in ``organization.settings`` (JSONB)."""

from __future__ import annotations

import logging
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

log = logging.getLogger(__name__)
_reported: set[str] = set()  # unknown keys already logged by this process (logged once each)


class MetaSettings(BaseModel):
    """Meta Ads ids for the closed loop. Unset ids disable the matching action (never guessed)."""

    model_config = ConfigDict(extra="forbid")

    dataset_id: str | None = None
    access_token: str | None = None
    waba_id: str | None = None
    page_id: str | None = None
    # Which user_data id Meta requires for business_messaging is UNCONFIRMED: configurable.
    user_data_id_field: str = Field(default="whatsapp_business_account_id",
                                    pattern="^(whatsapp_business_account_id|page_id|both)$")
    audience_id: str | None = None
    ad_account_id: str | None = None
    test_event_code: str | None = None


class OrgSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    timezone: str = "America/Sao_Paulo"
    # Country code given to national phone numbers from the CRM, e.g. "(11) 98765-4321" -> 55...
    default_country: str = Field(default="55", pattern=r"^[1-9]\d{0,2}$")
    inactivity_minutes: int = Field(default=120, ge=1, le=60 * 24 * 14)
    sla_minutes: int = Field(default=15, ge=1, le=24 * 60)
    business_hours_start: int = Field(default=8, ge=0, le=23)
    business_hours_end: int = Field(default=20, ge=1, le=24)
    business_days: list[int] = Field(default_factory=lambda: [0, 1, 2, 3, 4, 5])  # Monday=0
    # Monthly model budgets in R$ (None = no limit): the whole organisation, and per copilot (agent id).
    monthly_budget_brl: float | None = Field(default=None, ge=0)
    agent_budgets_brl: dict[str, float] = Field(default_factory=dict)
    # Closed loop policies
    ghosting_auto_apply_risk: float | None = Field(default=None, ge=0, le=100)
    capi_auto_apply: bool = False
    # Meta Automatic Events on: Meta itself detects Purchase in click-to-WhatsApp threads, so the CAPI
    # auditor does not send Purchase events (it still flags value corrections for review).
    meta_automatic_events: bool = False
    alert_min_lost: int = Field(default=5, ge=1)
    alert_reason_share: float = Field(default=0.6, gt=0, le=1)
    # Days of lost conversations (ending on the roll-up day) an alert looks at; 1 = that day only.
    alert_window_days: int = Field(default=1, ge=1, le=90)
    # Reais per US dollar: model costs are billed in US$ and shown in R$ at this rate (exports keep US$).
    usd_brl_rate: float = Field(default=5.0, gt=0, le=100)
    meta: MetaSettings = Field(default_factory=MetaSettings)

    @model_validator(mode="after")
    def _hours(self) -> OrgSettings:
        if self.business_hours_end <= self.business_hours_start:
            raise ValueError("business_hours_end must be after business_hours_start")
        if any(d < 0 or d > 6 for d in self.business_days):
            raise ValueError("business_days are 0 (Monday) to 6 (Sunday)")
        return self

    @classmethod
    def load(cls, raw: dict[str, Any] | None) -> OrgSettings:
        """Lenient read of stored settings: keys this version does not know (a removed setting, or
        one written by a newer version during a rolling deploy) are ignored and logged once. Values
        are still validated. Writes go through ``validate_for_write``, which refuses unknown keys."""
        data = dict(raw or {})
        for name in [k for k in data if k not in cls.model_fields]:
            _report_unknown(name)
            data.pop(name)
        meta = data.get("meta")
        if isinstance(meta, dict):
            data["meta"] = {k: v for k, v in meta.items() if k in MetaSettings.model_fields or _report_unknown(f"meta.{k}")}
        return cls.model_validate(data)

    @classmethod
    def validate_for_write(cls, raw: dict[str, Any]) -> OrgSettings:
        """Strict validation before storing settings: unknown keys are an error."""
        return cls.model_validate(raw)


def _report_unknown(name: str) -> bool:
    if name not in _reported:
        _reported.add(name)
        log.warning("organization.settings: unknown key %r ignored (removed or newer setting)", name)
    return False
