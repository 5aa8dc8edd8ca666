"""The view layer for districts, the compare grid and the coverage maps (tracker/views/): plain data
in, plain data out, and the screens and the pack showing the same thing because they read it.

A district has two ranks on purpose, each named for its measure: the district screen's overall rank
by mean score (``by_score``) and the assessment's ranking by the share completed (``by_completion``).
"""
from __future__ import annotations

import pandas as pd
import pytest

from components.screens import district as screen_district
from components.screens.compare import grid as compare_grid
from tracker import areas, db, map_classes
from tracker.brief import assessment
from tracker.brief import maps as brief_maps
from tracker.brief.content import gather
from tracker.brief.content import heatmap as pack_heatmap
from tracker.views import compare, districts, maps
from tracker.words import say

PLAN = "nb-cp-2021-2025"
YEARS = (2023, 2025)


def grid_of(year: int, lang: str = "zh") -> compare.Grid:
    return compare.heatmap(db.run("compare_heatmap", plan_id=PLAN, year=year, action_nos=None, area_codes=None), lang)


# ---- the city and the area shown ----------------------------------------------------------------

def test_the_whole_city_is_asked_for_as_no_area_and_a_district_as_itself(demo_warehouse):
    rows = db.run("areas")
    city = areas.city_code(rows)
    assert city == areas.city_code(rows.to_dict("records")) == "330200"
    assert areas.shown_area(city, city) is None and areas.shown_area(None, city) is None
    assert areas.shown_area("330212", city) == "330212"
    assert len(areas.district_codes(rows)) == 10 and city not in areas.district_codes(rows)
    assert areas.city_code([{"area_code": "330212", "kind": "district"}]) is None


# ---- ranks --------------------------------------------------------------------------------------

def test_equal_measures_share_the_better_rank_and_the_next_rank_skips():
    ranks = districts.competition_ranks({"a": 80.0, "b": 95.0, "c": 80.0, "d": 10.0, "e": None})
    assert ranks == {"b": 1, "a": 2, "c": 2, "d": 4}


def _ranks_are_competition_ranks(ranks: list[int], measures: list[float]) -> None:
    """1 for the best, ties share the better rank, each rank = 1 + how many are strictly better."""
    assert min(ranks) == 1 and max(ranks) <= len(ranks)
    for rank, measure in zip(ranks, measures):
        assert rank == 1 + sum(other > measure for other in measures)


@pytest.mark.parametrize("year", YEARS)
def test_the_overall_rank_by_mean_score_runs_from_1_and_ties_share_it(demo_warehouse, year):
    standing = districts.by_score(db.run("district_standing", plan_id=PLAN, year=year, district=None))
    assert len(standing) == 10
    ranked = [s for s in standing.values() if s.rank is not None]
    assert ranked and all(s.count_ranked == len(ranked) for s in standing.values())
    _ranks_are_competition_ranks([s.rank for s in ranked], [s.mean_score for s in ranked])


@pytest.mark.parametrize("year", YEARS)
def test_the_completion_ranking_runs_from_1_best_first_and_ties_share_a_rank(demo_warehouse, year):
    ranking = districts.by_completion(grid_of(year), grid_of(year - 1))
    assert len(ranking) == 10
    assert [r.rank for r in ranking] == sorted(r.rank for r in ranking)
    rated = [r for r in ranking if r.rate is not None]
    _ranks_are_competition_ranks([r.rank for r in rated], [r.rate for r in rated])
    for r in rated:
        assert r.rate == pytest.approx(100.0 * r.done / r.judged)
        assert r.rank_before is not None


def test_a_district_with_a_rank_before_says_how_it_moved():
    row = districts.Rank("330212", "鄞州区", 10, 5, 5, 50.0, rank=2, rank_before=4)
    assert row.move("zh") == "↑2"
    assert districts.Rank("x", "x", 1, 1, 0, 100.0, 3, 1).move("en") == "↓2"
    assert districts.Rank("x", "x", 1, 1, 0, 100.0, 3, 3).move("zh") == say("brief.rank.same", "zh")


def test_the_district_screens_overall_rank_is_the_views(demo_warehouse):
    """Before the target year the district screen ranks by mean score, among every district whichever
    district is asked."""
    everyone = districts.by_score(db.run("district_standing", plan_id=PLAN, year=2023, district=None))
    for code in ("330212", "330226"):
        mine = districts.by_score(db.run("district_standing", plan_id=PLAN, year=2023, district=code))[code]
        assert mine == everyone[code]
        rank = districts.headline(db.run, PLAN, 2023, code, final=False)
        assert (rank.rank, rank.count, rank.by_completion) == (mine.rank, mine.count_ranked, False)
        card = districts.Scorecard.from_frame(
            db.run("district_scorecard", plan_id=PLAN, district=code, year=2023))
        built = screen_district.build(card, rank, mine, pd.DataFrame(), code, 2023, "en")
        label, value, _ = built.metrics[0]
        assert label == say("district.rank", "en")
        assert value == say("district.rank_value", "en", rank=mine.rank, n=mine.count_ranked)


@pytest.mark.parametrize("code", ["330212", "330226", "330282"])
def test_in_the_target_year_the_screen_gives_the_rank_the_report_gives(demo_warehouse, code):
    """In 2025 a district's screen and its assessment pack name the same rank, by completion: a leader
    holding the report in front of the screen reads one number."""
    from components.screens.district import prepared

    own = assessment.own_rank(gather(lang="zh", year=2025, district=code, with_maps=False))
    assert own is not None and own.rate is not None
    label, value, help_text = prepared.view(PLAN, code, 2025, code, "zh", 2025).metrics[0]
    assert label == say("district.rank_completion", "zh") and "终期评估" in help_text
    assert value == say("district.rank_value", "zh", rank=own.rank, n=10)


@pytest.mark.parametrize("district", [None, "330212"])
def test_the_packs_ranking_is_the_views_completion_ranking(demo_warehouse, district):
    b = gather(lang="zh", year=2025, district=district, with_maps=False)
    expected = districts.by_completion(grid_of(2025), grid_of(2024))
    assert assessment.ranking(b) == expected
    mine = assessment.own_rank(b)
    assert (mine is None) == (district is None)
    if district:
        assert mine == next(r for r in expected if r.area_code == district)


# ---- the compare grid ---------------------------------------------------------------------------

@pytest.mark.parametrize("year", YEARS)
def test_the_heatmap_has_one_cell_per_district_on_every_row(demo_warehouse, year):
    grid = grid_of(year)
    codes = [code for code, _ in grid.districts]
    assert len(codes) == 10 and codes == sorted(codes)
    assert grid.rows and all([c.area_code for c in row.cells] == codes for row in grid.rows)
    assert len({row.indicator_id for row in grid.rows}) == len(grid.rows)


def test_a_target_without_a_row_for_a_district_gets_a_no_data_cell():
    frame = pd.DataFrame([
        dict(indicator_id="T-1", action_no=1, name_zh="甲", name_en="A", unit_zh="%", unit_en="%", area_code="2",
             area_name_zh="二", area_name_en="Two", value=50.0, status="on_track"),
        dict(indicator_id="T-2", action_no=1, name_zh="乙", name_en="B", unit_zh="%", unit_en="%", area_code="1",
             area_name_zh="一", area_name_en="One", value=None, status="no_data"),
    ])
    grid = compare.heatmap(frame, "en")
    assert grid.districts == (("1", "One"), ("2", "Two"))
    first = grid.rows[0]
    assert [(c.area_code, c.status, c.value_text) for c in first.cells] == [("1", "no_data", "—"), ("2", "on_track", "50%")]


def test_the_compare_screen_and_the_pack_show_the_grids_statuses_and_figures(demo_warehouse):
    frame = db.run("compare_heatmap", plan_id=PLAN, year=2025, action_nos=None, area_codes=None)
    grid = compare.heatmap(frame, "en")
    expected = {(row.indicator_id, c.area_code): (c.status, c.value_text, c.name) for row, c in grid.cells()}
    shown = compare_grid.cells(frame, "en")
    assert len(shown) == len(expected)
    assert {(r["indicator_id"], r["area_code"]): (r["status"], r["value_text"], r["district"])
            for r in shown.to_dict("records")} == expected
    pack = pack_heatmap(frame, "en")
    assert pack.districts == grid.districts
    assert {(row.indicator_id, c.area_code): (c.status, c.value_text, c.name)
            for row in pack.rows for c in row.cells} == expected


# ---- the coverage maps --------------------------------------------------------------------------

def _map_targets() -> list[dict]:
    return db.run("map_targets", plan_id=PLAN).to_dict("records")


def test_every_district_on_a_map_is_in_one_of_its_classes_and_the_legend_counts_them(demo_warehouse):
    for spec in _map_targets():
        for year in (2023, 2025):
            view = maps.districts(db.run("map_district_values", indicator_id=spec["indicator_id"], year=year),
                                  spec, year, "en")
            assert len(view.rows) == 10
            keys = [b.key for b in view.classes]
            assert [item.key for item in view.legend] == keys
            assert all(r.band in keys for r in view.rows)
            assert sum(item.count for item in view.legend) == len(view.rows)
            colour = {b.key: b.color for b in view.classes}
            assert all(r.color == colour[r.band] for r in view.rows)
            labels = [map_classes.label(b, spec, "en") for b in view.classes]
            assert all(item.label.startswith(label) for item, label in zip(view.legend, labels))
            assert all(r.met == map_classes.is_met(next(b for b in view.classes if b.key == r.band))
                       for r in view.rows)


def test_the_map_screen_and_the_packs_picture_draw_the_same_rows_and_legend(demo_warehouse):
    from components import maps as screen_maps

    parts = {p.indicator_id: p for p in brief_maps.parts(PLAN, 2025, "zh")}
    assert parts
    for spec in _map_targets():
        part = parts.get(spec["indicator_id"])
        if part is None:
            continue
        values = db.run("map_district_values", indicator_id=spec["indicator_id"], year=part.year)
        view = maps.districts(values, spec, part.year, "zh")
        assert part.rows == view.rows
        assert part.summary == view.summary
        assert list(part.legend) == [(i.color, i.label) for i in view.legend if i.count or i.key != "no_data"]
        frame, classes = screen_maps.district_view(values, spec, "zh")
        assert classes == list(view.classes)
        assert frame[["area_code", "color", "value_text", "status_text", "townships_text"]].values.tolist() == \
            [[r.area_code, r.color, r.value_text, r.status_text, r.townships_text] for r in view.rows]
        assert screen_maps.legend(frame, classes, spec, "zh")["label"].tolist() == [i.label for i in view.legend]


def test_township_coverage_counts_every_township_in_the_sentence_and_the_cell():
    spec = dict(indicator_id="T-1", name_zh="覆盖率", name_en="Coverage", unit_zh="%", unit_en="%", comparator=">=",
                target_value=60.0, measure="share", scope="township_share", aggregation="weighted")
    values = [dict(area_code="1", name_zh="一", name_en="One", kind="district", value=70.0, status="on_track",
                   townships=10, covered=6, reported=8),
              dict(area_code="2", name_zh="二", name_en="Two", kind="district", value=None, status="no_data",
                   townships=9, covered=None, reported=None)]
    view = maps.districts(values, spec, 2024, "en")
    one, two = view.rows
    assert (one.covered, one.reported, one.counted) == (6, 8, 10)
    assert one.townships_text.startswith("6 of 10 townships covered") and "reported for 8 of 10" in one.townships_text
    assert one.townships == "6 of 10"
    assert two.townships_text == two.townships == ""
