"""The district page (区县): what a user sees for every district, the ranks behind it, and bad links."""
from __future__ import annotations

import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components.screens import district as screen_district
from tests.markdown_text import visible
from tests.screens import open_screen
from tracker import db, statuses

PAGE = "pages/district.py"
PLAN = "nb-cp-2021-2025"
CJK = re.compile(r"[\u3400-\u9fff]")
DISTRICTS = ["330203", "330205", "330206", "330211", "330212", "330213", "330225", "330226", "330281", "330282"]


def run_page(**query) -> AppTest:
    return open_screen(PAGE, **query)


def frame_with(at: AppTest, column: str) -> pd.DataFrame:
    """The first table on screen that has ``column`` (tables are found by what they show)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


@pytest.fixture(scope="module")
def judged_ids(demo_warehouse) -> set[str]:
    """Targets the engine assessed in at least one district: every one belongs on every scorecard."""
    status = db.run("status_export", plan_id=PLAN, year=None)
    areas = db.run("areas")
    districts = set(areas.loc[areas["kind"] == "district", "area_code"])
    return set(status.loc[status["area_code"].isin(districts), "indicator_id"])


@pytest.fixture(scope="module")
def cards(demo_warehouse) -> dict[str, pd.DataFrame]:
    return {code: db.run("district_scorecard", plan_id=PLAN, district=code, year=None) for code in DISTRICTS}


@pytest.mark.parametrize("code", DISTRICTS)
def test_every_district_shows_its_whole_scorecard(demo_warehouse, judged_ids, code):
    at = run_page(district=code)
    assert not at.exception
    name = db.run("areas").set_index("area_code").loc[code, "name_zh"]
    assert at.title[0].value == f"区县：{name}"
    table = frame_with(at, "状态")
    assert set(table["编号"]) == judged_ids
    ranks = [tuple(map(int, r.split("/"))) for r in table["区县排名"]]
    assert all(1 <= rank <= n == 10 for rank, n in ranks)
    assert all(any(s.endswith(statuses.label(c)) for c in statuses.ORDER) for s in table["状态"])
    metrics = {m.label: m.value for m in at.metric}
    assert re.fullmatch(r"第(10|[1-9])名 / 10", metrics["完成情况排名"])   # 2025, the target year: by completion
    assert sum(int(v) for k, v in metrics.items() if k[0] in "".join(s.icon for s in statuses.STATUSES)) == len(judged_ids)


def test_ranks_are_oriented_by_direction_and_ties_share_the_better_rank(cards):
    rows = pd.concat(cards.values(), ignore_index=True)
    for indicator_id, group in rows.groupby("indicator_id"):
        group = group.dropna(subset=["value"])
        assert len(group) == 10 and group["count_ranked"].eq(10).all(), indicator_id
        down = group["direction"].iloc[0] == "down"
        key = (group["value"] if down else -group["value"]).round(9)   # float sums differ in the last bits
        expected = key.rank(method="min").astype(int)
        assert group["rank_in_districts"].astype(int).tolist() == expected.tolist(), indicator_id
        best = group.loc[group["rank_in_districts"] == 1, "value"]
        assert (best == (group["value"].min() if down else group["value"].max())).all()


def test_city_totals_are_shown_as_shares_not_judged(cards):
    rows = pd.concat(cards.values(), ignore_index=True)
    split = rows[~rows["is_judged"]]
    assert len(split) and split["status"].isna().all()
    shares = split.dropna(subset=["share_of_city_pct"])
    recomputed = 100 * shares["value"] / shares["city_value"]
    assert (shares["share_of_city_pct"] - recomputed).abs().max() < 1e-9
    # the demo's district counts add up to the city's, so the shares of each total add up to 100%
    totals = shares.groupby("indicator_id")["share_of_city_pct"].sum()
    assert ((totals - 100).abs() < 0.5).mean() > 0.9
    judged = rows[rows["is_judged"]]
    assert judged["status"].notna().all() and judged["share_of_city_pct"].isna().all()


def ids(rows) -> set[str]:
    return {r["indicator_id"] for r in rows}


def test_best_and_worst_do_not_overlap_and_are_ordered(cards):
    best, worst = screen_district.best_and_worst(screen_district.Scorecard.from_frame(cards["330212"]), n=3)
    assert len(best) == 3 and len(worst) == 3
    assert not ids(best) & ids(worst)
    assert min(r["score"] for r in best) >= max(r["score"] for r in worst)
    few = cards["330212"][cards["330212"]["is_judged"]].head(3)
    b, w = screen_district.best_and_worst(screen_district.Scorecard.from_frame(few), n=3)
    assert len(b) + len(w) == 3 and not ids(b) & ids(w)


def test_scorecard_is_worst_first_and_missing_values_are_none(cards):
    card = screen_district.Scorecard.from_frame(cards["330212"])
    orders = [statuses.order(r["status"]) for r in card.judged]
    assert orders == sorted(orders)
    assert all(r["status"] is None and r["share_of_city_pct"] is not None for r in card.split)
    assert len(card.judged) + len(card.split) == len(cards["330212"])


def test_status_counts_cover_every_assessed_target(cards):
    counts = screen_district.status_counts(screen_district.Scorecard.from_frame(cards["330203"]))
    assert sum(counts.values()) == int(cards["330203"]["is_judged"].sum())
    assert list(counts) == [c for c in statuses.ORDER if c in counts]  # worst first


def test_city_only_targets_are_listed_and_not_on_the_scorecard(demo_warehouse, judged_ids):
    at = run_page(district="330212")
    note = next(i.value for i in at.info if "只有全市" in i.value)
    city_only = db.run("district_city_only", plan_id=PLAN)
    assert f"{len(city_only)}项" in note
    listed = frame_with(at, "范围")
    assert set(listed["编号"]) == set(city_only["indicator_id"])
    assert not set(city_only["indicator_id"]) & judged_ids
    assert {"A04-01", "A06-01"} <= set(city_only["indicator_id"])  # a regional target, a qualitative one


def test_scorecard_downloads_hold_every_row(demo_warehouse, cards):
    at = run_page(district="330212")
    assert at.download_button(key="district_download_csv").label == "下载 CSV"
    assert at.download_button(key="district_download_xlsx").label == "下载 Excel"
    export = screen_district.export_table(screen_district.Scorecard.from_frame(cards["330212"]), "鄞州区", 2025, "zh")
    assert len(export) == len(cards["330212"])
    assert set(export["类别"]) == {"分区县评估", "全市总量分解"}


def test_year_is_kept_in_the_url_and_changes_the_figures(demo_warehouse):
    at = run_page(district="330212", year="2022")
    assert not at.exception
    assert at.selectbox(key="district_year").value == 2022
    assert "2022" in at.caption[0].value
    latest = run_page(district="330212")
    assert frame_with(at, "状态")["数值"].tolist() != frame_with(latest, "状态")["数值"].tolist()


def test_picking_another_district_updates_the_url(demo_warehouse):
    at = run_page(district="330212")
    at.selectbox(key="district_pick").set_value("330281").run()
    assert at.query_params["district"] == ["330281"] or at.query_params["district"] == "330281"
    assert at.title[0].value == "区县：余姚市"


def test_the_city_code_is_explained_not_treated_as_unknown(demo_warehouse):
    at = run_page(district="330200")
    assert not at.exception
    assert any("330200" in i.value and "总览" in i.value for i in at.info)
    assert not any("330200" in w.value for w in at.warning)
    assert any(p.proto.label == "返回总览" for p in at.page_link)


def visible_text(at: AppTest) -> list[str]:
    """Every string a reader sees on the page, tables included."""
    texts = [visible(e.value) for kind in ("title", "header", "subheader", "markdown", "caption", "text", "info",
                                  "warning", "success", "error") for e in getattr(at, kind)]
    texts += [m.label for m in at.metric] + [m.value for m in at.metric]
    texts += [s.label for s in at.selectbox] + [o for s in at.selectbox for o in s.options]
    texts += [e.label for e in at.expander] + [b.label for b in at.download_button]
    texts += [visible(p.proto.label) for p in at.page_link]
    for table in list(at.dataframe) + list(at.table):
        texts += [str(c) for c in table.value.columns]
        texts += [visible(v) for v in table.value.to_numpy().ravel()]
    return texts


def test_english_mode_has_no_chinese(demo_warehouse):
    at = run_page(district="330212", lang="en")
    assert not at.exception
    assert at.title[0].value == "District: Yinzhou"
    leaks = [s for s in visible_text(at) if CJK.search(s)]
    assert leaks == []
