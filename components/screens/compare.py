"""The compare screen: the district × target status heatmap, district rankings and the disparity
lens, authored with altair over frames shaped here. The functions at the end derive each piece once
per snapshot for every session (``@data.per_snapshot``); results are read-only.

Status colours, words and icons come only from tracker.statuses; every cell carries the icon, so
colour is never the only cue.
"""
from __future__ import annotations

from typing import Any, Mapping, Sequence

import altair as alt
import pandas as pd

from components import charts, data, fmt, maps, paging, provenance, theme
from components.charts import Rows, layered
from components.i18n import pick, t
from components.safe import md
from tracker import statuses

FONT = 14
CELL = 30          # heatmap row height, px
NARROWING, WIDENING = "#0072B2", "#D55E00"  # Okabe–Ito blue and vermilion, with words beside them
_num = fmt.finite


def ink_on(color: str) -> str:
    """Black or white text, whichever reads better on ``color`` (WCAG relative luminance)."""
    rgb = [int(color.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    luminance = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return "#111111" if luminance > 0.2 else "#ffffff"


# --- altair ----------------------------------------------------------------------------------------
# Each builder authors its chart with altair and returns the Vega-Lite dict (``to_dict``); ``spec``
# is what this screen (and components.screens.map for its legend) caches once per snapshot, so altair's cost
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
    """compare_heatmap rows with what each cell shows: the target's label, the district's name, the
    status icon and word, its colour and a readable text colour on it. Texts are made from whole
    columns and once per target or status, not once per cell."""
    out = frame.copy()
    labels = {i: target_label(r, lang) for i, r in _per_target(frame).items()}
    out["target"] = out["indicator_id"].map(labels)
    out["district"] = _lang_column(frame, "area_name", lang)
    codes = out["status"].unique().tolist()
    out["icon"] = out["status"].map({c: statuses.icon(c) for c in codes})
    out["status_text"] = out["status"].map({c: statuses.badge(c, lang) for c in codes})
    out["color"] = out["status"].map({c: statuses.color(c) for c in codes})
    out["ink"] = out["color"].map({c: ink_on(c) for c in out["color"].unique().tolist()})
    units = zip(frame["unit_zh"].tolist(), frame["unit_en"].tolist())
    out["value_text"] = [fmt.with_unit(v, {"unit_zh": zh, "unit_en": en}, lang)
                         for v, (zh, en) in zip(frame["value"].tolist(), units)]
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


# --- rankings ------------------------------------------------------------------------------------
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


# --- disparity -----------------------------------------------------------------------------------
TRENDS = ("narrowing", "widening", "unchanged", "single")   # the groups of the gap list, in this order


def _shown(x: Any) -> float | None:
    """A spread as the page shows it (two decimals): the verdict is read from these, so it never
    contradicts the numbers beside it."""
    return fmt.rounded(x, 2)


def disparity_summary(per_year: pd.DataFrame, targets: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per target shown (those queries/disparity.sql measures, less yes/no targets): the
    spread in the first and latest year, as the best-to-worst district ratio (the coefficient of
    variation when some district's figure is not positive), and whether it narrowed, widened or
    held, judged on the figures as shown (1.28 → 1.28 is unchanged)."""
    keep = per_year[per_year["indicator_id"].isin(targets["indicator_id"]) & per_year["cv"].notna()]
    keep = keep.sort_values(["indicator_id", "year"], kind="stable")
    firsts = {r["indicator_id"]: r for r in keep.drop_duplicates("indicator_id", keep="first").to_dict("records")}
    lasts = {r["indicator_id"]: r for r in keep.drop_duplicates("indicator_id", keep="last").to_dict("records")}
    rows = []
    for target in _per_target(targets).values():
        if maps.mode(target) == "binary":  # every district has it or not: a spread says nothing
            continue
        first, last = firsts.get(target["indicator_id"]), lasts.get(target["indicator_id"])
        if first is None:
            continue
        ratios = _num(first.get("best_worst_ratio")), _num(last.get("best_worst_ratio"))
        measure = "ratio" if None not in ratios else "cv"
        before, after = (_shown(v) for v in (ratios if measure == "ratio" else (first["cv"], last["cv"])))
        trend = ("single" if first["year"] == last["year"] else "unchanged" if before == after
                 else "narrowing" if after < before else "widening")
        rows.append({"indicator_id": target["indicator_id"], "target": target_label(target, lang),
                     "first_year": int(first["year"]), "latest_year": int(last["year"]),
                     "measure": measure, "first": before, "latest": after,
                     "trend": trend, "trend_text": t(f"compare.{trend}", lang)})
    out = pd.DataFrame(rows, columns=["indicator_id", "target", "first_year", "latest_year", "measure", "first",
                                      "latest", "trend", "trend_text"])
    out["sentence"] = [disparity_sentence(r, lang) for r in rows]
    return out


def _figures(row: Mapping[str, Any], lang: str, years: bool = True) -> str:
    """'1.80 → 1.40 (2020 → 2025)', '1.80 → 1.40' without ``years``, or '1.40 (2025)' with one year."""
    if row["trend"] == "single":
        return t("compare.figures_single", lang, latest=f"{row['latest']:.2f}", y1=row["latest_year"])
    moved = f"{row['first']:.2f} → {row['latest']:.2f}"
    return t("compare.figures", lang, moved=moved, y0=row["first_year"], y1=row["latest_year"]) if years else moved


def disparity_sentence(row: Mapping[str, Any], lang: str) -> str:
    """'Gap narrowing: best-to-worst district ratio 1.80 → 1.40 (2020 → 2025)'."""
    return t("compare.sentence", lang, trend=row["trend_text"], measure=t(f"compare.measure.{row['measure']}", lang),
             figures=_figures(row, lang))


LISTED = 5      # targets named in each group of the gap list, the largest moves first; the chart has them all


def sentences(summary: pd.DataFrame, lang: str) -> list[str]:
    """The gap list, grouped and short: one Markdown line per verdict (narrowing, widening, unchanged,
    one year only) saying how many targets and over which years, then the ``LISTED`` that moved most
    with their ratio before and after, and how many more; labels escaped. The measure is named once,
    in the note above."""
    out = []
    for trend in TRENDS:
        group = summary[summary["trend"] == trend]
        if group.empty:
            continue
        moved = trend in ("narrowing", "widening")
        group = group.assign(move=(group["latest"] - group["first"]).abs() if moved else 0.0)
        rows = group.sort_values(["move", "indicator_id"], ascending=[False, True], kind="stable").to_dict("records")
        spans = {(r["first_year"], r["latest_year"]) for r in rows}
        one_span = len(spans) == 1 and trend != "single"
        head = t("compare.group", lang, trend=t(f"compare.{trend}", lang), n=len(rows))
        if one_span:
            y0, y1 = next(iter(spans))
            head = t("compare.group_years", lang, trend=t(f"compare.{trend}", lang), n=len(rows), y0=y0, y1=y1)
        items = [md(r["target"]) + (f" {md(_figures(r, lang, years=not one_span))}" if moved else "")
                 + ("" if r["measure"] == "ratio" else md(t("compare.by_cv", lang))) for r in rows[:LISTED]]
        more = t("compare.more", lang, n=len(rows) - LISTED) if len(rows) > LISTED else ""
        out.append(head + t("compare.list_sep", lang).join(items) + more)
    return out


def disparity_chart(summary: pd.DataFrame, lang: str) -> dict:
    """A dumbbell per target with a best-to-worst ratio: the first year (hollow) and the latest
    (filled), joined by a line coloured for narrowing or widening, as the list under it says."""
    data = Rows()
    summary = summary[(summary["measure"] == "ratio") & (summary["trend"] != "single")]
    colors = alt.Color("trend_text", type="nominal", title=None, legend=alt.Legend(labelFontSize=FONT, orient="top"),
                       scale=alt.Scale(domain=[t("compare.narrowing", lang), t("compare.widening", lang),
                                               t("compare.unchanged", lang)],
                                       range=[NARROWING, WIDENING, "#6b7280"]))
    y = alt.Y("target", type="nominal", sort=summary["target"].tolist(), title=None,
              axis=alt.Axis(labelFontSize=FONT, labelLimit=230, labelOverlap=False))
    line = alt.Chart().mark_rule(strokeWidth=3).encode(
        color=colors, y=y, x2=alt.X2("latest"),
        x=alt.X("first", type="quantitative", axis=alt.Axis(labelFontSize=FONT), scale=alt.Scale(zero=False),
                title=t("compare.ratio_axis", lang)))
    start = alt.Chart().mark_point(filled=False, size=90, strokeWidth=2).encode(
        color=colors, x=alt.X("first", type="quantitative"), y=y)
    end = alt.Chart().mark_circle(opacity=1, size=110).encode(
        color=colors, tooltip=[alt.Tooltip("sentence", type="nominal")], x=alt.X("latest", type="quantitative"), y=y)
    rows = data(summary[["target", "first", "latest", "trend_text", "sentence"]], "spread")
    return data.spec(layered([line, start, end], alt.Step(CELL), data=rows, description=t("a11y.disparity", lang)))


def spread_by_year(per_year: pd.DataFrame, indicator_id: str) -> tuple[str, pd.DataFrame]:
    """One target's spread year by year, in the measure the gap list uses for it: ("ratio", the
    best-to-worst district ratio) when every year has one, else ("cv", the coefficient of variation)."""
    rows = per_year[(per_year["indicator_id"] == indicator_id) & per_year["cv"].notna()]
    measure = "ratio" if rows["best_worst_ratio"].notna().all() else "cv"
    column = "best_worst_ratio" if measure == "ratio" else "cv"
    return measure, pd.DataFrame({"year": rows["year"], "spread": rows[column].astype(float)})


def cv_trend_chart(rows: pd.DataFrame, title: str, floor: float = 0.0) -> dict:
    """One target's spread between districts, year by year, labelled (``spread_by_year``'s rows), on
    an axis from ``floor`` (1 for a ratio: districts level)."""
    data = Rows()
    rows = rows.assign(label=rows["spread"].map(lambda v: f"{v:.2f}"))
    x = alt.X("year", type="ordinal", title=None, axis=alt.Axis(labelAngle=0, labelFontSize=FONT))
    y = alt.Y("spread", type="quantitative", title=None, scale=alt.Scale(zero=False, domainMin=floor),
              axis=alt.Axis(labelFontSize=FONT))
    line = alt.Chart(title=charts.heading(title)).mark_line(color="#1f2937", point=True).encode(x=x, y=y)
    labels = alt.Chart(title=charts.heading(title)).mark_text(dy=-10, fontSize=FONT).encode(
        text=alt.Text("label", type="nominal"), x=x, y=y)
    about = f"{title}: " + ", ".join(f"{y} {label}" for y, label in zip(rows["year"], rows["label"]))
    return data.spec(layered([line, labels], 200, data=data(rows, "spread"), description=about))


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


# --- specs ---------------------------------------------------------------------------------------
_BUILDERS = {"heatmap": heatmap_chart, "legend": charts.swatch_legend, "ranking": ranking_chart,
             "disparity": disparity_chart, "cv_trend": cv_trend_chart}


def spec(name: str, *args: Any) -> dict:
    """The Vega-Lite spec of builder ``name`` for these inputs, ready for st.vega_lite_chart."""
    return charts.for_streamlit(_BUILDERS[name](*args))


# ---- derived once per snapshot ------------------------------------------------------------------

@data.per_snapshot
def choices(plan_id: str, lang: str) -> dict[str, Any]:
    """The years, and the actions and districts that have district figures (the filters' options)."""
    everything = data.q("compare_heatmap", plan_id=plan_id, year=None, action_nos=None, area_codes=None)
    years = data.q("compare_years", plan_id=plan_id)["year"].tolist()
    if not years or everything.empty:
        return {"years": [], "actions": {}, "districts": {}}
    return {"years": years,
            "actions": action_choices(data.q("actions", plan_id=plan_id), everything, lang),
            "districts": district_choices(everything, lang)}


def _cells(plan_id: str, year: int, actions: tuple, districts: tuple) -> pd.DataFrame:
    return data.q("compare_heatmap", plan_id=plan_id, year=year, action_nos=actions or None,
                  area_codes=districts or None)


@data.per_snapshot
def status_grid(plan_id: str, year: int, actions: tuple, districts: tuple, lang: str) -> dict[str, Any] | None:
    """The heatmap and its legend (specs), the off-track count, the table on screen and the one
    downloaded, and the targets shown (for the ranking's picker); None when there are no cells."""
    found = _cells(plan_id, year, actions, districts)
    if found.empty:
        return None
    view = cells(found, lang)
    sources = {(r["indicator_id"], r["area_code"], int(r["year"])): r
               for r in data.rows("district_figure_sources", plan_id=plan_id)}
    figures = [sources.get((i, a, int(y))) if y == y and y is not None else None
               for i, a, y in zip(view["indicator_id"], view["area_code"], view["year"])]
    tidy = provenance.with_columns(table(view, lang), figures, lang)
    # a demo figure is marked in the heatmap's cell too (its tooltip), not only in the table under it
    view = view.assign(value_text=[f"{text} {provenance.kind_word('demo', lang)}" if f and f.get("batch_kind") == "demo"
                                   else text for text, f in zip(view["value_text"], figures)])
    return {
        "heatmap": spec("heatmap", view, lang),
        "legend": spec("legend", status_legend(view, lang), t("compare.legend", lang), lang),
        "off_track": off_track_count(view),
        "table": paging.lean(tidy),
        "download": tidy,
        "targets": target_choices(found, lang),
    }


@data.per_snapshot
def ranking_view(plan_id: str, year: int, actions: tuple, districts: tuple, indicator_id: str,
                 lang: str) -> dict[str, Any]:
    """One target's districts, best first: the chart's spec (None when no district has a value)
    and the order of ranking in words."""
    found = _cells(plan_id, year, actions, districts)
    target = maps.row(found, "indicator_id", indicator_id)
    values = data.q("map_district_values", indicator_id=indicator_id, year=year)
    ranked = ranking(values, target, lang, districts)
    return {"spec": None if ranked.empty else spec("ranking", ranked, target, lang),
            "order": t(f"compare.order.{target['direction']}", lang)}


@data.per_snapshot
def disparity(plan_id: str, year: int, actions: tuple, districts: tuple, lang: str) -> dict[str, Any] | None:
    """The disparity lens for the targets shown: the dumbbell chart's spec, one sentence per
    target, and the targets it covers; None when no target has a spread to show."""
    found = _cells(plan_id, year, actions, districts)
    per_year = data.q("disparity", plan_id=plan_id, indicator_id=None)
    spread = disparity_summary(per_year, found, lang)
    if spread.empty:
        return None
    charted = (spread["measure"] == "ratio") & (spread["trend"] != "single")
    return {"spec": spec("disparity", spread, lang) if charted.any() else None, "sentences": sentences(spread, lang),
            "targets": frozenset(spread["indicator_id"])}


@data.per_snapshot
def cv_trend(plan_id: str, indicator_id: str, name: str, lang: str) -> dict:
    """The spec of one target's spread between districts year by year (``spread_by_year``), titled
    with the target's ``name`` and the measure in words."""
    per_year = data.q("disparity", plan_id=plan_id, indicator_id=None)
    measure, rows = spread_by_year(per_year, indicator_id)
    return spec("cv_trend", rows, t(f"compare.trend_title.{measure}", lang, name=name), 1.0 if measure == "ratio" else 0.0)
