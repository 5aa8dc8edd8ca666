"""The compare screen's heatmap: the district × target grid (tracker.views.compare, which the pack
reads too) as altair's cells, its status legend and its tidy table, and the filters' options.

Status colours, words and icons come only from tracker.statuses; every cell carries the icon, so
colour is never the only cue.
"""
from __future__ import annotations

from typing import Any, Mapping

import altair as alt
import pandas as pd

from components import fmt
from components.charts import Rows, layered
from components.i18n import pick, t
from tracker import statuses
from tracker.views import compare as compare_view

FONT = 14
CELL = 30          # heatmap row height, px


def ink_on(color: str) -> str:
    """Black or white text, whichever reads better on ``color`` (WCAG relative luminance)."""
    rgb = [int(color.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    luminance = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return "#111111" if luminance > 0.2 else "#ffffff"



# --- altair ----------------------------------------------------------------------------------------
# Each builder authors its chart with altair and returns the Vega-Lite dict (``to_dict``); ``spec``
# is what this screen (and the map screen's legend, through charts.swatch_legend) caches once per snapshot, so altair's cost
# (tens of milliseconds a chart) is paid once per import, not per run. Rows shared by every layer of
# a chart sit at its top level (sent once); tests/test_compare.py checks each chart against the
# Vega-Lite schema.


# --- heatmap -------------------------------------------------------------------------------------
def target_label(row: Mapping[str, Any], lang: str) -> str:
    return f"{row['indicator_id']} {pick(row, 'name', lang)}"


_TARGET_FIELDS = ("indicator_id", "name_zh", "name_en", "unit_zh", "unit_en", "comparator", "target_value",
                  "target_high", "direction", "measure", "scope", "aggregation")


def _per_target(frame: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """indicator_id → its catalogue fields (the first row of each target), for texts made once a target."""
    fields = [f for f in _TARGET_FIELDS if f in frame.columns]
    return {r["indicator_id"]: r for r in frame.drop_duplicates("indicator_id")[fields].to_dict("records")}


def _lang_column(frame: pd.DataFrame, field: str, lang: str) -> list[str]:
    """A bilingual column in ``lang`` as text, '' when missing (as ``pick``)."""
    values = frame[f"{field}_{'en' if lang == 'en' else 'zh'}"].tolist()
    return ["" if v is None or v != v else str(v) for v in values]


def cells(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """compare_heatmap rows with what each cell shows: the grid's district name, status and figure
    (tracker.views.compare.heatmap, which the pack reads too), the target's label, the status icon and
    word, its colour and a readable text colour on it. Texts are made once per target or status."""
    grid = compare_view.heatmap(frame, lang)
    shown = pd.DataFrame([(row.indicator_id, cell.area_code, cell.name, cell.status, cell.value_text)
                          for row, cell in grid.cells()],
                         columns=["indicator_id", "area_code", "district", "status", "value_text"])
    out = frame.drop(columns="status").merge(shown, on=["indicator_id", "area_code"], how="left", validate="1:1")
    labels = {i: target_label(r, lang) for i, r in _per_target(frame).items()}
    out["target"] = out["indicator_id"].map(labels)
    codes = out["status"].unique().tolist()
    out["icon"] = out["status"].map({c: statuses.icon(c) for c in codes})
    out["status_text"] = out["status"].map({c: statuses.badge(c, lang) for c in codes})
    out["color"] = out["status"].map({c: statuses.color(c) for c in codes})
    out["ink"] = out["color"].map({c: ink_on(c) for c in out["color"].unique().tolist()})
    return out


def heatmap_chart(view: pd.DataFrame, lang: str) -> dict:
    """Districts across, targets down; each cell coloured by status and marked with its icon.

    Each cell carries only its codes and its value's text; the target's label, the district's name
    and the status's icon, word and colours are looked up from three small tables, so a label is
    sent once, not once per district (a heatmap has hundreds of cells)."""
    data = Rows()
    targets = list(dict.fromkeys(view["target"]))
    districts = list(dict.fromkeys(view.sort_values("area_code")["district"]))
    tables = {
        "targets": ("indicator_id", view[["indicator_id", "target"]].drop_duplicates("indicator_id")),
        "districts": ("area_code", view[["area_code", "district"]].drop_duplicates("area_code")),
        "statuses": ("status", view[["status", "icon", "status_text", "color", "ink"]].drop_duplicates("status")),
    }
    x = alt.X("district", type="nominal", sort=districts, title=None,
              axis=alt.Axis(labelAngle=-45, labelFontSize=FONT, labelLimit=0, labelOverlap=False, orient="top"))
    y = alt.Y("target", type="nominal", sort=targets, title=None,
              axis=alt.Axis(labelFontSize=FONT, labelLimit=230, labelOverlap=False))
    tooltip = [alt.Tooltip("target", type="nominal", title=t("compare.col.indicator", lang)),
               alt.Tooltip("district", type="nominal", title=t("compare.col.district", lang)),
               alt.Tooltip("status_text", type="nominal", title=t("compare.col.status", lang)),
               alt.Tooltip("value_text", type="nominal", title=t("compare.col.value", lang))]
    rect = alt.Chart().mark_rect(stroke="#ffffff", strokeWidth=1.5).encode(
        color=alt.Color("color", type="nominal", scale=None), tooltip=tooltip, x=x, y=y)
    text = alt.Chart().mark_text(fontSize=FONT, fontWeight="bold").encode(
        color=alt.Color("ink", type="nominal", scale=None), text=alt.Text("icon", type="nominal"),
        tooltip=tooltip, x=x, y=y)
    lookups = [alt.LookupTransform(lookup=key, **{"from": alt.LookupData(data(table, name), key=key,
                                                                         fields=[c for c in table.columns if c != key])})
               for name, (key, table) in tables.items()]
    cells = data(view[["indicator_id", "area_code", "status", "value_text"]], "cells")
    about = t("a11y.heatmap", lang, targets=len(targets), districts=len(districts), table=t("compare.table", lang))
    return data.spec(layered([rect, text], alt.Step(CELL), data=cells, transform=lookups, description=about))


def status_legend(view: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per status present, worst first: its colour and 'icon word (count)'."""
    counts = view["status"].value_counts()
    codes = [c for c in statuses.ORDER if c in counts.index]
    return pd.DataFrame({"order": range(len(codes)), "color": [statuses.color(c) for c in codes],
                         "label": [f"{statuses.badge(c, lang)} ({int(counts[c])})" for c in codes]})


def table(view: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The heatmap's data as a tidy table: one row per target and district, labelled in ``lang``."""
    goals = {i: fmt.target(r, lang) for i, r in _per_target(view).items()}
    return pd.DataFrame({
        t("compare.col.indicator_id", lang): view["indicator_id"],
        t("compare.col.indicator", lang): _lang_column(view, "name", lang),
        t("compare.col.area_code", lang): view["area_code"],
        t("compare.col.district", lang): view["district"],
        t("compare.col.year", lang): view["year"].astype("Int64"),
        t("compare.col.value", lang): view["value"],
        t("compare.col.unit", lang): [fmt.unit({"unit_zh": zh, "unit_en": en}, lang)
                                        for zh, en in zip(view["unit_zh"], view["unit_en"])],
        t("compare.col.target", lang): view["indicator_id"].map(goals),
        t("compare.col.status", lang): view["status_text"],
        t("compare.col.progress", lang): view["progress_pct"].round(1),
        **({t("compare.col.time", lang): view["time_pct"].round(1)} if view["time_pct"].notna().any() else {}),
    }).reset_index(drop=True)



# --- filter options --------------------------------------------------------------------------------
def action_choices(actions: pd.DataFrame, frame: pd.DataFrame, lang: str) -> dict[int, str]:
    """action_no → 'Action 12: …' for the actions that have targets with district figures."""
    present = set(frame["action_no"].astype(int))
    return {int(r["action_no"]): t("compare.action_option", lang, no=int(r["action_no"]), name=pick(r, "name", lang))
            for r in actions.to_dict("records") if int(r["action_no"]) in present}


def district_choices(frame: pd.DataFrame, lang: str) -> dict[str, str]:
    """area_code → district name, in code order."""
    rows = frame.drop_duplicates("area_code").sort_values("area_code").to_dict("records")
    return {r["area_code"]: pick(r, "area_name", lang) for r in rows}


def target_choices(frame: pd.DataFrame, lang: str) -> dict[str, str]:
    """indicator_id → 'A12-06 …' for the targets in the heatmap, in its order."""
    return {i: target_label(r, lang) for i, r in _per_target(frame).items()}


def off_track_count(view: pd.DataFrame) -> tuple[int, int]:
    """(cells needing attention, cells) in the heatmap."""
    return int(view["status"].map(statuses.is_off_track).sum()), len(view)

