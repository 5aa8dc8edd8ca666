"""The compare screen's district ranking on one target: the districts with a value, best first by the
target's direction (map_district_values' rank_in_city), as a bar chart."""
from __future__ import annotations

from typing import Any, Mapping, Sequence

import altair as alt
import pandas as pd

from components import charts, fmt, theme
from components.charts import Rows, layered
from components.i18n import pick, t
from components.screens.compare.grid import FONT
from tracker import statuses

_num = fmt.finite


def ranking(values: pd.DataFrame, target: Mapping[str, Any], lang: str, districts: Sequence[str] = ()) -> pd.DataFrame:
    """map_district_values' districts with a value, best first by the target's direction."""
    rows = values[(values["kind"] == "district") & values["value"].notna()]
    if districts:
        rows = rows[rows["area_code"].isin(districts)]
    rows = rows.sort_values(["rank_in_city", "area_code"])
    return pd.DataFrame({
        "district": [pick(r, "name", lang) for r in rows.to_dict("records")],
        "value": rows["value"].astype(float),
        "label": [f"{statuses.icon(s)} {fmt.with_unit(v, target, lang)}" for s, v in zip(rows["status"], rows["value"])],
        "color": rows["status"].map(theme.status_graphic),
        "status_text": rows["status"].map(lambda c: statuses.badge(c, lang)),
    }).reset_index(drop=True)


def ranking_chart(rows: pd.DataFrame, target: Mapping[str, Any], lang: str) -> dict:
    """District bars, best on top, coloured by status, the value and icon at each bar's end, the
    target as a dashed line."""
    data = Rows()
    order = rows["district"].tolist()
    goal = _num(target.get("target_value"))
    top = max([v for v in rows["value"].tolist() + [goal or 0] if v is not None] + [0]) * 1.25 or 1
    y = alt.Y("district", type="nominal", sort=order, title=None, axis=alt.Axis(labelFontSize=FONT))
    x = alt.X("value", type="quantitative", title=fmt.unit(target, lang) or None,
              scale=alt.Scale(domain=[0, top]), axis=alt.Axis(labelFontSize=FONT, titleFontSize=FONT))
    tooltip = [alt.Tooltip("district", type="nominal"), alt.Tooltip("status_text", type="nominal"),
               alt.Tooltip("label", type="nominal")]
    bars = alt.Chart().mark_bar(height=20).encode(color=alt.Color("color", type="nominal", scale=None),
                                                  tooltip=tooltip, x=x, y=y)
    text = alt.Chart().mark_text(align="left", color="#262730", dx=4, fontSize=FONT).encode(
        text=alt.Text("label", type="nominal"), tooltip=tooltip, x=x, y=y)
    layers = [bars, text]
    if goal is not None and target.get("comparator") in (">=", "<=", "range"):
        line = [{"goal": goal, "text": t("compare.target_line", lang, v=fmt.with_unit(goal, target, lang))}]
        at = alt.X("goal", type="quantitative")
        layers += [alt.Chart(data(line, "goal")).mark_rule(color="#111827", strokeDash=[6, 4], strokeWidth=2)
                   .encode(x=at),
                   alt.Chart(data(line, "goal_label")).mark_text(align="left", color="#111827", dx=4, dy=-6,
                                                                   fontSize=FONT)
                   .encode(text=alt.Text("text", type="nominal"), x=at, y=alt.value(0))]
    districts = data(rows[["district", "value", "label", "color", "status_text"]], "districts")
    about = t("a11y.ranking", lang, rows=charts.listed(
        [f"{d} {label} ({s})" for d, label, s in zip(rows["district"], rows["label"], rows["status_text"])], lang))
    return data.spec(layered(layers, alt.Step(32), data=districts, description=about))

