"""Everything the deck and the report show, read once from the warehouse into plain dataclasses.

``gather`` runs the screens' own query files (overview_*, action_targets, action_series,
compare_heatmap, map_*, data_mode, method_notes) through tracker.db, so the briefing says what the
dashboard says; the deck and the report only lay it out. Texts are in the language asked for.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Mapping

import pandas as pd

from tracker import db, judgement, methodology, provenance, statuses
from tracker.areas import city_code, district_codes, shown_area
from tracker.brief import maps, office
from tracker.brief.words import finite, pct, pick, status, target, w, with_unit
from tracker.views import compare as compare_view
from tracker.views import headline_counts


class BriefError(ValueError):
    """A request the briefing cannot answer (unknown plan, year or district): one sentence."""


@dataclass(frozen=True)
class Target:
    indicator_id: str
    action_no: int
    name: str
    status: str                 # status code
    status_text: str            # icon and word
    value: float | None         # the value compared with the target (None: no figure)
    value_text: str
    target_text: str
    status_year: int | None
    progress_pct: float | None
    time_pct: float | None
    score: float | None
    is_qualitative: bool
    is_city_only: bool = False
    baseline_text: str = "—"
    baseline_year: int | None = None
    target_year: int | None = None
    projected_text: str = "—"
    target_value: float | None = None
    source_quote: str = ""
    area_name: str = ""
    series: tuple[tuple[int, float], ...] = ()        # (year, plotted value) of the area shown
    districts: tuple["Cell", ...] = ()                # every district's figure, when judged per district
    provenance: tuple[str, ...] = ()                  # the figure's source and note, demo, a mixed series
    area_code: str = ""
    unit: str = ""
    measure: str = ""
    direction: str = "up"
    baseline_value: float | None = None
    lead_unit: str = ""                               # 牵头单位 (tracker/commentary.py: 未指定 when blank)
    cause: str = ""                                   # the office's 原因分析 for this target and area
    measures: str = ""                                # the office's 下一步措施

    @property
    def unfinished(self) -> bool:
        return self.status in ("not_completed", "nearly_completed") or self.status in statuses.OFF_TRACK

    @property
    def done(self) -> bool:
        return self.status in statuses.GOOD

    def latest(self, lang: str) -> str:
        """'63.1%（2025）' / '63.1% (2025)', '—' without a figure, the word for a qualitative target."""
        if self.is_qualitative:
            return w("action.qualitative", lang)
        if self.value is None or self.status_year is None:
            return "—"
        return f"{self.value_text}（{self.status_year}）" if lang == "zh" else f"{self.value_text} ({self.status_year})"


@dataclass(frozen=True)
class Cell:
    area_code: str
    name: str
    status: str
    value_text: str


@dataclass(frozen=True)
class Action:
    action_no: int
    name: str
    summary: str
    status: str | None                 # the roll-up; None when the area has no figures for it
    count_targets: int
    count_off_track: int
    count_city_only: int
    mean_progress_pct: float | None
    mean_time_pct: float | None
    targets: tuple[Target, ...]        # the targets judged for the area (all of them for the city)
    quotes: tuple[str, ...]            # the plan's wording, each clause once, in catalogue order
    verdicts: dict[str, int] = field(default_factory=dict)   # targets per verdict (the target year)


@dataclass(frozen=True)
class HeatRow:
    indicator_id: str
    action_no: int
    name: str
    cells: tuple[Cell, ...]            # one per district, in the order of Heatmap.districts


@dataclass(frozen=True)
class Heatmap:
    districts: tuple[tuple[str, str], ...]     # (area_code, name)
    rows: tuple[HeatRow, ...]


@dataclass(frozen=True)
class Change:
    """One target and area whose status differs between the moment asked for and now."""
    group: str                  # worse, better, new or gone (CHANGE_GROUPS)
    indicator_id: str
    action_no: int
    name: str
    area_name: str
    status_before: str | None   # status code then (None: no figure then)
    status_now: str | None
    before_text: str            # icon and word, or '—'
    now_text: str
    value_before_text: str      # value with its unit and year, or '—'
    value_now_text: str


CHANGE_GROUPS = ("worse", "better", "new", "gone")      # worst group first


@dataclass(frozen=True)
class Brief:
    lang: str
    plan_id: str
    plan_name: str
    start_year: int
    target_year: int
    baseline_year: int
    year: int
    area_code: str | None
    area_name: str
    made: dt.date
    is_demo: bool
    data_line: str                            # where the figures come from
    counts: dict[str, int]                    # targets per status, worst first (zeros kept)
    actions: tuple[Action, ...]               # the actions in the source text
    not_in_source: tuple[str, ...]            # the names of those that are not
    heatmap: Heatmap
    maps: tuple[maps.MapPart, ...]
    method: str                               # the full method in words
    readings: tuple[tuple[str, str, str], ...] = field(default=())   # (indicator_id, name, note)
    since: dt.datetime | None = None          # --since: the moment the changes are counted from
    changes: tuple[Change, ...] = ()          # what changed since then, CHANGE_GROUPS order
    grades: dict[str, int] = field(default_factory=dict)   # mid-term grades (before the target year)
    nearly_pct: float = judgement.NEARLY_PCT                # the plan's 基本完成 threshold
    heat_before: Heatmap = Heatmap((), ())                  # the heatmap of the year before (district ranks then)
    sections: dict[str, str] = field(default_factory=dict)  # the office's plan-level text per section
    issuer: str = ""                                        # the issuing unit on the cover
    city_only_actions: tuple[str, ...] = ()                 # a district pack: actions with city figures only
    city_only_count: int = 0                                # targets with city figures only

    @property
    def targets(self) -> tuple[Target, ...]:
        """Every target judged for the area shown, in catalogue order (the annex's rows)."""
        return tuple(t for a in self.actions for t in a.targets)

    def changed(self, group: str) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.group == group)

    @property
    def is_final(self) -> bool:
        return judgement.is_final(self.year, self.target_year)

    def lead(self) -> str:
        """The headline sentence: the verdict counts in the target year (tracker/judgement.py); before
        it the mid-term grades, then the pace counts."""
        lang = self.lang
        if not self.total:
            return w("counts.none", lang, area=self.area_name)
        if self.is_final:
            return judgement.final_headline(self.counts, lang, self.area_name)
        pace = w("counts.lead", lang, area=self.area_name, n=self.total, good=self.good, off=self.off)
        grades = judgement.interim_headline(self.grades, self.year, lang, self.area_name) if self.grades else ""
        return f"{grades}{' ' if grades and lang == 'en' else ''}{pace}"

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def good(self) -> int:
        return sum(self.counts[c] for c in statuses.GOOD)

    @property
    def off(self) -> int:
        return sum(self.counts[c] for c in statuses.OFF_TRACK)


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
    """compare_heatmap's rows as the compare screen's grid (tracker.views.compare.heatmap), in the
    pack's dataclasses."""
    grid = compare_view.heatmap(frame, lang)
    return Heatmap(grid.districts, tuple(
        HeatRow(r.indicator_id, r.action_no, r.name, tuple(Cell(c.area_code, c.name, c.status, c.value_text)
                                                           for c in r.cells)) for r in grid.rows))


def action_of(row: dict, frame: pd.DataFrame, series: dict, heat: Heatmap, area_names: dict[str, str],
              lang: str, figures: Mapping[tuple[str, str], list] | None = None,
              words: office.OfficeWords | None = None) -> Action:
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
    judged = int(row["count_targets"])
    return Action(
        action_no=int(row["action_no"]), name=pick(row, "name", lang), summary=pick(row, "summary", lang),
        status=str(row["rollup_status"]) if judged else None, count_targets=judged,
        count_off_track=int(row["count_off_track"]), count_city_only=int(row["count_city_only"]),
        mean_progress_pct=finite(row.get("mean_progress_pct")), mean_time_pct=finite(row.get("mean_time_pct")),
        targets=tuple(targets), quotes=tuple(quotes),
        verdicts={c: int(row.get(f"count_{c}") or 0) for c in statuses.VERDICTS})


def data_line(mode: dict, lang: str) -> str:
    if bool(mode.get("is_demo")):
        return w("report.source.demo", lang)
    return w("report.source.real", lang, n=int(mode.get("count_real") or 0), first=_int(mode.get("first_year")),
             last=_int(mode.get("last_year")))


def _value_then(value: Any, year: Any, unit: Mapping[str, Any], lang: str) -> str:
    if unit.get("comparator") == "qualitative":
        return "—"                              # a milestone: its status says it
    shown, y = with_unit(value, unit, lang), _int(year)
    if shown == "—" or y is None:
        return shown
    return f"{shown} ({y})" if lang == "en" else f"{shown}（{y}）"


def changes_since(plan_id: str, since: dt.datetime, year: int, area: str | None, lang: str, *,
                  inclusive: bool = False) -> tuple[Change, ...]:
    """queries/changes_since.sql for the area shown (a district's own rows; for the whole city the
    city's and the region's, as components/changes.area_rows), grouped worst first. ``inclusive``:
    the screens' meaning of a moment, "from that write on" (the status just before it is "then")."""
    at = since - dt.timedelta(microseconds=1) if inclusive else since
    found = db.run("changes_since", plan_id=plan_id, since=at, year=year)
    found = found[found["area_code"] == area] if area else found[found["area_kind"].isin(["city", "region"])]
    units = {r["indicator_id"]: r for r in db.run("indicators", plan_id=plan_id, action_no=None).to_dict("records")}
    out = []
    for group in CHANGE_GROUPS:
        for r in found[found["change"] == group].to_dict("records"):
            unit = units.get(r["indicator_id"], {})
            before, now = r.get("status_before"), r.get("status_now")
            before = str(before) if isinstance(before, str) else None
            now = str(now) if isinstance(now, str) else None
            out.append(Change(
                group=group, indicator_id=str(r["indicator_id"]), action_no=int(r["action_no"]),
                name=pick(r, "name", lang), area_name=pick(r, "area_name", lang) or str(r["area_code"]),
                status_before=before, status_now=now, before_text=status(before, lang) if before else "—",
                now_text=status(now, lang) if now else "—",
                value_before_text=_value_then(r.get("value_before"), r.get("year_before"), unit, lang),
                value_now_text=_value_then(r.get("value_now"), r.get("year_now"), unit, lang)))
    return tuple(out)


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
        action = action_of(row, frame, _series(points), heat, area_names, lang, figures, words)
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
        grades=judgement.grade_counts(overview_targets.loc[~overview_targets["is_city_only"].astype(bool), "grade"])
        if not judgement.is_final(year, plan_row["target_year"]) else {},
        nearly_pct=finite(plan_row.get("nearly_pct")) or judgement.NEARLY_PCT,
        actions=tuple(actions), not_in_source=tuple(missing), heatmap=heat,
        maps=map_parts,
        method=methodology.method_text(lang, int(plan_row["baseline_year"]), int(plan_row["target_year"]),
                                       finite(plan_row.get("nearly_pct"))),
        readings=tuple((r["indicator_id"], pick(r, "name", lang), pick(r, "note", lang)) for r in notes),
        since=since, changes=changes_since(plan_id, since, year, area, lang, inclusive=inclusive) if since else (),
        heat_before=before, sections=dict(words.sections), issuer=issuer or w("title.issuer", lang),
        city_only_actions=tuple(city_only), city_only_count=city_only_count)


def progress_line(action: Action, lang: str) -> str:
    """'9项目标，3项未达进度；平均完成进度83%，序时进度60%'; in the target year '9项中6项已完成，…；
    平均完成进度93%' (no 序时进度)."""
    if action.mean_time_pct is None and any(action.verdicts.values()):
        text = judgement.action_line(action.verdicts, lang)
        if action.mean_progress_pct is not None:
            text += ("；" if lang == "zh" else "; ") + w("action.progress_final", lang, p=pct(action.mean_progress_pct))
        return text
    text = w("action.counts", lang, n=action.count_targets, off=action.count_off_track)
    if action.mean_progress_pct is not None:
        text += ("；" if lang == "zh" else "; ") + w("action.progress", lang, p=pct(action.mean_progress_pct),
                                                      t=pct(action.mean_time_pct))
    return text
