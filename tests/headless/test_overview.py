"""The overview (总览): headline counts, the off-track list, the action tiles, the district filter.

Expected numbers come from the status table through the lead's status_export query, computed here
independently of the overview's own SQL.
"""
from __future__ import annotations

import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components import safe
from components.screens import overview as screen_overview
from tests.fixture_data import PLAN as FIXTURE_PLAN
from tests.screens import open_screen
from tracker import db, statuses

PLAN = "nb-cp-2021-2025"
CITY, YINZHOU = "330200", "330212"
CJK = re.compile(r"[\u3400-\u9fff]")


# ---- helpers ------------------------------------------------------------------------------------

def run_app(**query) -> AppTest:
    return open_screen(None, **query)


def nodes(at: AppTest):
    """Every element and block of the page, in the order they are drawn."""
    def walk(node):
        yield node
        for child in getattr(node, "children", {}).values():
            yield from walk(child)
    yield from walk(at._tree)


def keyed(at: AppTest, prefix: str) -> list[str]:
    return [n.key for n in nodes(at) if getattr(n, "key", None) and str(n.key).startswith(prefix)]


def metrics(at: AppTest) -> dict[str, int]:
    return {m.label: int(m.value) for m in at.metric}


def texts(at: AppTest) -> list[str]:
    """Every piece of text a user can read: labels, values, captions, table cells."""
    out: list[str] = []
    for node in nodes(at):
        kind = getattr(node, "type", "")
        if getattr(node, "key", None) == "lang_switch":
            continue  # the switch names the other language in that language ("中文"), by design
        for attr in ("value", "label", "body"):
            try:
                value = getattr(node, attr, None)
            except Exception:  # some elements raise for attributes they do not have
                value = None
            if isinstance(value, str):
                out.append(value)
        if kind == "selectbox":
            out += [str(o) for o in node.options]
        if kind == "arrow_data_frame":
            out += [str(v) for v in node.value.to_numpy().ravel()] + [str(c) for c in node.value.columns]
    return out


def expected_status(year: int, area_code: str | None) -> pd.DataFrame:
    """One row per counted target with its status, from status_export (the headline rule for the
    city: the city's row, or the region's for regional targets; a district: its own rows)."""
    rows = db.run("status_export", plan_id=PLAN, year=year)
    kinds = dict(zip(*db.run("areas")[["area_code", "kind"]].T.to_numpy()))
    if area_code is None:
        region = rows["area_code"].map(kinds) == "region"
        chosen = rows[((rows["scope"] == "region") & region) | ((rows["scope"] != "region") & (rows["area_code"] == CITY))]
    else:
        chosen = rows[rows["area_code"] == area_code]
    return chosen


# ---- pure helpers -------------------------------------------------------------------------------

def test_off_track_keeps_only_off_track_statuses_worst_first():
    frame = pd.DataFrame({
        "indicator_id": list("abcdefg"), "action_no": [4, 5, 6, 7, 8, 9, 10],
        "status": ["achieved", "accelerate", "backwards", "milestone_not_started", "limited", "on_track", "accelerate"],
        "score": [5, 1.0, -4.0, None, -1.0, 3.0, 0.2],
    })
    assert screen_overview.off_track(frame)["indicator_id"].tolist() == ["c", "e", "g", "b", "d"]


def test_headline_counts_cover_every_status():
    actions = pd.DataFrame({f"count_{code}": [1, 2] for code in statuses.ORDER})
    counts = screen_overview.headline_counts(actions)
    assert list(counts) == list(statuses.ORDER)
    assert sum(counts.values()) == 3 * len(statuses.ORDER)


@pytest.mark.parametrize("progress,elapsed,width,mark", [
    (50, 100, "width:50.0%", "left:99.0%"), (130, 60, "width:100.0%", "left:60.0%"),
    (-20, 20, "width:0.0%", "left:20.0%"), (None, None, "width:0.0%", None),
])
def test_progress_bar_is_clipped_and_marks_time_elapsed(progress, elapsed, width, mark):
    html = screen_overview.progress_bar_html(progress, elapsed, "#009E73", "en")
    assert width in html
    assert (mark in html) if mark else ("cp-bar-mark" not in html)


def test_links_keep_language_district_and_a_chosen_year():
    assert screen_overview.link_params("zh", None, None) == {}
    assert screen_overview.link_params("en", YINZHOU, 2023) == {"lang": "en", "district": YINZHOU, "year": "2023"}


def test_assessment_reads_as_final_in_the_target_year():
    plan = {"start_year": 2021, "target_year": 2025}
    assert "最终评估" in screen_overview.assessment_line(plan, 2025, "zh")
    assert "final assessment" in screen_overview.assessment_line(plan, 2025, "en")
    assert "final" not in screen_overview.assessment_line(plan, 2023, "en")


# ---- the SQL on the hand-made warehouse ---------------------------------------------------------

def test_overview_sql_on_the_fixture(fixture_warehouse):
    city = db.run("overview_targets", path=fixture_warehouse, plan_id=FIXTURE_PLAN, year=None, area_code=None)
    assert len(city) == 4 and not city["is_city_only"].any()
    district = db.run("overview_targets", path=fixture_warehouse, plan_id=FIXTURE_PLAN, year=None, area_code="330203")
    judged = district[~district["is_city_only"]]
    assert judged["indicator_id"].tolist() == ["T02-01"]          # the only target with district rows
    assert district.loc[district["is_city_only"], "status"].isna().all()
    actions = db.run("overview_actions", path=fixture_warehouse, plan_id=FIXTURE_PLAN, year=None, area_code="330203")
    assert actions["action_no"].tolist() == [1, 2]                  # every action, also one with no targets
    assert actions["count_targets"].tolist() == [0, 1]
    assert actions["count_city_only"].tolist() == [0, 3]


# ---- the page -----------------------------------------------------------------------------------

def test_overview_headline_adds_up_to_the_catalogue(demo_warehouse):
    at = run_app()
    assert not at.exception
    assert at.title[0].value == "总览"
    counts = metrics(at)
    total = counts.pop("目标合计")
    assert total == len(db.run("indicators", plan_id=PLAN, action_no=None)) == 111
    assert sum(counts.values()) == total
    latest = int(db.run("plan_years", plan_id=PLAN)["year"].max())
    expected = expected_status(latest, None)["status"].value_counts()
    assert counts == {statuses.badge(code, "zh"): int(n) for code, n in expected.items()}
    assert any("最终评估" in m.value for m in at.markdown)


def test_off_track_list_holds_exactly_the_off_track_targets_worst_first(demo_warehouse):
    at = run_app()
    items = keyed(at, "off-")
    ids = [k.split("-is-")[0][len("off-"):] for k in items]
    codes = [k.split("-is-")[1].rstrip("-") for k in items]
    expected = expected_status(2025, None)
    assert set(ids) == set(expected.loc[expected["status"].isin(statuses.OFF_TRACK), "indicator_id"])
    assert len(ids) == len(set(ids))
    assert [statuses.order(c) for c in codes] == sorted(statuses.order(c) for c in codes)
    assert codes[0] == "not_completed"       # 2025 is the target year: verdicts, worst first
    # each item is a tap away from its action page, and the list comes before the tiles
    links = [p for p in at.get("page_link") if "action=" in p.proto.query_string]
    assert links and all(p.proto.page.endswith("action") for p in links[:len(ids)])
    order = [n.key for n in nodes(at) if getattr(n, "key", None) in ("overview-offtrack", "overview-grid-tiles")]
    assert order == ["overview-offtrack", "overview-grid-tiles"]


def test_tiles_show_the_actions_in_the_source_and_collapse_the_rest(demo_warehouse):
    at = run_app()
    actions = db.run("actions", plan_id=PLAN)
    tiles = [int(k.split("-")[1]) for k in keyed(at, "tile-")]
    assert tiles == actions.loc[actions["in_source"], "action_no"].tolist()
    missing = actions.loc[~actions["in_source"], "action_no"].tolist()
    note = [e for e in at.expander if "原文未收录" in e.label]
    assert len(note) == 1 and all(str(n) in note[0].label for n in missing)
    assert not note[0].proto.expanded
    badges = [m.value for m in at.markdown if "-badge[" in m.value]
    assert len(badges) >= len(tiles) and all(any(s.zh in b for s in statuses.STATUSES) for b in badges)


def test_district_filter_recomputes_and_names_city_only_targets(demo_warehouse):
    at = run_app(district=YINZHOU)
    assert not at.exception
    counts = metrics(at)
    total = counts.pop("目标合计")
    expected = expected_status(2025, YINZHOU)
    assert total == len(expected) < 111
    assert counts == {statuses.badge(code, "zh"): int(n) for code, n in expected["status"].value_counts().items()}
    city_only = [e for e in at.expander if "仅有全市数据" in e.label]
    assert len(city_only) == 1 and str(111 - total) in city_only[0].label
    table = city_only[0].dataframe[0].value
    judged = set(expected["indicator_id"])
    names = db.run("indicators", plan_id=PLAN, action_no=None)
    assert set(table.iloc[:, 1]) == set(names.loc[~names["indicator_id"].isin(judged), "name_zh"])
    assert any("鄞州区" in i.value and "仅有全市数据" in i.value for i in at.info)
    links = [p.proto.query_string for p in at.get("page_link") if "action=" in p.proto.query_string]
    assert links and all(f"district={YINZHOU}" in q for q in links)


def test_choosing_a_district_updates_the_url_and_the_figures(demo_warehouse):
    at = run_app()
    city_total = metrics(at)["目标合计"]
    at.selectbox(key="overview_district").set_value(YINZHOU).run()
    assert at.query_params.get("district") in (YINZHOU, [YINZHOU])
    assert metrics(at)["目标合计"] < city_total


def test_an_earlier_year_reads_as_progress_so_far(demo_warehouse):
    at = run_app(year="2023")
    assert not at.exception
    counts = metrics(at)
    counts.pop("目标合计")
    expected = expected_status(2023, None)["status"].value_counts()
    assert counts == {statuses.badge(code, "zh"): int(n) for code, n in expected.items()}
    assert not any("最终评估" in m.value for m in at.markdown)
    assert all("year=2023" in p.proto.query_string for p in at.get("page_link") if "action=" in p.proto.query_string)


@pytest.mark.parametrize("query", [{}, {"district": YINZHOU}, {"year": "2022"}])
def test_english_mode_has_no_chinese(demo_warehouse, query):
    at = run_app(lang="en", **query)
    assert not at.exception
    assert at.title[0].value == "Overview"
    leaks = [text for text in texts(at) if CJK.search(text)]
    assert leaks == []


# ---- what is prepared once per snapshot ---------------------------------------------------------

def _actions(name: str) -> pd.DataFrame:
    row = {"action_no": 4, "name_zh": name, "name_en": name, "in_source": True, "count_targets": 3,
           "count_city_only": 1, "count_off_track": 1, "rollup_status": "limited", "mean_progress_pct": 40.0,
           "mean_time_pct": 100.0, **{f"count_{code}": 0 for code in statuses.ORDER}}
    missing = {**row, "action_no": 1, "in_source": False}
    return pd.DataFrame([row, missing])


def test_catalogue_text_never_reaches_the_html_a_tile_draws():
    """The tile's badge, bar and notes are drawn as Markdown with HTML allowed: only numbers and the
    app's own words may go there. A hostile name stays in the link's label and in escaped Markdown."""
    hostile = '<img src=x onerror="alert(1)">*x*'
    targets = pd.DataFrame({"indicator_id": ["T-1"], "action_no": [4], "status": ["limited"], "score": [-1.0],
                            "name_zh": [hostile], "name_en": [hostile], "comparator": [">="], "value": [1.0],
                            "status_year": [2025], "target_value": [2.0], "unit_zh": ["%"], "unit_en": ["%"],
                            "is_city_only": [False], "scope": ["city"]})
    plan = {"start_year": 2021, "target_year": 2025}
    view = screen_overview.build(plan, 2025, "全市", targets, _actions(hostile), "zh", is_district=True)
    tile = view.tiles[0]
    assert safe.md(hostile) in tile.title and "<img" not in tile.body and "cp-bar" in tile.body
    assert "-badge[" in tile.body and "40%" in tile.body
    label, names = view.missing
    assert names == r'\<img src\=x onerror\=\"alert\(1\)\"\>\*x\*'   # shown as typed, never as markup
    assert view.off_items[0].key == "off-T-1-is-limited-" and safe.md(hostile) in view.off_items[0].label


def test_the_page_is_prepared_once_and_follows_an_import(demo_warehouse, monkeypatch):
    """Reruns reuse the prepared overview; a new snapshot version (an import) prepares it afresh."""
    from components import data

    data.store.clear()
    first = screen_overview.overview(PLAN, 2025, None, "全市", "zh")
    assert screen_overview.overview(PLAN, 2025, None, "全市", "zh") is first
    assert screen_overview.overview(PLAN, 2025, None, "全市", "en") is not first
    monkeypatch.setattr(data.db, "version", lambda path=None: "after-an-import")
    again = screen_overview.overview(PLAN, 2025, None, "全市", "zh")
    assert again is not first and again == first
