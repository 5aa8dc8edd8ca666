"""The methodology page's pieces: the method with its formulas, the worked example, the sources and
the data notes.

The worked example redoes one stored status by hand (tracker.methodology.explain) and says whether
the recomputation matches the stored row. Catalogue text (names, plan wording, notes) is shown with
st.text, or made inert by components.safe.md wherever Markdown is read (tables, captions, titles).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import pandas as pd
import pyarrow as pa
import streamlit as st

from components import data, filters, fmt
from components.i18n import pick, t
from components.safe import md, t_md
from tracker import db, methodology, methods, statuses
from tracker.statuses import MILESTONE_STATUS

MATCH_TOLERANCE = 1e-9


def formulas(lang: str) -> dict[str, tuple[str, ...]]:
    """The method's formulas as LaTeX under their headings, with the words in ``lang``: each progress
    method's own (tracker/methods/), then the score."""
    words = {"progress": t("method.w.progress", lang), "elapsed": t("method.w.elapsed", lang)}
    score, achieved = t("method.f.score", lang), statuses.label("achieved", lang)
    out = {m.words("formula_title", lang): m.formulas(words) for m in methods.REGISTRY.values() if m.formulas(words)}
    out[score] = (rf"\text{{{score}}} = \begin{{cases}} 5 & \text{{{achieved}}} \\ "
                  r"\min(7.1429R - 4.2857,\ 5) & R \ge 0.6 \\ \max(4.1667R - 2.5,\ -5) & R < 0.6 \end{cases}",)
    return out


_num = fmt.finite


# ---- pure helpers -------------------------------------------------------------------------------

def by_id(targets: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """The worked example's choices: indicator_id → its catalogue row, by action and id."""
    return {row["indicator_id"]: row for row in db.records(targets)}


def target_label(choices: Mapping[str, Mapping[str, Any]], lang: str):
    return lambda i: t("method.target_option", lang, id=i, name=pick(choices[i], "name", lang))


def is_demo(mode: pd.DataFrame) -> bool:
    return bool(len(mode) and mode.iloc[0]["is_demo"])


def default_target(targets: pd.DataFrame) -> str | None:
    """A cagr target with a city value, else any target with a city value, else the first."""
    if targets.empty:
        return None
    city = targets[targets["has_city_value"].astype(bool)]
    cagr = city[city["method"] == "cagr"]
    for frame in (cagr, city, targets):
        if len(frame):
            return str(frame.iloc[0]["indicator_id"])
    return None


def series_pairs(series: pd.DataFrame) -> list[tuple[int, float]]:
    return [(int(r["year"]), float(r["value"])) for r in series.to_dict("records") if _num(r["value"]) is not None]


def matches(example: methodology.Example, stored: Mapping[str, Any]) -> bool:
    """The recomputed ratio and status equal the stored ones (ratio to 1e-9; both empty counts)."""
    mine, theirs = example.ratio, _num(stored.get("ratio"))
    same_ratio = (mine is None and theirs is None) or (
        mine is not None and theirs is not None and abs(mine - theirs) <= MATCH_TOLERANCE)
    return same_ratio and example.status == stored.get("status")


def series_table(series: pd.DataFrame, indicator: Mapping[str, Any], lang: str) -> pd.DataFrame:
    """The observations behind the example, as text for a static table (milestones only when any)."""
    c = lambda key: t(f"method.col.{key}", lang)  # noqa: E731
    has_milestones = series["milestone"].isin(list(MILESTONE_STATUS)).any() if len(series) else False
    rows = []
    for r in series.to_dict("records"):
        row = {c("year"): str(int(r["year"])), c("value"): md(fmt.with_unit(r.get("value"), indicator, lang))}
        if has_milestones:
            row[c("milestone")] = statuses.label(MILESTONE_STATUS[r["milestone"]], lang) \
                if r.get("milestone") in MILESTONE_STATUS else ""
        row[c("source")] = "" if r.get("source") is None else md(r["source"])
        rows.append(row)
    return pd.DataFrame(rows)


def townships_table(townships: pd.DataFrame, lang: str) -> pd.DataFrame:
    c = lambda key: t(f"method.col.{key}", lang)  # noqa: E731
    return pd.DataFrame([{
        c("area"): md(pick(r, "name", lang)),
        c("townships"): "—" if _num(r["townships"]) is None else str(int(r["townships"])),
        c("subdistricts"): str(int(r["count_subdistricts"])),
        c("towns"): str(int(r["count_towns"])),
        c("xiang"): str(int(r["count_xiang"])),
        c("approx"): t("method.yes" if r["is_approximate"] else "method.no", lang),
    } for r in townships.to_dict("records")])


def slips_table(slips: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Targets whose plan wording needed a reading: the note in ``lang``, the wording verbatim."""
    c = lambda key: t(f"method.col.{key}", lang)  # noqa: E731
    return pd.DataFrame([{
        c("indicator"): md(f"{r['indicator_id']} · {pick(r, 'name', lang)}"),
        c("note"): md(r["note_en"] if lang == "en" else r["note_zh"]),
        c("quote"): md(f"“{r['source_quote']}”"),
    } for r in slips.to_dict("records")])


# ---- what the page draws, prepared once per snapshot ------------------------------------------------

@dataclass(frozen=True)
class Choices:
    by_id: dict[str, dict[str, Any]]        # indicator_id → catalogue row, by action and id
    labels: dict[str, str]                  # the picker's option labels
    default: str | None


@data.per_snapshot
def choices(plan_id: str, lang: str) -> Choices:
    targets = data.q("method_targets", plan_id=plan_id)
    found = by_id(targets)
    label = target_label(found, lang)
    return Choices(found, {i: label(i) for i in found}, default_target(targets))


@dataclass(frozen=True)
class Options:
    areas: dict[str, str]                   # area_code → name, city first
    years: dict[str, list[int]]             # area_code → its years, latest first
    rows: dict[tuple[str, int], dict[str, Any]]   # (area, year) → the stored status row


@data.per_snapshot
def options(plan_id: str, indicator_id: str, lang: str) -> Options:
    """The areas and years with a stored status for the target (the worked example's choices), in
    one pass over the rows (a target can have 167 areas with townships)."""
    rows = data.q("method_status_rows", plan_id=plan_id, indicator_id=indicator_id)
    names: dict[str, str] = {}
    years: dict[str, set[int]] = {}
    stored: dict[tuple[str, int], dict[str, Any]] = {}
    for row in rows.to_dict("records"):
        area, year = str(row["area_code"]), int(row["year"])
        names.setdefault(area, pick(row, "name", lang))
        years.setdefault(area, set()).add(year)
        stored.setdefault((area, year), row)
    return Options(names, {area: sorted(found, reverse=True) for area, found in years.items()}, stored)


@dataclass(frozen=True)
class Worked:
    table: pa.Table                          # the observations, as text
    example: methodology.Example             # the recomputation (read-only)
    stored: dict[str, Any]


@data.per_snapshot
def worked(plan_id: str, indicator_id: str, area: str, year: int, lang: str) -> Worked:
    """One stored status recomputed by hand, with the observations behind it."""
    indicator = choices(plan_id, lang).by_id[indicator_id]
    stored = options(plan_id, indicator_id, lang).rows[(area, year)]
    series = data.q("method_series", indicator_id=indicator_id, area_code=area, year=year)
    indicator = {**indicator, "nearly_pct": plan_row(plan_id).get("nearly_pct")}
    example = methodology.explain(stored, indicator, lang, series_pairs(series))
    return Worked(data.arrow(series_table(series, indicator, lang)), example, stored)


def plan_row(plan_id: str) -> dict[str, Any]:
    return next(p for p in data.rows("plans") if p["plan_id"] == plan_id)


@data.per_snapshot
def kind_examples(plan_id: str, lang: str) -> tuple[pa.Table | None, pa.Table | None, int, int]:
    """One target of each verdict (the city's, in the target year) and of each mid-term grade (two
    years before it), with why, in words: (verdicts, grades, target year, grade year)."""
    plan = plan_row(plan_id)
    final, before = int(plan["target_year"]), int(plan["target_year"]) - 2
    catalogue = {i: {**row, "nearly_pct": plan.get("nearly_pct")} for i, row in choices(plan_id, lang).by_id.items()}
    c = lambda key: t(f"method.col.{key}", lang)  # noqa: E731

    def first(rows: list[dict[str, Any]], test) -> dict[str, Any] | None:
        return next((r for r in rows if test(r) and r["indicator_id"] in catalogue), None)

    city = filters.city()
    rows = [r for r in db.records(data.q("status_export", plan_id=plan_id, year=final)) if r["area_code"] == city]
    verdicts = []
    for code in statuses.VERDICTS:
        row = first(rows, lambda r, code=code: r["status"] == code and r["year"] >= final)
        if row is not None:
            example = methodology.explain(row, catalogue[row["indicator_id"]], lang)
            verdicts.append({c("kind"): statuses.badge(code, lang),
                             c("indicator"): md(f"{row['indicator_id']} · {pick(row, 'name', lang)}"),
                             c("why"): md(example.steps[-1].text if code != "no_data" else t("method.no_final", lang))})
    rows = [r for r in db.records(data.q("status_export", plan_id=plan_id, year=before)) if r["area_code"] == city]
    grades = []
    for grade in statuses.GRADES:
        row = first(rows, lambda r, code=grade.code: r.get("grade") == code)
        if row is not None:
            grades.append({c("kind"): f"{grade.icon} {statuses.grade_label(grade.code, lang)}",
                           c("indicator"): md(f"{row['indicator_id']} · {pick(row, 'name', lang)}"),
                           c("why"): md(methodology.grade_line(row, lang))})
    return (data.arrow(pd.DataFrame(verdicts)) if verdicts else None,
            data.arrow(pd.DataFrame(grades)) if grades else None, final, before)


@data.per_snapshot
def notes_tables(plan_id: str, lang: str) -> tuple[pa.Table, pa.Table | None, int]:
    """(townships, slips or None, how many slips) for the data notes."""
    slips = data.q("method_notes", plan_id=plan_id)
    return (data.arrow(townships_table(data.q("method_townships"), lang)),
            None if slips.empty else data.arrow(slips_table(slips, lang)), len(slips))


@data.per_snapshot
def demo_data() -> bool:
    return is_demo(data.q("data_mode"))


# ---- sections -----------------------------------------------------------------------------------

def method(plan: Mapping[str, Any], lang: str) -> None:
    st.header(t("method.section.method", lang), anchor="method")
    st.markdown(methodology.method_text(lang, int(plan["baseline_year"]), int(plan["target_year"]),
                                        fmt.finite(plan.get("nearly_pct"))))
    st.subheader(t("method.formulas", lang))
    for title, lines in formulas(lang).items():
        st.markdown(f"**{title}**")
        for formula in lines:
            st.latex(formula)
    st.markdown(f"**{t('method.f.status', lang)}**")
    st.markdown(t("method.thresholds", lang, on=statuses.badge("on_track", lang),
                  acc=statuses.badge("accelerate", lang), lim=statuses.badge("limited", lang),
                  back=statuses.badge("backwards", lang)))


def kinds(examples: tuple[pa.Table | None, pa.Table | None, int, int], lang: str) -> None:
    """The verdicts and the grades, one worked example of each kind from the figures shown."""
    verdicts, grades, final, before = examples
    st.header(t("method.section.kinds", lang), anchor="kinds")
    st.caption(t("method.kinds_lead", lang, year=final))
    if verdicts is not None:
        st.table(verdicts, hide_index=True, border="horizontal")
    st.caption(t("method.grades_lead", lang, year=before))
    if grades is not None:
        st.table(grades, hide_index=True, border="horizontal")


def target_header(indicator: Mapping[str, Any], lang: str) -> None:
    st.markdown(f"**{md(indicator['indicator_id'])} · {md(pick(indicator, 'name', lang))}**")
    st.caption(t_md("method.facts", lang, cmp=fmt.target(indicator, lang),
                    method=methods.get(indicator["method"]).words("label", lang),
                    measure=t(f"indicator.measure.{indicator['measure']}", lang),
                    direction=t(f"method.dir.{indicator['direction']}", lang)))
    st.caption(t("method.quote", lang))
    st.text(f"“{indicator['source_quote']}”")


def steps(example: methodology.Example, lang: str) -> None:
    st.markdown(f"**{t('method.steps', lang)}**")
    for n, step in enumerate(example.steps, start=1):
        with st.container(key=f"method-step-{n}"):
            st.text(t("method.step", lang, n=n, text=step.text))
            for formula in step.latex:
                st.latex(formula)


def verdict(example: methodology.Example, stored: Mapping[str, Any], lang: str) -> None:
    label = statuses.badge(str(stored.get("status")), lang)
    if not matches(example, stored):
        st.error(t("method.mismatch", lang, mine=statuses.badge(example.status, lang), stored=label),
                 icon=":material/error:")
    elif example.ratio is None:
        st.success(t("method.match_no_ratio", lang, status=label), icon=":material/check_circle:")
    else:
        st.success(t("method.match", lang, ratio=f"{example.ratio:.6g}", status=label),
                   icon=":material/check_circle:")


def sources(plan: Mapping[str, Any], is_demo: bool, lang: str) -> None:
    st.header(t("method.section.sources", lang), anchor="sources")
    items = [t("method.src.plan", lang, plan=md(pick(plan, "name", lang))), t("method.src.opensdg", lang),
             t("method.src.boundaries", lang), t("method.src.demo" if is_demo else "method.src.real", lang)]
    st.markdown("\n".join(f"- {item}" for item in items))


def notes(tables: tuple[pa.Table, pa.Table | None, int], lang: str) -> None:
    townships, slips, n_slips = tables
    st.header(t("method.section.notes", lang), anchor="notes")
    st.markdown(t("method.townships", lang))
    st.table(townships, hide_index=True, border="horizontal")
    if slips is None:
        return
    st.markdown(t("method.slips", lang, n=n_slips))
    st.table(slips, hide_index=True, border="horizontal")
