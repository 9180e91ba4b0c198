"""Daily campaign spend: CSV upload (Studio / CLI) and Marketing API insights sync.

Numbers are Decimal end to end: the CSV parser (``engine.spend_csv.load_spend_csv``) and the Meta
insights rows (which arrive as strings, e.g. ``"spend": "5339.5"``) never pass through float.
The ``copilot spend`` and ``copilot rollup`` commands live in ``engine.cli``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from facebook_business.adobjects.adaccount import AdAccount
from facebook_business.adobjects.adsinsights import AdsInsights
from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from engine.actions.graph import api_for, graph_target, sdk_errors
from engine.config import Settings, get_settings
from engine.errors import InvalidInput
from engine.models import Campaign, CampaignSpend, Organization
from engine.org_settings import MetaSettings, OrgSettings
from engine.spend_csv import SpendRowError, load_spend_csv

MAX_CSV_BYTES = 5 * 1024 * 1024
INSIGHT_FIELDS = [AdsInsights.Field.campaign_id, AdsInsights.Field.campaign_name, AdsInsights.Field.spend,
                  AdsInsights.Field.impressions, AdsInsights.Field.clicks, AdsInsights.Field.date_start,
                  AdsInsights.Field.date_stop, AdsInsights.Field.account_currency]


class SpendError(InvalidInput):
    """Spend import/sync cannot proceed (pt-BR message)."""


@dataclass(frozen=True)
class SpendImport:
    stored: int
    errors: list[SpendRowError] = field(default_factory=list)


@dataclass(frozen=True)
class SpendSync:
    rows: int
    campaigns: int
    total: Decimal
    currency: str | None
    skipped: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SpendRow:
    day: date
    campaign: str
    spend: Decimal
    currency: str
    impressions: int | None
    clicks: int | None
    source: str


def _org(session: Session, organization_id: uuid.UUID) -> Organization:
    org = session.get(Organization, organization_id)
    if org is None:
        raise SpendError(f"organização {organization_id} não encontrada")
    return org


def import_spend_csv(session: Session, *, organization_id: uuid.UUID, data: bytes | str) -> SpendImport:
    """Validate and upsert a spend CSV. Good rows are stored; each bad row comes back with its line."""
    if isinstance(data, bytes):
        if len(data) > MAX_CSV_BYTES:
            raise SpendError("arquivo grande demais (máx. 5 MB)")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("latin-1")  # Excel pt-BR often saves Windows-1252/latin-1
    else:
        text = data
    if not text.strip():
        raise SpendError("arquivo vazio")
    stored, errors = load_spend_csv(session, org=_org(session, organization_id), text=text)
    session.flush()
    return SpendImport(stored, errors)


def list_spend(session: Session, *, organization_id: uuid.UUID, since: date | None = None,
               until: date | None = None, limit: int = 2000) -> list[SpendRow]:
    """Daily spend rows of the organisation, newest first."""
    stmt = (select(CampaignSpend.day, Campaign.name, CampaignSpend.spend, CampaignSpend.currency,
                   CampaignSpend.impressions, CampaignSpend.clicks, CampaignSpend.source)
            .join(Campaign, Campaign.id == CampaignSpend.campaign_id)
            .where(CampaignSpend.organization_id == organization_id, Campaign.organization_id == organization_id))
    if since:
        stmt = stmt.where(CampaignSpend.day >= since)
    if until:
        stmt = stmt.where(CampaignSpend.day <= until)
    stmt = stmt.order_by(CampaignSpend.day.desc(), Campaign.name).limit(limit)
    return [SpendRow(r.day, r.name, r.spend, r.currency, r.impressions, r.clicks, r.source)
            for r in session.execute(stmt)]


def spend_bounds(session: Session, *, organization_id: uuid.UUID) -> tuple[date | None, date | None]:
    row = session.execute(select(func.min(CampaignSpend.day), func.max(CampaignSpend.day))
                          .where(CampaignSpend.organization_id == organization_id)).one()
    return row[0], row[1]


def _decimal(value: Any) -> Decimal:
    try:
        d = Decimal(str(value if value not in (None, "") else "0"))
    except InvalidOperation:
        raise ValueError(f"gasto inválido da Meta: {value!r}") from None
    if not d.is_finite() or d < 0:
        raise ValueError(f"gasto inválido da Meta: {value!r}")
    return d


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, str | int) and str(value).isdigit() else None


def fetch_insights(meta: MetaSettings, account: str | None, since: date, until: date,
                   settings: Settings | None = None) -> list[dict[str, Any]]:
    """GET act_{id}/insights (level campaign, one row per day) through the SDK cursor (follows paging)."""
    target = graph_target(meta, settings)
    if target is None or not account:
        raise SpendError("configure o token de acesso e o ad account id (Integração Meta) para sincronizar")
    account_id = account if account.startswith("act_") else f"act_{account}"
    params = {"level": AdsInsights.Level.campaign, "time_increment": 1,
              "time_range": {"since": since.isoformat(), "until": until.isoformat()}}
    with sdk_errors():
        cursor = AdAccount(account_id, api=api_for(target)).get_insights(fields=INSIGHT_FIELDS, params=params)
        return [dict(row.export_all_data()) for row in cursor]


def sync_spend(session: Session, *, organization_id: uuid.UUID, since: date, until: date,
               settings: Settings | None = None) -> SpendSync:
    """Pull daily spend per campaign from the Marketing API and upsert it (source 'meta').

    Raises SpendError (missing settings, bad period) or GraphError (Meta's answer)."""
    if until < since:
        raise SpendError("o período termina antes de começar")
    if (until - since).days > 92:
        raise SpendError("período longo demais: sincronize no máximo 93 dias por vez")
    org = _org(session, organization_id)
    meta = OrgSettings.load(org.settings).meta
    settings = settings or get_settings()
    account = meta.ad_account_id or ("sandbox" if settings.meta_sandbox else None)
    rows = fetch_insights(meta, account, since, until, settings)
    campaigns_by_ext = {c.external_id: c for c in session.scalars(
        select(Campaign).where(Campaign.organization_id == organization_id, Campaign.external_id.is_not(None)))}
    campaigns_by_name = {c.name: c for c in session.scalars(
        select(Campaign).where(Campaign.organization_id == organization_id))}
    total, stored, currency, skipped = Decimal("0"), 0, None, []
    touched: set[uuid.UUID] = set()
    for r in rows:
        ext, name = str(r.get("campaign_id") or ""), str(r.get("campaign_name") or "").strip()
        try:
            day = date.fromisoformat(str(r.get("date_start")))
            spend = _decimal(r.get("spend"))
        except ValueError as err:
            skipped.append(f"{name or ext}: {err}")
            continue
        camp = campaigns_by_ext.get(ext) or campaigns_by_name.get(name)
        if camp is None:
            camp = Campaign(organization_id=organization_id, name=name or f"campanha {ext}", external_id=ext or None)
            session.add(camp)
            session.flush()
            campaigns_by_name[camp.name] = camp
        elif ext and camp.external_id != ext:
            camp.external_id = ext
        if ext:
            campaigns_by_ext[ext] = camp
        currency = str(r.get("account_currency") or "BRL").upper()[:3]
        stmt = insert(CampaignSpend).values(
            organization_id=organization_id, campaign_id=camp.id, day=day, spend=spend.quantize(Decimal("0.01")),
            currency=currency, impressions=_int(r.get("impressions")), clicks=_int(r.get("clicks")), source="meta")
        session.execute(stmt.on_conflict_do_update(
            index_elements=["campaign_id", "day"],
            set_={"spend": stmt.excluded.spend, "impressions": stmt.excluded.impressions,
                  "clicks": stmt.excluded.clicks, "currency": stmt.excluded.currency, "source": "meta"}))
        total += spend
        stored += 1
        touched.add(camp.id)
    session.flush()
    return SpendSync(rows=stored, campaigns=len(touched), total=total, currency=currency, skipped=skipped)
