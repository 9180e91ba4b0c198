"""Service functions behind the Studio's "Integração Meta" page (DIRECTOR only).

Values are validated by ``OrgSettings`` before they are saved into ``organization.settings``; the
access token is never shown back (masked), and an empty token field keeps the stored one.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.errors import InvalidInput
from engine.locale_br import parse_number
from engine.models import Organization, Role
from engine.org_settings import OrgSettings
from engine.vault import mask, seal, unseal

ID_FIELDS = ("dataset_id", "waba_id", "page_id", "audience_id", "ad_account_id")
ID_FIELD_CHOICES = {"whatsapp_business_account_id": "WABA id (whatsapp_business_account_id)",
                    "page_id": "Page id (page_id)", "both": "Os dois"}
FIELD_LABELS = {"dataset_id": "Dataset id", "access_token": "Token de acesso", "waba_id": "WABA id",
                "page_id": "Page id", "audience_id": "Id da audiência", "ad_account_id": "Ad account id",
                "test_event_code": "test_event_code", "user_data_id_field": "Campo de id em user_data",
                "capi_auto_apply": "Aplicar o Auditor CAPI automaticamente",
                "meta_automatic_events": "Meta Automatic Events ligado (a Meta detecta as compras sozinha)",
                "ghosting_auto_apply_risk": "Risco mínimo para auto-aplicar a Sentinela",
                "alert_min_lost": "Mínimo de conversas perdidas para alertar",
                "alert_reason_share": "Parcela mínima de um motivo para alertar",
                "alert_window_days": "Janela do alerta (dias de conversas perdidas)",
                "usd_brl_rate": "Cotação do dólar (R$ por US$ 1)"}


class MetaSettingsError(InvalidInput):
    """Invalid settings or a forbidden change (pt-BR message naming the field)."""


@dataclass(frozen=True)
class MetaForm:
    """What the page shows: the stored values, with the token masked."""

    dataset_id: str
    token_mask: str
    has_token: bool
    waba_id: str
    page_id: str
    user_data_id_field: str
    audience_id: str
    ad_account_id: str
    test_event_code: str
    capi_auto_apply: bool
    ghosting_auto_apply_risk: float | None
    alert_min_lost: int
    alert_reason_share: float
    alert_window_days: int = 1
    meta_automatic_events: bool = False
    usd_brl_rate: float = 5.0


def _org(session: Session, organization_id: uuid.UUID, *, lock: bool = False) -> Organization:
    stmt = select(Organization).where(Organization.id == organization_id)
    org = session.scalar(stmt.with_for_update() if lock else stmt)
    if org is None:
        raise MetaSettingsError("organização não encontrada")
    return org


def load_form(session: Session, *, organization_id: uuid.UUID) -> MetaForm:
    s = OrgSettings.load(_org(session, organization_id).settings)
    m = s.meta
    return MetaForm(dataset_id=m.dataset_id or "", token_mask=mask(unseal(m.access_token)), has_token=bool(m.access_token),
                    waba_id=m.waba_id or "", page_id=m.page_id or "", user_data_id_field=m.user_data_id_field,
                    audience_id=m.audience_id or "", ad_account_id=m.ad_account_id or "",
                    test_event_code=m.test_event_code or "", capi_auto_apply=s.capi_auto_apply,
                    ghosting_auto_apply_risk=s.ghosting_auto_apply_risk, alert_min_lost=s.alert_min_lost,
                    alert_reason_share=s.alert_reason_share, alert_window_days=s.alert_window_days,
                    meta_automatic_events=s.meta_automatic_events, usd_brl_rate=s.usd_brl_rate)


def _clean_id(name: str, value: Any) -> str | None:
    v = str(value or "").strip()
    if not v:
        return None
    if name == "ad_account_id":
        v = v.removeprefix("act_")
    if not re.fullmatch(r"\d{3,32}", v):
        raise MetaSettingsError(f"{FIELD_LABELS[name]}: use só dígitos (ex.: 102290129340398), não '{v}'")
    return v


def save_form(session: Session, *, organization_id: uuid.UUID, role: Role, values: dict[str, Any],
              clear_token: bool = False) -> MetaForm:
    """Validate and store the Meta settings and closed-loop policies. Only a DIRECTOR may save."""
    if role is not Role.DIRECTOR:
        raise MetaSettingsError("somente a diretoria pode alterar a integração com a Meta")
    org = _org(session, organization_id, lock=True)
    raw = dict(org.settings or {})
    current = OrgSettings.load(raw)
    meta = current.meta.model_dump()
    for name in ID_FIELDS:
        if name in values:
            meta[name] = _clean_id(name, values[name])
    token = str(values.get("access_token") or "").strip()
    if clear_token:
        meta["access_token"] = None
    elif token and token != mask(unseal(current.meta.access_token)):
        if len(token) < 20 or any(c.isspace() for c in token):
            raise MetaSettingsError("Token de acesso: cole o token completo (sem espaços)")
        meta["access_token"] = seal(token)  # encrypted at rest when SECRETS_KEY is set
    if "test_event_code" in values:
        meta["test_event_code"] = str(values["test_event_code"] or "").strip() or None
    if "user_data_id_field" in values:
        meta["user_data_id_field"] = values["user_data_id_field"]
    raw["meta"] = meta
    if isinstance(values.get("usd_brl_rate"), str):  # typed as text: '5,43' (pt-BR) or '5.43'
        try:
            values = values | {"usd_brl_rate": float(parse_number(values["usd_brl_rate"]))}
        except ValueError as err:
            raise MetaSettingsError(f"{FIELD_LABELS['usd_brl_rate']}: {err}") from None
    for name in ("capi_auto_apply", "ghosting_auto_apply_risk", "alert_min_lost", "alert_reason_share",
                 "alert_window_days", "meta_automatic_events", "usd_brl_rate"):
        if name in values:
            raw[name] = values[name]
    try:
        validated = OrgSettings.validate_for_write(raw)
    except ValidationError as err:
        first = err.errors()[0]
        field = str(first["loc"][-1]) if first.get("loc") else "?"
        raise MetaSettingsError(f"{FIELD_LABELS.get(field, field)}: {first['msg']}") from None
    org.settings = validated.model_dump(mode="json")
    session.flush()
    return load_form(session, organization_id=organization_id)
