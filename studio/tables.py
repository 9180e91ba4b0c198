"""Tables as the Studio shows them in pt-BR, and their CSV export (rendering only, no SQL).

A table keeps its numbers as numbers (sorting works) and displays them formatted by
``engine.locale_br`` (R$ 1.234,56, 33 %, dd/mm/aaaa). Its export holds the same columns and values
in the CSV a Brazilian office opens (``;``, decimal comma, UTF-8 with BOM), plus any export-only
columns (e.g. costs in US$).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from engine import locale_br

ROW_PX, HEADER_PX, MAX_AUTO_ROWS = 35, 35, 12  # st.dataframe's row height; taller tables scroll


@dataclass(frozen=True)
class Col:
    """One column: its pt-BR header, how a number is displayed (``fmt``; the value stays a number)
    and, for codes, their pt-BR labels (``labels``; the label replaces the code, in the export too)."""

    label: str
    fmt: Callable[[Any], str] | None = None
    labels: Mapping[Any, str] | None = None


def money(label: str) -> Col:
    return Col(label, locale_br.money)


def percent(label: str) -> Col:
    return Col(label, locale_br.percent)


def integer(label: str) -> Col:
    return Col(label, locale_br.number)


def decimal(label: str, digits: int = 1) -> Col:
    return Col(label, lambda v: locale_br.number(v, digits))


def day(label: str) -> Col:
    return Col(label, locale_br.day)


def labelled(label: str, labels: Mapping[Any, str]) -> Col:
    """A code shown by its pt-BR label (e.g. a loss reason)."""
    return Col(label, labels=labels)


def shown_frame(df: pd.DataFrame, cols: Mapping[str, Col]) -> pd.DataFrame:
    """``df``'s columns in ``cols`` order, renamed to their pt-BR headers, codes replaced by labels."""
    out = df[list(cols)].copy()
    for k, c in cols.items():
        if c.labels is not None:
            out[k] = out[k].map(lambda v, m=c.labels: m.get(v, v))
    return out.rename(columns={k: c.label for k, c in cols.items()}).reset_index(drop=True)


def fit_height(rows: int, max_rows: int = MAX_AUTO_ROWS) -> int:
    """A table height that fits ``rows`` rows (no empty panel), scrolling beyond ``max_rows``."""
    return HEADER_PX + ROW_PX * max(1, min(rows, max_rows)) + 2


def show(df: pd.DataFrame, cols: Mapping[str, Col], *, key: str, max_rows: int = MAX_AUTO_ROWS) -> pd.DataFrame:
    """Render ``df`` with pt-BR headers and formats; returns the frame shown (its values)."""
    shown = shown_frame(df, cols)
    fmts = {c.label: c.fmt for c in cols.values() if c.fmt is not None}
    for label in fmts:  # a number column with gaps: None -> NaN, so the grid shows the format's '—'
        if shown[label].dtype == object and shown[label].map(lambda v: v is None or isinstance(v, int | float)).all():
            shown[label] = shown[label].astype(float)
    st.dataframe(shown.style.format(fmts, na_rep=locale_br.DASH), hide_index=True, key=key,
                 height=fit_height(len(shown), max_rows), placeholder=locale_br.DASH)
    return shown


def export_button(shown: pd.DataFrame, *, name: str, key: str, file_stem: str,
                  extra: Mapping[str, pd.Series] | None = None) -> None:
    """A download button with ``shown`` (and ``extra`` export-only columns) as a pt-BR CSV."""
    data = shown.assign(**dict(extra or {})) if extra else shown
    payload = locale_br.csv_bytes(list(data.columns), data.itertuples(index=False, name=None))
    st.download_button(f"Exportar CSV — {name}", payload, file_name=f"{file_stem}.csv", mime="text/csv",
                       key=f"{key}_csv", icon=":material/download:")


def table(df: pd.DataFrame, cols: Mapping[str, Col], *, name: str, key: str, file_stem: str,
          extra: Mapping[str, pd.Series] | None = None) -> pd.DataFrame:
    """``show`` + ``export_button``: the table and its CSV hold the same columns and values."""
    shown = show(df, cols, key=f"{key}_table")
    export_button(shown, name=name, key=key, file_stem=file_stem, extra=extra)
    return shown


def stem(prefix: str, date_from: date, date_to: date) -> str:
    return f"{prefix}-{date_from:%Y%m%d}-{date_to:%Y%m%d}"
