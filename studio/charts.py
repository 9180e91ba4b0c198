"""Plotly charts in pt-BR for the Studio: locale (months, separators), date axes without hour or
millisecond ticks, readable money and percent axes, and the date basis stated under each chart."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from engine import locale_br

DAY_MS = 86_400_000
MAX_DATE_TICKS = 10


def day_axis(fig: go.Figure, days: pd.Series, axis: str = "x") -> go.Figure:
    """A date axis with one tick per day (or per N days when there are many): never hours or
    milliseconds, even for a one-day series; labels dd/mm/aaaa."""
    values = pd.to_datetime(days)
    span = int((values.max() - values.min()).days) + 1 if len(values) else 1
    step = max(1, math.ceil(span / MAX_DATE_TICKS))
    update: dict[str, Any] = {"type": "date", "tickformat": locale_br.PLOTLY_DATE, "dtick": step * DAY_MS,
                              "hoverformat": locale_br.PLOTLY_DATE}
    if span <= 2:  # pad a one- or two-day series by half a day each side, so the tick sits centred
        update["range"] = [values.min() - pd.Timedelta(hours=12), values.max() + pd.Timedelta(hours=12)]
    (fig.update_xaxes if axis == "x" else fig.update_yaxes)(**update)
    return fig


def money_axis(fig: go.Figure, axis: str = "y") -> go.Figure:
    """R$ ticks with pt-BR separators (the layout's separators turn ',.2f' into 1.234,56)."""
    (fig.update_yaxes if axis == "y" else fig.update_xaxes)(tickprefix="R$ ", tickformat=",.0f")
    return fig


def show(fig: go.Figure, *, basis: str, key: str, height: int | None = None) -> None:
    """The chart in pt-BR and, under it, the date basis it counts on."""
    fig.update_layout(separators=locale_br.PLOTLY_SEPARATORS, margin={"l": 10, "r": 10, "t": 48, "b": 10},
                      legend_title_text="", height=height)
    st.plotly_chart(fig, width="stretch", config=locale_br.PLOTLY_CONFIG, key=key)
    st.caption(f"📅 Base: {basis}")
