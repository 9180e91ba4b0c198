"""pt-BR presentation: the one place that formats money, numbers, percentages and dates, and names
the business vocabulary (loss reasons, statuses, template fields) for every Studio page.

Pure functions and constants: no database, no Streamlit. Formats follow what a Brazilian office
expects: ``R$ 1.234,56``, ``33 %``, ``dd/mm/aaaa``, CSV with ``;`` and a decimal comma (Excel pt-BR).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, tzinfo
from decimal import Decimal
from typing import Any

from engine.models import ActionLogStatus, ActionStatus, RunStatus, TicketStatus

DASH = "—"
CURRENCY_SYMBOLS = {"BRL": "R$", "USD": "US$", "EUR": "€"}
UNANALYSED = "NAO_ANALISADA"  # a lost conversation no traffic_feedback insight explained (yet)

# ------------------------------------------------------------------------------ vocabulary
# The Concern enum (TEMPLATES.md) + NO_RESPONSE (lossReason) + the unanalysed bucket: one label each.
REASON_LABELS: dict[str, str] = {
    "PRICE": "Preço", "RECOVERY_TIME": "Tempo de recuperação", "FEAR_PAIN": "Medo de dor",
    "TRUST": "Confiança", "COMPETITOR": "Concorrência", "SCHEDULE": "Agenda",
    "RESULTS_DOUBT": "Dúvida no resultado", "PAYMENT_METHOD": "Forma de pagamento", "OTHER": "Outro motivo",
    "NONE": "Sem objeção", "NO_RESPONSE": "Sem resposta", UNANALYSED: "Não analisada",
    "UNKNOWN": "Não analisada",
}
TICKET_STATUS_LABELS: dict[TicketStatus, str] = {
    TicketStatus.OPEN: "Aberto", TicketStatus.WON: "Ganho", TicketStatus.LOST: "Perdido",
}
INSIGHT_STATUS_LABELS: dict[ActionStatus, str] = {
    ActionStatus.SUGGESTION: "Sugestão", ActionStatus.APPLIED: "Aplicado", ActionStatus.DISMISSED: "Descartado",
}
ACTION_STATUS_LABELS: dict[ActionLogStatus, str] = {
    ActionLogStatus.PENDING: "pendente", ActionLogStatus.SENT: "enviada",
    ActionLogStatus.FAILED: "falhou", ActionLogStatus.SKIPPED: "ignorada",
}
ACTION_KIND_LABELS: dict[str, str] = {
    "capi_event": "Evento CAPI (Meta)",
    "audience_add": "Público de retargeting (adicionar)",
    "audience_remove": "Público de retargeting (remover)",
}
RUN_STATUS_LABELS: dict[RunStatus, str] = {
    RunStatus.SUCCEEDED: "Sucesso", RunStatus.FAILED: "Falha", RunStatus.THROTTLED: "Limitada",
    RunStatus.SKIPPED: "Ignorada",
}
# Readable names of the built-in templates' fields (TEMPLATES.md); other fields are un-camelCased.
FIELD_LABELS: dict[str, str] = {
    "lossReason": "Motivo da perda", "leadQualified": "Lead qualificado", "campaignMismatch": "Anúncio desalinhado",
    "evidence": "Evidência", "hesitationDetected": "Hesitação detectada", "concern": "Preocupação",
    "tip": "Dica ao vendedor", "suggestedReply": "Resposta sugerida", "persona": "Persona",
    "lifeStage": "Fase de vida", "decisionDriver": "Motivo da compra", "traits": "Traços",
    "ageRange": "Faixa etária", "ghostingRisk": "Risco de ghosting", "lastLeadIntent": "Última intenção do lead",
    "rescueMessage": "Mensagem de resgate", "addToRetargeting": "Adicionar ao retargeting",
    "purchaseConfirmed": "Compra confirmada", "purchaseValue": "Valor da compra", "currency": "Moeda",
    "alreadyRegistered": "Já registrada como ganho", "overallScore": "Nota geral", "summary": "Resumo",
    "slaMet": "SLA cumprido", "firstResponseMinutes": "Minutos até a primeira resposta",
    "empathyScore": "Nota de empatia", "persuasionTriggers": "Gatilhos de persuasão",
    "improvementTip": "Dica de melhoria",
    "confidence": "Confiança",
}


def reason_label(code: str | None) -> str:
    """'Concorrência' for COMPETITOR; unknown codes are shown as they are."""
    if not code:
        return REASON_LABELS[UNANALYSED]
    return REASON_LABELS.get(code, code)


def field_label(name: str) -> str:
    """'Motivo da perda' for lossReason; a custom ``someFieldName`` becomes 'Some field name'."""
    if name in FIELD_LABELS:
        return FIELD_LABELS[name]
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name.replace("_", " ")).split()
    text = " ".join(w.lower() for w in words)
    return text[:1].upper() + text[1:]


# ------------------------------------------------------------------------------ numbers
def _missing(value: Any) -> bool:
    """None, NaN or NaT (both differ from themselves)."""
    return value is None or value != value  # noqa: PLR0124


def number(value: float | int | Decimal | None, digits: int = 0) -> str:
    """'1.234' / '1.234,5': dot for thousands, comma for decimals; '—' when unknown."""
    if value is None or _missing(value):
        return DASH
    text = f"{float(value):,.{digits}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def money(amount: float | int | Decimal | None, currency: str = "BRL", digits: int = 2) -> str:
    """'R$ 1.234,56' (or 'US$ 0,0123' with ``currency='USD', digits=4``); '—' when unknown."""
    if amount is None or _missing(amount):
        return DASH
    symbol = CURRENCY_SYMBOLS.get(currency, currency)
    sign = "-" if float(amount) < 0 else ""
    return f"{sign}{symbol} {number(abs(float(amount)), digits)}"


def percent(share: float | Decimal | None, digits: int = 0) -> str:
    """A 0..1 share as '33 %' (pt-BR writes the sign apart); '—' when unknown."""
    if share is None or _missing(share):
        return DASH
    return f"{number(float(share) * 100, digits)} %"


def parse_number(text: str) -> Decimal:
    """A number typed the Brazilian way or the other: '5,43', '1.234,56', '1234.56', 'R$ 5,43'.

    Raises ValueError (pt-BR message) when it is not a number."""
    raw = re.sub(r"[^\d,.\-]", "", str(text or ""))
    if raw.count(",") + raw.count(".") and raw.rfind(",") > raw.rfind("."):
        raw = raw.replace(".", "").replace(",", ".")  # 1.234,56
    elif raw.count(",") and not raw.count("."):
        raw = raw.replace(",", ".")
    else:
        raw = raw.replace(",", "")  # 1,234.56
    try:
        value = Decimal(raw)
    except ArithmeticError:
        raise ValueError(f"'{text}' não é um número (use, por exemplo, 5,43)") from None
    if not value.is_finite():
        raise ValueError(f"'{text}' não é um número (use, por exemplo, 5,43)")
    return value


def usd_to_brl(amount_usd: float | Decimal | None, rate: float | Decimal) -> Decimal | None:
    """A US$ amount in R$ at the organisation's rate (R$ per US$), to the centavo."""
    if amount_usd is None or _missing(amount_usd):
        return None
    return (Decimal(str(amount_usd)) * Decimal(str(rate))).quantize(Decimal("0.01"))


# ------------------------------------------------------------------------------ dates
def day(value: date | datetime | None, tz: tzinfo | None = None) -> str:
    """'28/08/2026'; an aware datetime is converted to ``tz`` first."""
    if value is None:
        return DASH
    if isinstance(value, datetime) and tz is not None and value.tzinfo is not None:
        value = value.astimezone(tz)
    return f"{value:%d/%m/%Y}"


def moment(value: datetime | None, tz: tzinfo | None = None) -> str:
    """'28/08/2026 14:03' in ``tz`` (the organisation's timezone)."""
    if value is None:
        return DASH
    if tz is not None and value.tzinfo is not None:
        value = value.astimezone(tz)
    return f"{value:%d/%m/%Y %H:%M}"


def date_range(date_from: date, date_to: date) -> str:
    """'01/08/2026 a 28/08/2026'."""
    return f"{day(date_from)} a {day(date_to)}"


# ------------------------------------------------------------------------------ plotly
MONTHS = ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
          "novembro", "dezembro"]
PLOTLY_LOCALE: dict[str, Any] = {
    "moduleType": "locale", "name": "pt-BR",
    "dictionary": {"Autoscale": "Escala automática", "Zoom in": "Ampliar", "Zoom out": "Reduzir",
                   "Reset axes": "Restaurar eixos", "Download plot as a png": "Baixar gráfico como png",
                   "Pan": "Mover", "Zoom": "Zoom", "Box Select": "Seleção retangular",
                   "Lasso Select": "Seleção livre", "Double-click to zoom back out": "Clique duplo para reduzir"},
    "format": {
        "days": ["domingo", "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira",
                 "sábado"],
        "shortDays": ["dom", "seg", "ter", "qua", "qui", "sex", "sáb"],
        "months": MONTHS, "shortMonths": [m[:3] for m in MONTHS],
        "date": "%d/%m/%Y", "decimal": ",", "thousands": ".", "grouping": [3], "currency": ["R$ ", ""],
    },
}
# Pass as ``st.plotly_chart(fig, config=PLOTLY_CONFIG)``: months and UI strings in Portuguese.
PLOTLY_CONFIG: dict[str, Any] = {"locale": "pt-BR", "locales": {"pt-BR": PLOTLY_LOCALE}, "displaylogo": False}
PLOTLY_SEPARATORS = ",."  # layout.separators: decimal comma, dot for thousands
PLOTLY_DATE = "%d/%m/%Y"


# ------------------------------------------------------------------------------ CSV
CSV_SEPARATOR = ";"
CSV_ENCODING = "utf-8-sig"  # UTF-8 with BOM: Excel pt-BR detects the encoding


def _csv_cell(value: Any) -> Any:
    if _missing(value):
        return ""
    if isinstance(value, bool):
        return "sim" if value else "não"
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    if isinstance(value, float):
        return repr(float(value)).replace(".", ",")
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return value


def csv_lines(header: Sequence[str], rows: Iterable[Sequence[Any] | Mapping[str, Any]]) -> Iterator[bytes]:
    """The CSV a Brazilian office opens: ``;`` separated, decimal comma, UTF-8 with BOM, one chunk a line.

    Numbers stay numbers (no thousands dots, no currency sign) so a spreadsheet can add them up;
    ``pandas.read_csv(f, sep=";", decimal=",")`` reads back the values. Dates are ISO
    (aaaa-mm-dd, which Excel and pandas both parse). A generator: callers stream large results."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=CSV_SEPARATOR, lineterminator="\r\n")

    def flush() -> bytes:
        out = buf.getvalue()
        buf.seek(0)
        buf.truncate()
        return out.encode("utf-8")

    writer.writerow(header)
    yield b"\xef\xbb\xbf" + flush()
    for row in rows:
        values = [row[h] for h in header] if isinstance(row, Mapping) else list(row)
        writer.writerow([_csv_cell(v) for v in values])
        yield flush()


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Any] | Mapping[str, Any]]) -> bytes:
    """``csv_lines`` joined (for a table already in memory)."""
    return b"".join(csv_lines(header, rows))
