"""A figure's provenance on screen: its source and its note (``prov.note``, a caveat shown beside the
figure), demo figures marked with a word and a marker (◇, never colour alone), and the sentence for a
status computed from a series mixing demo and imported figures. What counts as demo is
tracker/provenance.py's; imported text is made inert here (components/safe.md) for Markdown sinks,
and left plain for tables (st.dataframe cells are not Markdown).
"""
from __future__ import annotations

from typing import Any, Iterable, Mapping

import pandas as pd

from components import data
from components.i18n import t
from components.safe import md
from tracker import provenance


def kind_word(kind: Any, lang: str) -> str:
    """'◇ 演示' / '● 导入': the marker and the word for a table cell."""
    return t("prov.kind.demo" if provenance.is_demo(kind) else "prov.kind.imported", lang)


def figure_lines(fig: provenance.Figure | None, lang: str) -> list[str]:
    """The figure's provenance as Markdown lines (outside text escaped; markers are plain characters,
    not Streamlit icons, so nothing in a line with outside text reads as syntax): a demo figure says
    so (◇); an imported one gives its source and its note as a caveat (※)."""
    if fig is None:
        return []
    if fig.demo:
        lines = [f"◇ **{md(t('prov.demo', lang))}**"]
    elif fig.rollup:
        lines = [md(rollup_text(fig, lang))]
    else:
        lines = [md(t("prov.source", lang, source=fig.source)) if fig.source else md(t("prov.no_source", lang))]
    if fig.note:
        lines.append("※ " + md(t("prov.note", lang, note=fig.note)))
    return lines


def rollup_text(fig: provenance.Figure, lang: str) -> str:
    covered, reported, townships = fig.rollup or (0, 0, 0)
    return t("prov.rollup", lang, covered=covered, reported=reported, townships=townships)


def mix_line(mix: provenance.Mix, lang: str) -> str | None:
    """The sentence for a status computed from a series mixing demo and imported figures (Markdown)."""
    if not mix.mixed:
        return None
    sep = "、" if lang == "zh" else ", "
    return "⚠ " + md(t("prov.mixed", lang, demo=provenance.years_text(mix.demo_years, sep),
                                         imported=provenance.years_text(mix.imported_years, sep)))


def status_lines(rows: Iterable[Mapping[str, Any]] | None, year: Any, lang: str) -> list[str]:
    """For a target's status shown in one area: the figure of the status year, and whether the
    series behind the status mixes demo and imported figures."""
    rows = list(rows or [])
    lines = figure_lines(provenance.figure_at(rows, year), lang)
    if mixed := mix_line(provenance.mix(rows, year), lang):
        lines.append(mixed)
    return lines


def small(lines: list[str]) -> list[str]:
    return [f":small[{line}]" for line in lines]


def columns(frame: pd.DataFrame, lang: str) -> dict[str, list[str]]:
    """Kind, source and note columns for a table of figures (plain text, for st.dataframe)."""
    records = frame.to_dict("records")
    figs = [provenance.figure(r) if r.get("batch_kind") is not None and r.get("batch_kind") == r.get("batch_kind")
            else None for r in records]
    return {
        t("prov.col.kind", lang): [kind_word(r.get("batch_kind"), lang) if f else "—" for r, f in zip(records, figs)],
        t("prov.col.source", lang): [(rollup_text(f, lang) if f.rollup else f.source or "—") if f else "—"
                                     for f in figs],
        t("prov.col.note", lang): [(f.note or "—") if f else "—" for f in figs],
    }


def with_columns(table: pd.DataFrame, figures: list[Mapping[str, Any] | None], lang: str) -> pd.DataFrame:
    """``table`` with the kind, source and note of each row's figure (``figures`` in the table's row
    order; None or {} for a row without one): '—' where there is none."""
    rows = pd.DataFrame([dict(f) if f else {"batch_kind": None, "year": 0} for f in figures])
    if rows.empty:
        return table
    for name, values in columns(rows, lang).items():
        table[name] = values
    return table


def figures_table(series: pd.DataFrame, value_text: Any, lang: str) -> pd.DataFrame:
    """One row per figure in force: area, year, value (as ``value_text(row)`` writes it), kind,
    source and note, newest year first within each area."""
    names = series[f"area_name_{'en' if lang == 'en' else 'zh'}"].tolist()
    frame = pd.DataFrame({
        t("indicator.col.area", lang): [n if isinstance(n, str) and n else c
                                        for n, c in zip(names, series["area_code"].tolist())],
        t("col.year", lang): series["year"].astype(int).tolist(),
        t("indicator.col.value", lang): [value_text(r) for r in series.to_dict("records")],
    })
    for name, values in columns(series, lang).items():
        frame[name] = values
    return frame


def sources_by_target(plan_id: str, area_code: str | None) -> dict[tuple[str, str], list]:
    """queries/figure_sources.sql rows (each figure's source, note and kind) per (indicator_id, area_code)."""
    out: dict[tuple[str, str], list] = {}
    for r in data.rows("figure_sources", plan_id=plan_id, area_code=area_code):
        out.setdefault((r["indicator_id"], r["area_code"]), []).append(r)
    return out


def kind_mark(rows: Iterable[Mapping[str, Any]] | None, year: Any, lang: str) -> str:
    """A short mark after a figure shown in a list: ' · ◇ 演示' for a demo figure, ' · ⚠ 演示与导入混合'
    for a status from a mixed series, '' otherwise."""
    rows = list(rows or [])
    fig = provenance.figure_at(rows, year)
    if fig is None:
        return ""
    if provenance.mix(rows, year).mixed:
        return t("prov.mark.mixed", lang)
    return t("prov.mark.demo", lang) if fig.demo else ""
