"""The compare screen's disparity lens: the spread between districts on each target (the best-to-worst
ratio, or the coefficient of variation), whether it narrowed, the gap list and its charts."""
from __future__ import annotations

from typing import Any, Mapping

import altair as alt
import pandas as pd

from components import charts, fmt, maps
from components.charts import Rows, layered
from components.i18n import t
from components.safe import md
from components.screens.compare.grid import CELL, FONT, _per_target, target_label

NARROWING, WIDENING = "#0072B2", "#D55E00"  # Okabe–Ito blue and vermilion, with words beside them
_num = fmt.finite


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

