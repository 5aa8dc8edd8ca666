"""A small warehouse with hand-chosen rows, so SQL tests can assert exact results.

One plan, two actions (one not in the source), four targets of different kinds, the city and two
districts, and observations with one revision and one rolled-back batch.
"""
from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from tracker import build, catalog, warehouse

PLAN = "test-plan"

PLANS = [dict(plan_id=PLAN, name_zh="测试规划", name_en="Test plan", start_year=2021, target_year=2025,
              baseline_year=2020)]
ACTIONS = [
    dict(plan_id=PLAN, action_no=1, name_zh="第一行动", name_en="First", group_zh="甲", group_en="A",
         summary_zh="", summary_en="", in_source="false"),
    dict(plan_id=PLAN, action_no=2, name_zh="养老", name_en="Elderly care", group_zh="乙", group_en="B",
         summary_zh="养老", summary_en="Care", in_source="true"),
]
MECHANISMS = [dict(plan_id=PLAN, mechanism_no=1, name_zh="机制", name_en="Mechanism", summary_zh="", summary_en="")]


def _ind(iid, comparator, value, measure, method, scope, aggregation, direction="up", unit="%", high=""):
    return dict(indicator_id=iid, plan_id=PLAN, action_no=2, name_zh=f"指标{iid}", name_en=f"Indicator {iid}",
                unit_zh=unit, unit_en=unit, comparator=comparator, target_value=value, target_high=high,
                target_year=2025, baseline_year=2020, direction=direction, measure=measure, method=method,
                scope=scope, map_layer="", aggregation=aggregation, source_quote=f"原文{iid}", note="")


INDICATORS = [
    _ind("T02-01", ">=", "60", "share", "linear", "township_share", "weighted"),
    _ind("T02-02", ">=", "100", "count_new", "cumulative", "city", "sum", unit="个"),
    _ind("T02-03", "<=", "3.5", "level", "linear", "city", "none", direction="down"),
    _ind("T02-04", "qualitative", "", "qualitative", "milestone", "city", "none", unit=""),
]
AREAS = [
    dict(area_code="330200", name_zh="宁波市", name_en="Ningbo", kind="city", parent="", region_tags="",
         townships="30", townships_source="test"),
    dict(area_code="330203", name_zh="海曙区", name_en="Haishu", kind="district", parent="330200",
         region_tags="", townships="10", townships_source="test"),
    dict(area_code="330212", name_zh="鄞州区", name_en="Yinzhou", kind="district", parent="330200",
         region_tags="", townships="20", townships_source="test"),
]


def _obs(rows):
    return pd.DataFrame(rows, columns=["indicator_id", "area_code", "year", "value", "milestone", "source", "note"])


BATCH_1 = _obs([
    ("T02-01", "330200", 2020, 40.0, None, "s", None),
    ("T02-01", "330200", 2023, 55.0, None, "s", None),
    ("T02-01", "330203", 2020, 30.0, None, "s", None),
    ("T02-01", "330203", 2023, 60.0, None, "s", None),
    ("T02-01", "330212", 2020, 45.0, None, "s", None),
    ("T02-01", "330212", 2023, 52.5, None, "s", None),
    ("T02-02", "330200", 2021, 20.0, None, "s", None),
    ("T02-02", "330200", 2022, 20.0, None, "s", None),
    ("T02-02", "330200", 2023, 20.0, None, "s", None),
    ("T02-03", "330200", 2020, 4.0, None, "s", None),
    ("T02-03", "330200", 2023, 3.4, None, "s", None),
    ("T02-04", "330200", 2023, None, "in_progress", "s", None),
])
# A revision of one value (kept as history) and a batch later rolled back.
BATCH_2 = _obs([("T02-01", "330200", 2023, 56.0, None, "revised", None)])
BATCH_3 = _obs([("T02-03", "330200", 2023, 9.9, None, "wrong", None)])


def build_fixture(path: Path) -> Path:
    frames = {
        "plans": catalog.tidy("plans", pd.DataFrame(PLANS)),
        "actions": catalog.tidy("actions", pd.DataFrame(ACTIONS)),
        "mechanisms": catalog.tidy("mechanisms", pd.DataFrame(MECHANISMS)),
        "indicators": catalog.tidy("indicators", pd.DataFrame(INDICATORS)),
        "areas": catalog.tidy("areas", pd.DataFrame(AREAS)),
    }

    def change(con: duckdb.DuckDBPyConnection) -> None:
        build.apply_schema(con)
        build.load_catalog(con, frames)
        for batch_id, rows, state in (("b1", BATCH_1, "applied"), ("b2", BATCH_2, "applied"),
                                      ("b3", BATCH_3, "rolled_back")):
            build.record_batch(con, batch_id=batch_id, kind="observations", rows=len(rows), by="test",
                               file_name=f"{batch_id}.csv")
            build.append_observations(con, rows, batch_id)
            if state != "applied":
                con.execute("update batches set state = $s where batch_id = $b", {"s": state, "b": batch_id})
        build.refresh_status(con)

    warehouse.write_snapshot(change, path=path, fresh=True, check=build.check_snapshot)
    return path
