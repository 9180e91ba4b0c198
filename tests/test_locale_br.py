"""engine.locale_br: pt-BR formats and vocabulary (pure, no database)."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from engine import locale_br as br
from engine.models import ActionLogStatus, TicketStatus
from engine.templates import CONCERN, TEMPLATE_KEYS, get_template


def test_money_number_percent():
    assert br.money(13793.59) == "R$ 13.793,59"
    assert br.money(Decimal("1234.5")) == "R$ 1.234,50"
    assert br.money(0) == "R$ 0,00"
    assert br.money(-5.5) == "-R$ 5,50"
    assert br.money(0.0123, "USD", digits=4) == "US$ 0,0123"
    assert br.money(None) == br.money(float("nan")) == "—"
    assert br.number(1234567) == "1.234.567" and br.number(82.04, 1) == "82,0"
    assert br.percent(1 / 3) == "33 %" and br.percent(0.5) == "50 %" and br.percent(1) == "100 %"
    assert br.percent(0.12345, 1) == "12,3 %" and br.percent(None) == "—"


def test_dates_in_the_organisation_timezone():
    moment = datetime(2026, 8, 29, 2, 30, tzinfo=UTC)
    sp = ZoneInfo("America/Sao_Paulo")
    assert br.day(date(2026, 8, 4)) == "04/08/2026"
    assert br.day(moment, sp) == "28/08/2026"  # still the 28th in São Paulo
    assert br.moment(moment, sp) == "28/08/2026 23:30"
    assert br.date_range(date(2026, 7, 30), date(2026, 8, 28)) == "30/07/2026 a 28/08/2026"


def test_one_reason_vocabulary_covers_the_concern_enum():
    for code in (*CONCERN, "NO_RESPONSE", br.UNANALYSED):
        assert br.reason_label(code) != code  # every code has a pt-BR label
    assert br.reason_label("COMPETITOR") == "Concorrência"
    assert br.reason_label(None) == "Não analisada"


def test_statuses_are_translated():
    assert br.TICKET_STATUS_LABELS[TicketStatus.WON] == "Ganho"
    assert br.ACTION_STATUS_LABELS[ActionLogStatus.SENT] == "enviada"
    assert br.ACTION_KIND_LABELS["capi_event"] != "capi_event"


def test_every_template_field_has_a_readable_label():
    for key in TEMPLATE_KEYS:
        for f in get_template(key).fields:
            label = br.field_label(f.field_name)
            assert label != f.field_name and label in br.FIELD_LABELS.values(), label
    assert br.field_label("clientBirthMonth") == "Client birth month"  # a custom field: un-camelCased


def test_parse_number_accepts_brazilian_and_dot_decimals():
    assert br.parse_number("5,43") == Decimal("5.43")
    assert br.parse_number("1.234,56") == Decimal("1234.56")
    assert br.parse_number("R$ 5,43") == Decimal("5.43")
    assert br.parse_number("5.43") == Decimal("5.43")
    with pytest.raises(ValueError, match="não é um número"):
        br.parse_number("cinco")


def test_usd_to_brl():
    assert br.usd_to_brl(0.0123, 5.43) == Decimal("0.07")
    assert br.usd_to_brl(None, 5) is None


def test_csv_is_semicolon_decimal_comma_utf8_bom_and_reads_back():
    frame = pd.DataFrame({"Campanha": ["Agosto_Botox", "Laser; Promo"], "Gasto": [13793.59, 0.1],
                          "Taxa de perda": [1 / 3, 0.0], "Conversas": [12, 1], "Dia": [date(2026, 8, 4)] * 2,
                          "Ação": ["Aplicado", None]})
    data = br.csv_bytes(list(frame.columns), frame.itertuples(index=False, name=None))
    assert data.startswith(b"\xef\xbb\xbf")
    first = data[3:].decode().splitlines()
    assert first[0] == "Campanha;Gasto;Taxa de perda;Conversas;Dia;Ação"
    assert first[1] == "Agosto_Botox;13793,59;0,3333333333333333;12;2026-08-04;Aplicado"
    back = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig", parse_dates=["Dia"])
    pd.testing.assert_frame_equal(back.drop(columns=["Dia", "Ação"]), frame.drop(columns=["Dia", "Ação"]))
    assert back["Campanha"][1] == "Laser; Promo"  # the separator inside a value is quoted
    assert back["Dia"].dt.date.tolist() == frame["Dia"].tolist() and pd.isna(back["Ação"][1])


def test_csv_lines_stream_one_chunk_per_row():
    chunks = list(br.csv_lines(["a"], ([i] for i in range(3))))
    assert len(chunks) == 4 and chunks[0] == b"\xef\xbb\xbfa\r\n" and chunks[-1] == b"2\r\n"


def test_plotly_locale_is_portuguese():
    fmt = br.PLOTLY_LOCALE["format"]
    assert fmt["months"][7] == "agosto" and fmt["shortMonths"][1] == "fev" and fmt["decimal"] == ","
    assert br.PLOTLY_CONFIG["locale"] == "pt-BR" and "pt-BR" in br.PLOTLY_CONFIG["locales"]
