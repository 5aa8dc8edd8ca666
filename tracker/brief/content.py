"""Everything the deck and the report show, read once from the warehouse into the plain dataclasses of
tracker/brief/shapes.py (imported from here too, as callers always have).

``gather`` runs the screens' own query files (overview_*, action_targets, action_series,
compare_heatmap, map_*, data_mode, method_notes) through tracker.db and reads the view layer
(tracker/views/: an action's roll-up, what changed since a moment), so the briefing says what the
dashboard says; the deck and the report only lay it out. Texts are in the language asked for.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Mapping

import pandas as pd

from tracker import db, judgement, methodology, provenance
from tracker.areas import city_code, district_codes, shown_area
from tracker.brief import maps, office
from tracker.brief.shapes import (  # noqa: F401  (callers import the shapes from here)
    CHANGE_GROUPS,
    Action,
    Brief,
    BriefError,
    Cell,
    Change,
    Heatmap,
    HeatRow,
    Target,
)
from tracker.brief.words import finite, pct, pick, status, target, w, with_unit
from tracker.views import actions as action_views
from tracker.views import changes_since, counts_line, grade_counts, headline_counts
from tracker.views import compare as compare_view

# ---- the request --------------------------------------------------------------------------------

def resolve(lang: str, year: int | None, district: str | None, plan: str | None) -> tuple[dict, int, str | None]:
    """The plan row, the year and the district code asked for, or BriefError with one sentence."""
    plans = db.run("plans")
    if plan is None:
        if plans.empty:
            raise BriefError(w("error.no_data", lang))
        plan_row = plans.iloc[0].to_dict()
    else:
        found = plans[plans["plan_id"] == plan]
        if found.empty:
            raise BriefError(w("error.plan", lang, value=plan, known=", ".join(plans["plan_id"])))
        plan_row = found.iloc[0].to_dict()
    years = [int(y) for y in db.run("plan_years", plan_id=plan_row["plan_id"])["year"]]
    if not years:
        raise BriefError(w("error.no_data", lang))
    if year is None:
        year = max(years)
    elif int(year) not in years:
        raise BriefError(w("error.year", lang, value=year, known=", ".join(str(y) for y in sorted(years))))
    areas = db.run("areas")
    city, districts = city_code(areas), district_codes(areas)
    if district is not None and district not in districts and district != city:
        raise BriefError(w("error.district", lang, value=district, known=", ".join(districts)))
    return plan_row, int(year), shown_area(district, city)


# ---- gathering ----------------------------------------------------------------------------------

def _int(x: Any) -> int | None:
    value = finite(x)
    return None if value is None else int(value)


def provenance_of(rows: list[Mapping[str, Any]], year: Any, lang: str) -> tuple[str, ...]:
    """Plain text: where the status figure comes from (source and note, or demo) and whether the
    series behind the status mixes demo and imported figures (tracker/provenance.py decides)."""
    fig = provenance.figure_at(rows, year)
    if fig is None:
        return ()
    if fig.demo:
        parts = [w("prov.demo", lang)]
    elif fig.rollup:
        parts = [w("prov.rollup", lang)]
    else:
        parts = [w("prov.source", lang, source=fig.source) if fig.source else w("prov.no_source", lang)]
    if fig.note:
        parts.append(w("prov.note", lang, note=fig.note))
    mix = provenance.mix(rows, year)
    if mix.mixed:
        sep = "、" if lang == "zh" else ", "
        parts.append(w("prov.mixed", lang, demo=provenance.years_text(mix.demo_years, sep),
                       imported=provenance.years_text(mix.imported_years, sep)))
    return tuple(parts)


def target_of(row: dict, lang: str, *, series=(), districts=(), area_name: str = "",
              figures: list[Mapping[str, Any]] | None = None, words: office.OfficeWords | None = None) -> Target:
    cause, measures = (words or office.OfficeWords()).note(str(row["indicator_id"]), str(row.get("area_code")))
    qualitative = row.get("comparator") == "qualitative"
    value = finite(row.get("value"))
    year = _int(row.get("status_year"))
    return Target(
        indicator_id=str(row["indicator_id"]), action_no=int(row["action_no"]), name=pick(row, "name", lang),
        status=str(row.get("status") or "no_data"), status_text=status(str(row.get("status") or "no_data"), lang),
        value=value, value_text=with_unit(value, row, lang) if not qualitative else status(str(row.get("status")), lang),
        target_text=target(row, lang), status_year=year, progress_pct=finite(row.get("progress_pct")),
        time_pct=finite(row.get("time_pct")), score=finite(row.get("score")), is_qualitative=qualitative,
        is_city_only=bool(row.get("is_city_only") or False),
        baseline_text=with_unit(row.get("baseline_value"), row, lang), baseline_year=_int(row.get("baseline_year")),
        target_year=_int(row.get("target_year")), projected_text=with_unit(row.get("projected_value"), row, lang),
        target_value=finite(row.get("target_value")), source_quote=str(row.get("source_quote") or ""),
        area_name=area_name, series=tuple(series), districts=tuple(districts),
        provenance=provenance_of(figures or [], row.get("status_year"), lang),
        area_code=str(row.get("area_code") or ""), unit=pick(row, "unit", lang), measure=str(row.get("measure") or ""),
        direction=str(row.get("direction") or "up"), baseline_value=finite(row.get("baseline_value")),
        lead_unit=office.lead_unit(row, lang), cause=cause, measures=measures)


def _series(frame: pd.DataFrame) -> dict[tuple[str, str], tuple[tuple[int, float], ...]]:
    out: dict[tuple[str, str], list[tuple[int, float]]] = {}
    for row in frame.to_dict("records"):
        value = finite(row.get("plot_value"))
        if value is not None:
            out.setdefault((row["indicator_id"], row["area_code"]), []).append((int(row["year"]), value))
    return {k: tuple(v) for k, v in out.items()}


def heatmap(frame: pd.DataFrame, lang: str) -> Heatmap:
    """compare_heatmap's rows as the compare screen's grid (tracker.views.compare.heatmap)."""
    return compare_view.heatmap(frame, lang)


def action_of(row: dict, frame: pd.DataFrame, series: dict, heat: Heatmap, area_names: dict[str, str],
              lang: str, figures: Mapping[tuple[str, str], list] | None = None,
              words: office.OfficeWords | None = None, *, final: bool) -> Action:
    """One action of overview_actions (``row``) with its targets (action_targets' ``frame``): the
    roll-up as the screens read it (tracker/views/actions.py; ``final``: the target year or later)."""
    by_target = {r.indicator_id: r for r in heat.rows}
    targets, quotes = [], []
    for t in frame.to_dict("records"):
        quote = str(t.get("source_quote") or "").strip()
        if quote and quote not in quotes:
            quotes.append(quote)
        if bool(t.get("is_city_only")):
            continue
        code = str(t["area_code"])
        targets.append(target_of(t, lang, series=series.get((t["indicator_id"], code), ()),
                                 districts=by_target[t["indicator_id"]].cells if t["indicator_id"] in by_target else (),
                                 area_name=area_names.get(code, code),
                                 figures=(figures or {}).get((t["indicator_id"], code)), words=words))
    return Action(
        action_no=int(row["action_no"]), name=pick(row, "name", lang), summary=pick(row, "summary", lang),
        rollup=action_views.of_row(row, final=final), targets=tuple(targets), quotes=tuple(quotes))


def data_line(mode: dict, lang: str) -> str:
    if bool(mode.get("is_demo")):
        return w("report.source.demo", lang)
    return w("report.source.real", lang, n=int(mode.get("count_real") or 0), first=_int(mode.get("first_year")),
             last=_int(mode.get("last_year")))


class Runs:
    """The warehouse's query files run once per set of parameters: a pack per district made in one
    run (``--district all``) reads what the districts share (the catalogue, the heatmaps, the maps,
    the method) once."""

    def __init__(self) -> None:
        self.found: dict[tuple, Any] = {}

    def __call__(self, name: str, **params: Any) -> pd.DataFrame:
        key = (name, tuple(sorted((k, v if not isinstance(v, list) else tuple(v)) for k, v in params.items())))
        if key not in self.found:
            self.found[key] = db.run(name, **params)
        return self.found[key]

    def keep(self, key: tuple, make):
        """Anything else made once per run (the map parts, the office's words)."""
        if key not in self.found:
            self.found[key] = make()
        return self.found[key]


def gather(*, lang: str = "zh", year: int | None = None, district: str | None = None, plan: str | None = None,
           made: dt.date | None = None, with_maps: bool = True, since: dt.datetime | None = None,
           inclusive: bool = False, issuer: str | None = None, runs: Runs | None = None) -> Brief:
    """The briefing's content for one plan, year, area and language (BriefError for a bad request);
    with ``since``, what changed since that moment too (``inclusive``: from the write at that moment on).
    ``runs``: share the query results with other packs made in the same run."""
    lang = "en" if lang == "en" else "zh"
    run = runs or Runs()
    plan_row, year, area = resolve(lang, year, district, plan)
    plan_id = str(plan_row["plan_id"])
    areas = run("areas")
    area_names = {r["area_code"]: pick(r, "name", lang) for r in areas.to_dict("records")}
    area_name = area_names[area] if area else w("whole_city", lang)
    params = dict(plan_id=plan_id, year=year, area_code=area)
    overview_targets, overview_actions = run("overview_targets", **params), run("overview_actions", **params)
    catalogue = run("actions", plan_id=plan_id).set_index("action_no")
    heat = run.keep(("heat", plan_id, year, lang), lambda: heatmap(compare_view.rows(run, plan_id, year), lang))
    before = run.keep(("heat", plan_id, year - 1, lang), lambda: heatmap(compare_view.rows(run, plan_id, year - 1), lang))
    words = run.keep(("office", plan_id, year, lang), lambda: office.read(plan_id, year, lang))
    final = judgement.is_final(year, plan_row["target_year"])
    actions, missing, city_only, city_only_count = [], [], [], 0
    for row in overview_actions.to_dict("records"):
        no = int(row["action_no"])
        row = {**row, **{k: catalogue.loc[no, k] for k in ("summary_zh", "summary_en")}} if no in catalogue.index else row
        if not bool(row["in_source"]):
            missing.append(pick(row, "name", lang))
            continue
        frame = run("action_targets", plan_id=plan_id, action_no=no, year=year, area_code=area)
        points = run("action_series", plan_id=plan_id, action_no=no, year=year, area_code=area)
        figures: dict[tuple[str, str], list] = {}
        for r in points.to_dict("records"):
            figures.setdefault((r["indicator_id"], r["area_code"]), []).append(r)
        action = action_of(row, frame, _series(points), heat, area_names, lang, figures, words, final=final)
        city_only_count += action.count_city_only
        if area and not action.targets:      # a district pack: no page that only says "city figures only"
            city_only.append(w("action.title", lang, no=action.action_no, name=action.name))
            continue
        actions.append(action)
    mode = run("data_mode").to_dict("records")
    mode = mode[0] if mode else {"is_demo": False}
    notes = run("method_notes", plan_id=plan_id).to_dict("records")
    map_parts = run.keep(("maps", plan_id, year, lang, area), lambda: maps.parts(plan_id, year, lang, district=area,
                                                                                 run=run)) if with_maps else ()
    return Brief(
        lang=lang, plan_id=plan_id, plan_name=pick(plan_row, "name", lang), start_year=int(plan_row["start_year"]),
        target_year=int(plan_row["target_year"]), baseline_year=int(plan_row["baseline_year"]), year=year,
        area_code=area, area_name=area_name, made=made or dt.date.today(), is_demo=bool(mode.get("is_demo")),
        data_line=data_line(mode, lang), counts=headline_counts(overview_actions),
        grades=grade_counts(overview_targets) if not final else {},
        nearly_pct=finite(plan_row.get("nearly_pct")) or judgement.NEARLY_PCT,
        actions=tuple(actions), not_in_source=tuple(missing), heatmap=heat,
        maps=map_parts,
        method=methodology.method_text(lang, int(plan_row["baseline_year"]), int(plan_row["target_year"]),
                                       finite(plan_row.get("nearly_pct"))),
        readings=tuple((r["indicator_id"], pick(r, "name", lang), pick(r, "note", lang)) for r in notes),
        since=since, changes=changes_since(plan_id, since, year, area, lang, inclusive=inclusive, run=run).items
        if since else (),
        heat_before=before, sections=dict(words.sections), issuer=issuer or w("title.issuer", lang),
        city_only_actions=tuple(city_only), city_only_count=city_only_count)


def progress_line(action: Action, lang: str) -> str:
    """'9项目标，3项未达进度；平均完成进度83%，序时进度60%'; in the target year '9项中6项已完成，…；
    平均完成进度93%' (no 序时进度): the counts line is the screens' (tracker/views/actions.py)."""
    rollup = action.rollup
    text = counts_line(rollup, lang)
    if rollup.mean_progress_pct is not None:
        text += ("；" if lang == "zh" else "; ") + (
            w("action.progress_final", lang, p=pct(rollup.mean_progress_pct)) if rollup.final else
            w("action.progress", lang, p=pct(rollup.mean_progress_pct), t=pct(rollup.mean_time_pct)))
    return text
