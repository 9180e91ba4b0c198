"""The daily spend CSV format: ``date,campaign,campaign_id,spend,impressions,clicks,currency``.

Used by the Studio upload and ``copilot spend import`` (through ``engine.spend.import_spend_csv``) and
by the demo seed. Amounts are Decimal end to end (never float). Bad rows come back with their line
number and a pt-BR message; good rows are upserted per campaign and day. Flushes, never commits.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from engine.models import Campaign, CampaignSpend, Organization


@dataclass(frozen=True)
class SpendRowError:
    line: int
    message: str


def parse_amount(raw: str | None) -> Decimal:
    """A money amount as Decimal: ``1234.56``, ``1234,56``, ``1.234,56`` or ``1,234.56``. Raises ValueError."""
    v = (raw or "").strip().replace("R$", "").replace(" ", "")
    if not v:
        raise ValueError("vazio")
    if "," in v and "." in v:  # the last separator is the decimal one
        v = v.replace(".", "").replace(",", ".") if v.rfind(",") > v.rfind(".") else v.replace(",", "")
    elif "," in v:
        v = v.replace(",", ".")
    try:
        d = Decimal(v)
    except InvalidOperation:
        raise ValueError(raw) from None
    if not d.is_finite():
        raise ValueError(raw)
    return d


def _count(raw: str | None, column: str) -> int | None:
    v = (raw or "").strip()
    if not v:
        return None
    if not v.isdigit():
        raise ValueError(f"{column} deve ser um número inteiro, não '{raw}'")
    return int(v)


def load_spend_csv(session: Session, *, org: Organization, text: str, source: str = "csv") -> tuple[int, list[SpendRowError]]:
    """Upsert daily spend rows (date,campaign,campaign_id,spend,impressions,clicks,currency).

    Accepts ',' or ';' as delimiter (Excel pt-BR) and a UTF-8 BOM. Bad rows are reported with their
    line number and skipped (a campaign/day repeated in the file is an error, not a silent overwrite);
    good rows are stored (Decimal)."""
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(text.splitlines(), delimiter=delimiter)
    required = {"date", "campaign", "spend"}
    fields = {(f or "").strip().lower() for f in (reader.fieldnames or [])}
    if not required <= fields:
        return 0, [SpendRowError(1, f"cabeçalho deve ter as colunas {', '.join(sorted(required))} "
                                    f"(encontrado: {', '.join(sorted(f for f in fields if f)) or 'nada'})")]
    errors: list[SpendRowError] = []
    good: list[dict[str, Any]] = []
    seen: dict[tuple[str, date], int] = {}
    campaigns = {c.name: c for c in session.scalars(select(Campaign).where(Campaign.organization_id == org.id))}
    for i, raw_row in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v if isinstance(v, str) else "") for k, v in raw_row.items()}
        if not any(v.strip() for v in row.values()):
            continue  # blank line
        try:
            day = date.fromisoformat((row.get("date") or "").strip())
        except ValueError:
            errors.append(SpendRowError(i, f"data inválida '{row.get('date')}' (use AAAA-MM-DD)"))
            continue
        name = (row.get("campaign") or "").strip()
        if not name:
            errors.append(SpendRowError(i, "campanha vazia"))
            continue
        if len(name) > 200:
            errors.append(SpendRowError(i, "nome da campanha com mais de 200 caracteres"))
            continue
        try:
            spend = parse_amount(row.get("spend"))
        except ValueError:
            errors.append(SpendRowError(i, f"gasto inválido '{row.get('spend')}' (use 1234.56 ou 1.234,56)"))
            continue
        if spend < 0:
            errors.append(SpendRowError(i, f"gasto negativo '{row.get('spend')}'"))
            continue
        currency = (row.get("currency") or "BRL").strip().upper()
        if len(currency) != 3 or not currency.isalpha():
            errors.append(SpendRowError(i, f"moeda inválida '{row.get('currency')}' (código ISO de 3 letras, ex.: BRL)"))
            continue
        try:
            impressions = _count(row.get("impressions"), "impressions")
            clicks = _count(row.get("clicks"), "clicks")
        except ValueError as err:
            errors.append(SpendRowError(i, str(err)))
            continue
        if (name, day) in seen:
            errors.append(SpendRowError(i, f"campanha '{name}' em {day.isoformat()} repetida (já na linha "
                                           f"{seen[(name, day)]})"))
            continue
        seen[(name, day)] = i
        camp = campaigns.get(name)
        if camp is None:
            camp = Campaign(organization_id=org.id, name=name, external_id=(row.get("campaign_id") or "").strip() or None)
            session.add(camp)
            session.flush()
            campaigns[name] = camp

        good.append(dict(organization_id=org.id, campaign_id=camp.id, day=day, spend=spend.quantize(Decimal("0.01")),
                         currency=currency, impressions=impressions, clicks=clicks, source=source))
    # One multi-row upsert per chunk instead of a round trip per row.
    for start in range(0, len(good), 1000):
        stmt = insert(CampaignSpend).values(good[start:start + 1000])
        session.execute(stmt.on_conflict_do_update(
            index_elements=["campaign_id", "day"],
            set_={"spend": stmt.excluded.spend, "impressions": stmt.excluded.impressions,
                  "clicks": stmt.excluded.clicks, "currency": stmt.excluded.currency, "source": stmt.excluded.source}))
    return len(good), errors
