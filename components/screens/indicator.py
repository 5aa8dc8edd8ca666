"""The indicator screen: one target's figures, every area and year, the revision history and the
metadata, with downloads.

The tables are plain frames built by pure functions (tests check them directly): headers in the
reader's language, catalogue names through ``pick``, numbers with units through components.fmt,
statuses and milestones as icon and word from tracker.statuses. What the page shows is derived once
per snapshot (the ``@data.per_snapshot`` functions at the end) and shared by every session; results
are read-only.
"""
from __future__ import annotations

import math
from typing import Any, Mapping

import pandas as pd
import streamlit as st

from components import data, downloads, fmt, provenance, targets, townships
from components.i18n import pick, t
from components.safe import md
from tracker import commentary, judgement, methods, statuses


def _missing(x: Any) -> bool:
    return x is None or x is pd.NA or x is pd.NaT or (isinstance(x, float) and math.isnan(x))


def cell(value: Any, milestone: Any, row: Mapping[str, Any], lang: str) -> str:
    """One observation as text: the value with its unit, or the milestone's icon and word."""
    if isinstance(milestone, str) and milestone in statuses.MILESTONE_STATUS:
        return statuses.badge(statuses.MILESTONE_STATUS[milestone], lang)
    return fmt.with_unit(value, row, lang)


TOWNSHIP = "township"


def township_count(series: pd.DataFrame) -> int:
    """How many townships (乡镇/街道) have figures in ``series`` (its ``area_kind`` column)."""
    if series.empty or "area_kind" not in series:
        return 0
    return int(series.loc[series["area_kind"] == TOWNSHIP, "area_code"].nunique())


def without_townships(series: pd.DataFrame) -> pd.DataFrame:
    """The city, its districts and regions: the rows shown by default."""
    if series.empty or "area_kind" not in series:
        return series
    return series[series["area_kind"] != TOWNSHIP]


def _cells(values: list, milestones: list, row: Mapping[str, Any], lang: str, numeric: bool) -> list:
    """Each observation's cell (as ``cell``): a milestone as icon and word, else the value with its
    unit; for downloads (``numeric``) a value is the bare number (None when missing)."""
    badges = {m: statuses.badge(code, lang) for m, code in statuses.MILESTONE_STATUS.items()}
    out = []
    for value, milestone in zip(values, milestones):
        if isinstance(milestone, str) and milestone in badges:
            out.append(badges[milestone])
        elif numeric and not isinstance(milestone, str):
            out.append(None if _missing(value) else float(value))
        else:
            out.append(fmt.with_unit(value, row, lang))
    return out


def area_year_table(series: pd.DataFrame, row: Mapping[str, Any], lang: str, *, numeric: bool = False) -> pd.DataFrame:
    """One row per area (city, districts, regions, townships, as series.sql orders them), one column per year.

    On screen (``numeric=False``) each cell is text with its unit; for downloads the cells are numbers
    (milestones as words) with the unit in a column of its own and the area code kept. Built from
    column lists in one pass (no per-cell indexing): the scale warehouse has 167 areas.
    """
    area_col, code_col = t("indicator.col.area", lang), t("indicator.col.code", lang)
    if series.empty:
        return pd.DataFrame(columns=[area_col])
    codes = series["area_code"].tolist()
    years = [int(y) for y in series["year"].tolist()]
    names = series[f"area_name_{'en' if lang == 'en' else 'zh'}"].tolist()
    milestones = series["milestone"].tolist() if "milestone" in series else [None] * len(codes)
    cells = _cells(series["value"].tolist(), milestones, row, lang, numeric)
    if not numeric and "batch_kind" in series:      # a demo figure keeps its marker on screen: "78.5% ◇"
        cells = [f"{c} ◇" if kind == "demo" and c != "—" else c for c, kind in zip(cells, series["batch_kind"])]
    order: dict[str, str] = {}               # area code → its name, in the order of first appearance
    grid: dict[tuple[str, int], Any] = {}
    for code, year, name, value in zip(codes, years, names, cells):
        if code not in order:
            order[code] = name if isinstance(name, str) and name else code
        grid[(code, year)] = value
    columns = sorted(set(years))
    gap = None if numeric else "—"
    table: dict[str, list] = {area_col: list(order.values())}
    if numeric:
        table[code_col] = list(order)
        table[t("indicator.col.unit", lang)] = [fmt.unit(row, lang)] * len(order)
    for year in columns:
        table[str(year)] = [grid.get((code, year), gap) for code in order]
    frame = pd.DataFrame(table)
    return frame.infer_objects() if numeric else frame


def _text(values: pd.Series, prefix: str, lang: str) -> list[str]:
    return ["—" if _missing(v) else t(f"{prefix}.{v}", lang) for v in values.tolist()]


def revisions_table(revisions: pd.DataFrame, row: Mapping[str, Any], lang: str) -> pd.DataFrame:
    """Every stored row given (in the order given): area, year, value, which revision, whether in
    force, and the batch (id, kind, file, who, when, state)."""
    names = revisions[f"area_name_{'en' if lang == 'en' else 'zh'}"].tolist()
    codes = revisions["area_code"].tolist()
    when = pd.to_datetime(revisions["created_at"]).dt.strftime("%Y-%m-%d %H:%M")
    milestones = revisions["milestone"].tolist() if "milestone" in revisions else [None] * len(codes)
    yes, no = t("indicator.yes", lang), t("indicator.no", lang)
    values = _cells(revisions["value"].tolist(), milestones, row, lang, False)
    if "is_township" in revisions:     # a township row is covered or not, never "1%"
        values = [t("townships.yes" if v >= 1 else "townships.no", lang) if town and not _missing(v) else shown
                  for shown, v, town in zip(values, revisions["value"].tolist(), revisions["is_township"].tolist())]
    return pd.DataFrame({
        t("indicator.col.area", lang): [n if isinstance(n, str) and n else c for n, c in zip(names, codes)],
        t("col.year", lang): revisions["year"].astype(int).tolist(),
        t("indicator.col.value", lang): values,
        t("indicator.col.revision", lang): revisions["revision_no"].astype(int).tolist(),
        t("indicator.col.current", lang): [yes if c else no for c in revisions["is_current"].tolist()],
        t("indicator.col.batch", lang): revisions["batch_id"].tolist(),
        t("indicator.col.kind", lang): _text(revisions["batch_kind"], "indicator.kind", lang),
        t("indicator.col.file", lang): ["—" if _missing(f) else f for f in revisions["file_name"].tolist()],
        t("indicator.col.who", lang): ["—" if _missing(w) else w for w in revisions["created_by"].tolist()],
        t("indicator.col.when", lang): when.fillna("—").tolist(),
        t("indicator.col.state", lang): _text(revisions["batch_state"], "indicator.state", lang),
    })


def history_download(indicator_id: str, row: Mapping[str, Any], lang: str) -> pd.DataFrame:
    """The whole revision history of one indicator (queries/revisions.sql: by area and year, newest
    first within each), as the download holds it. Read when a download button is pressed."""
    from tracker import db

    return revisions_table(db.run("revisions", indicator_id=indicator_id), row, lang)


def metadata_table(row: Mapping[str, Any], action: Mapping[str, Any], lang: str, note: str = "",
                   final: bool = False) -> pd.DataFrame:
    """The indicator's catalogue entry as field / value pairs, in the reader's language.

    The source clause stays in Chinese (it is the plan's own wording) in both languages.
    """
    fields = [
        ("indicator.meta.id", row["indicator_id"]),
        ("indicator.meta.name", pick(row, "name", lang)),
        ("indicator.meta.action", t("action.heading", lang, no=int(row["action_no"]), name=pick(action, "name", lang))),
        ("indicator.meta.target", fmt.target(row, lang)),
        ("indicator.meta.lead_unit", commentary.lead_unit(row, lang)),
        ("indicator.meta.unit", fmt.unit(row, lang) or "—"),
        ("indicator.meta.comparator", t(f"indicator.comparator.{row['comparator']}", lang)),
        ("indicator.meta.direction", t(f"indicator.direction.{row['direction']}", lang)),
        ("indicator.meta.measure", t(f"indicator.measure.{row['measure']}", lang)),
        ("indicator.meta.method", methods.get(row["method"]).words("final_label" if final else "label", lang)),
        ("indicator.meta.scope", t(f"scope.{row['scope']}", lang)),
        ("indicator.meta.target_year", str(int(row["target_year"]))),
        ("indicator.meta.baseline_year", str(int(row["baseline_year"]))),
        ("indicator.meta.source", str(row["source_quote"])),
    ]
    if note:
        fields.append(("indicator.meta.note", note))
    return pd.DataFrame({t("indicator.col.field", lang): [t(key, lang) for key, _ in fields],
                         t("indicator.col.content", lang): [value for _, value in fields]})


# ---- derived once per snapshot ------------------------------------------------------------------

@data.per_snapshot
def catalogue(plan_id: str) -> dict[str, dict[str, Any]]:
    """indicator_id → its catalogue row, in the catalogue's order."""
    return {r["indicator_id"]: r for r in data.rows("indicators", plan_id=plan_id, action_no=None)}


@data.per_snapshot
def names(plan_id: str, lang: str) -> dict[str, str]:
    """indicator_id → its name in ``lang``, for the picker."""
    return {i: pick(r, "name", lang) for i, r in catalogue(plan_id).items()}


@data.per_snapshot
def action(plan_id: str, action_no: int) -> dict[str, Any]:
    return next(r for r in data.rows("actions", plan_id=plan_id) if int(r["action_no"]) == action_no)


@data.per_snapshot
def values(plan_id: str, indicator_id: str, lang: str, with_townships: bool) -> dict[str, Any]:
    """The every-area, every-year table on screen, and how many townships have figures
    (shown only ``with_townships``)."""
    series = data.q("series", indicator_id=indicator_id, area_code=None)
    shown = series if with_townships else without_townships(series)
    return {"table": area_year_table(shown, catalogue(plan_id)[indicator_id], lang),
            "townships": township_count(series)}


@data.per_snapshot
def history(plan_id: str, indicator_id: str, lang: str, limit: int, offset: int) -> Any:
    """One page of the revision history, newest first, as the table on screen."""
    page = data.q("revisions_page", indicator_id=indicator_id, limit=limit, offset=offset)
    return revisions_table(page, catalogue(plan_id)[indicator_id], lang)


def is_final(status_row: Mapping[str, Any]) -> bool:
    """Whether the figure shown is judged at the end of the plan (tracker/judgement.py)."""
    year = fmt.finite(status_row.get("status_year"))
    return year is not None and judgement.is_final(int(year), int(status_row["target_year"]))


@data.per_snapshot
def metadata(plan_id: str, indicator_id: str, lang: str, final: bool = False) -> Any:
    """The indicator's catalogue entry as field / value pairs, ready for ``st.table`` (``final``: shown
    at the target year, where the method judges completion)."""
    row = catalogue(plan_id)[indicator_id]
    note = targets.note_text(row.get("note"), lang)
    table = metadata_table(row, action(plan_id, int(row["action_no"])), lang, note, final)
    # st.table reads its cells as Markdown: the catalogue's words go in inert
    return table.map(md)


@data.per_snapshot
def figures(plan_id: str, indicator_id: str, lang: str, with_townships: bool) -> pd.DataFrame:
    """One row per figure in force with its kind (demo or imported), source and note."""
    series = data.q("series", indicator_id=indicator_id, area_code=None)
    shown = series if with_townships else without_townships(series)
    row = catalogue(plan_id)[indicator_id]
    return provenance.figures_table(shown, lambda r: cell(r["value"], r.get("milestone"), row, lang), lang)


def draw_figures(plan_id: str, indicator_id: str, lang: str, with_townships: bool) -> None:
    """The figures with their sources and notes (``prov.col.note``), a row each, with downloads."""
    st.subheader(t("prov.figures_title", lang), anchor=False)
    st.caption(t("prov.figures_caption", lang) + " " + t("prov.legend", lang))
    table = figures(plan_id, indicator_id, lang, with_townships)
    st.dataframe(table, hide_index=True, width="stretch", height=300 if len(table) > 8 else "auto",
                 key="indicator_figures_table")
    downloads.table_downloads(table, f"{indicator_id}-sources", lang, "indicator_sources")


# ---- township rows of a township-scoped target (on demand) ----------------------------------------

@data.per_snapshot
def township_rows_count(indicator_id: str) -> int:
    """How many townships have a row in force for a township-scoped target (0 for any other)."""
    rows = data.q("township_rows", indicator_id=indicator_id)
    return int(rows["township_code"].nunique()) if len(rows) else 0


@data.per_snapshot
def township_table(indicator_id: str, area_code: str | None, lang: str) -> pd.DataFrame:
    """Every township row in force (newest year first), of one district or (None) of every one."""
    rows = data.q("township_rows", indicator_id=indicator_id)
    if area_code is not None:
        rows = rows[rows["district_code"] == area_code]
    return townships.table(rows, lang)


def township_download(indicator_id: str, lang: str) -> pd.DataFrame:
    """Every township row of every district and year, as the downloads hold them."""
    return township_table(indicator_id, None, lang)


def draw_townships(indicator_id: str, area_code: str | None, lang: str) -> None:
    """The township table of a township-scoped target (shown with the township switch) and its downloads."""
    st.subheader(t("townships.table_title", lang), anchor=False)
    st.caption(t("townships.table_caption", lang))
    st.dataframe(township_table(indicator_id, area_code, lang), hide_index=True, width="stretch", height=360,
                 key="indicator_township_table")
    downloads.table_downloads(lambda: township_download(indicator_id, lang), f"{indicator_id}-townships", lang,
                    "indicator_townships_download")


def notes_frame(rows: Any, area_names: Mapping[str, str], lang: str) -> pd.DataFrame:
    """Every cause and measures in force for one target, by area and year, as plain text cells (the
    office's words as written: st.dataframe does not read Markdown)."""
    rows = list(rows)
    return pd.DataFrame({
        t("data.col.area", lang): [area_names.get(r["area_code"], r["area_code"]) for r in rows],
        t("data.col.year", lang): [int(r["year"]) for r in rows],
        t("target.cause_col", lang): [commentary.in_lang(r, "cause", lang) for r in rows],
        t("target.measures_col", lang): [commentary.in_lang(r, "measures", lang) for r in rows],
    })


def draw_notes(plan_id: str, indicator_id: str, area_code: str, area_names: Mapping[str, str], lang: str) -> None:
    """The office's cause and measures: in full for the area shown (its newest year), then every area
    and year as a table with downloads when there is more than that one."""
    st.header(t("target.notes_title", lang), anchor=False)
    st.caption(t("target.notes_caption", lang))
    rows = data.rows("commentary_notes", plan_id=plan_id, action_no=None, indicator_id=indicator_id)
    if not rows:
        st.info(t("target.notes_none", lang), icon=":material/info:")
        return
    note = commentary.latest_note(rows, indicator_id, area_code)
    if note:
        with st.container(border=True, key=f"indicator-notes-{indicator_id}"):
            st.markdown(targets.notes_md(note, area_names.get(area_code, area_code), lang))
    if len(rows) > (1 if note else 0):
        table = notes_frame(rows, area_names, lang)
        st.dataframe(table, hide_index=True, width="stretch")
        downloads.table_downloads(table, f"{indicator_id}-causes", lang, "indicator_notes")
