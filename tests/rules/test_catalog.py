"""Checks on the plan catalogue (data/catalog/*.csv) against the plan text the project carries.

The plan text copy is data/catalog/source_text.txt; nothing outside the checkout is read.
"""
from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

CATALOG = Path(__file__).resolve().parents[2] / "data" / "catalog"
PLAN_ID = "nb-cp-2021-2025"

# Exact counts: an accidental deletion or duplication of a target must fail the suite.
NUMERIC_TARGETS = 93
QUALITATIVE_TARGETS = 18

COMPARATORS = {">=", "<=", "range", "qualitative"}
MEASURES = {"level", "share", "count_new", "growth_rate", "qualitative"}
METHODS = {"cagr", "linear", "cumulative", "milestone"}
SCOPES = {"city", "region", "each_district", "township_share"}
AGGREGATIONS = {"sum", "weighted", "none"}
DIRECTIONS = {"up", "down"}
INDICATOR_COLUMNS = [
    "indicator_id", "plan_id", "action_no", "name_zh", "name_en", "unit_zh", "unit_en", "comparator",
    "target_value", "target_high", "target_year", "baseline_year", "direction", "measure", "method",
    "scope", "map_layer", "aggregation", "source_quote", "note", "lead_unit_zh", "lead_unit_en",
]


def read(name: str) -> list[dict[str, str]]:
    raw = (CATALOG / name).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), f"{name} has a BOM"
    with open(CATALOG / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def indicators() -> list[dict[str, str]]:
    return read("indicators.csv")


@pytest.fixture(scope="module")
def actions() -> list[dict[str, str]]:
    return read("actions.csv")


@pytest.fixture(scope="module")
def flat_text() -> str:
    text = (CATALOG / "source_text.txt").read_text(encoding="utf-8")
    return text.replace("\r", "").replace("\n", "")


def numeric(rows):
    return [r for r in rows if r["comparator"] != "qualitative"]


def numbers_in(text: str) -> set[float]:
    return {float(m) for m in re.findall(r"\d+(?:\.\d+)?", text)}


# ---------------------------------------------------------------- plans, actions, mechanisms

def test_plan_row():
    plans = read("plans.csv")
    assert len(plans) == 1
    p = plans[0]
    assert p["plan_id"] == PLAN_ID
    assert (p["start_year"], p["target_year"], p["baseline_year"]) == ("2021", "2025", "2020")
    assert p["name_zh"].startswith("宁波高质量发展建设共同富裕先行市行动计划") and p["name_en"]


def test_actions_one_to_eighteen(actions):
    assert [int(a["action_no"]) for a in actions] == list(range(1, 19))
    assert {a["plan_id"] for a in actions} == {PLAN_ID}
    for a in actions:
        n = int(a["action_no"])
        assert a["in_source"] in {"true", "false"}
        assert a["name_zh"] and a["name_en"]
        if n <= 3:
            assert a["in_source"] == "false"
            assert "原文未收录" in a["name_zh"] and "not in the source text" in a["name_en"]
            assert "import" in a["summary_en"]
        else:
            assert a["in_source"] == "true"
            assert a["group_zh"] and a["group_en"] and a["summary_zh"] and a["summary_en"]
    groups = {(a["group_zh"], a["group_en"]) for a in actions if a["in_source"] == "true"}
    assert 4 <= len(groups) <= 5
    assert len({zh for zh, _ in groups}) == len({en for _, en in groups}) == len(groups)


def test_five_mechanisms():
    mechanisms = read("mechanisms.csv")
    assert [int(m["mechanism_no"]) for m in mechanisms] == [1, 2, 3, 4, 5]
    assert all(m["plan_id"] == PLAN_ID and m["name_zh"] and m["name_en"] and m["summary_zh"]
               and m["summary_en"] for m in mechanisms)


# ---------------------------------------------------------------- indicators: structure

def test_header_order():
    with open(CATALOG / "indicators.csv", encoding="utf-8", newline="") as f:
        assert next(csv.reader(f)) == INDICATOR_COLUMNS


def test_ids_unique_well_formed_and_sequential(indicators):
    ids = [r["indicator_id"] for r in indicators]
    assert len(ids) == len(set(ids))
    seq: Counter[int] = Counter()
    for r in indicators:
        m = re.fullmatch(r"A(\d{2})-(\d{2})", r["indicator_id"])
        assert m, r["indicator_id"]
        assert int(m.group(1)) == int(r["action_no"])
        seq[int(r["action_no"])] += 1
        assert int(m.group(2)) == seq[int(r["action_no"])], f"{r['indicator_id']} out of sequence"


def test_every_action_in_source_has_targets(indicators, actions):
    per_action = Counter(int(r["action_no"]) for r in indicators)
    in_source = {int(a["action_no"]) for a in actions if a["in_source"] == "true"}
    assert in_source == set(range(4, 19))
    for n in range(4, 19):
        assert per_action[n] >= 1, f"action {n} has no target"
    for n in (1, 2, 3):
        assert per_action[n] == 0
    assert set(per_action) <= in_source


def test_exact_counts(indicators):
    assert len(numeric(indicators)) == NUMERIC_TARGETS
    assert len(indicators) - len(numeric(indicators)) == QUALITATIVE_TARGETS


def test_allowed_values(indicators):
    for r in indicators:
        rid = r["indicator_id"]
        assert r["plan_id"] == PLAN_ID, rid
        assert r["comparator"] in COMPARATORS, rid
        assert r["measure"] in MEASURES, rid
        assert r["method"] in METHODS, rid
        assert r["scope"] in SCOPES, rid
        assert r["aggregation"] in AGGREGATIONS, rid
        assert r["direction"] in DIRECTIONS, rid
        assert r["target_year"] == "2025" and r["baseline_year"] == "2020", rid
        assert r["name_zh"] and r["name_en"] and r["source_quote"], rid
        if r["note"]:
            assert " / " in r["note"], f"{rid}: note should be 'zh / en'"


def test_method_consistent_with_measure(indicators):
    for r in indicators:
        rid, measure, method = r["indicator_id"], r["measure"], r["method"]
        assert (measure == "count_new") == (method == "cumulative"), rid
        assert (measure == "qualitative") == (method == "milestone") == (r["comparator"] == "qualitative"), rid
        if measure in {"share", "growth_rate"} or r["comparator"] == "<=":
            assert method == "linear", rid


def test_numeric_fields(indicators):
    for r in indicators:
        rid = r["indicator_id"]
        if r["comparator"] == "qualitative":
            assert r["target_value"] == r["target_high"] == "", rid
            assert r["unit_zh"] == r["unit_en"] == "", rid
            continue
        value = float(r["target_value"])
        assert r["unit_zh"] and r["unit_en"], rid
        if r["comparator"] == "range":
            assert float(r["target_high"]) > value, rid
        else:
            assert r["target_high"] == "", rid
        if r["measure"] == "share":
            assert r["unit_zh"] == "%" and 0 <= value <= 100, rid
        if r["measure"] == "growth_rate":
            assert r["unit_zh"] == "%", rid


def test_direction_down_iff_at_most(indicators):
    # No exceptions: every "at most" target (unemployment, mortality, crime, lawsuit growth,
    # relief time) improves downward, and every other target improves upward.
    for r in indicators:
        assert (r["direction"] == "down") == (r["comparator"] == "<="), r["indicator_id"]


def test_quotes_are_verbatim(indicators, flat_text):
    for r in indicators:
        assert r["source_quote"] in flat_text, r["indicator_id"]
        assert "\n" not in r["source_quote"]


def test_value_appears_in_own_clause(indicators):
    for r in numeric(indicators):
        rid, quote = r["indicator_id"], r["source_quote"]
        found = numbers_in(quote)
        value = float(r["target_value"])
        if value not in found:
            # "全覆盖"/"所有区县" read as 100%, "零增长" as growth of at most 0; nothing else may lack its number.
            if value == 100:
                assert any(w in quote for w in ("全覆盖", "所有")), rid
            elif value == 0:
                assert "零增长" in quote and r["measure"] == "growth_rate", rid
            else:
                pytest.fail(f"{rid}: {r['target_value']} not in {quote!r}")
        if r["comparator"] == "range":
            assert float(r["target_high"]) in found and ("—" in quote or "-" in quote), rid


def test_scope_rules(indicators):
    for r in indicators:
        rid = r["indicator_id"]
        if r["scope"] in {"each_district", "township_share"}:
            assert r["aggregation"] in {"sum", "weighted"}, rid
        assert (r["scope"] == "region") == (r["action_no"] == "4"), rid
        if r["scope"] == "region":
            assert r["aggregation"] == "none" and "薄弱" in r["note"], rid


def test_map_layers(indicators):
    layers = {r["map_layer"]: r for r in indicators if r["map_layer"]}
    assert len(layers) == sum(1 for r in indicators if r["map_layer"]), "map layer names must be unique"
    assert 8 <= len(layers) <= 14
    for name, r in layers.items():
        assert re.fullmatch(r"[a-z][a-z0-9_]*", name), name
        assert r["aggregation"] != "none" and r["comparator"] != "qualitative", name
    for required in ("elderly_care_county_coverage", "elderly_care_township_coverage", "rural_sewage_coverage",
                     "rural_sewage_effluent", "sewage_capacity", "sports_one_field_two_halls",
                     "preschool_universal_district"):
        assert required in layers, required
    assert layers["elderly_care_county_coverage"]["scope"] == "each_district"
    assert layers["elderly_care_township_coverage"]["scope"] == "township_share"


def test_sum_aggregation_only_for_additive_measures(indicators):
    for r in indicators:
        if r["aggregation"] == "sum":
            assert r["measure"] in {"level", "count_new"} and r["unit_zh"] != "%", r["indicator_id"]


# ---------------------------------------------------------------- spot checks

SPOT = [
    # (fragment of the source quote, name_zh fragment (^ = prefix), comparator, value, high, unit_zh, measure)
    ("护理型床位占比达到60%", "护理型床位", ">=", "60", "", "%", "share"),
    ("新建县、乡康养联合体14个、146个", "县级", ">=", "14", "", "个", "count_new"),
    ("新建县、乡康养联合体14个、146个", "乡级", ">=", "146", "", "个", "count_new"),
    ("60%以上乡镇（街道）", "乡镇（街道）比例", ">=", "60", "", "%", "share"),
    ("60%以上乡镇（街道）", "区县（市）比例", ">=", "100", "", "%", "share"),
    ("分别提至10%和15%", "配套用地", ">=", "10", "", "%", "share"),
    ("分别提至10%和15%", "配建建筑面积", ">=", "15", "", "%", "share"),
    ("基本养老保险参保人数达到620万人", "", ">=", "620", "", "万人", "level"),
    ("天然气利用总量达38亿方/年", "", ">=", "38", "", "亿方/年", "level"),
    ("日处理能力达300万吨以上", "", ">=", "300", "", "万吨/日", "level"),
    ("公交车、出租车占比分别达80%以上和100%", "公交车", ">=", "80", "", "%", "share"),
    ("公交车、出租车占比分别达80%以上和100%", "出租车", ">=", "100", "", "%", "share"),
    ("覆盖率和出水水质达标率均达95%以上", "治理覆盖率", ">=", "95", "", "%", "share"),
    ("覆盖率和出水水质达标率均达95%以上", "出水水质", ">=", "95", "", "%", "share"),
    ("分别达到220万和78万", "高技能", ">=", "78", "", "万人", "level"),
    ("分别达到220万和78万", "^技能人才总量", ">=", "220", "", "万人", "level"),
    ("14000元/年以上", "", ">=", "14000", "", "元/年", "level"),
    ("分别达80%和93%以上", "二级以上", ">=", "80", "", "%", "share"),
    ("分别达80%和93%以上", "普惠性", ">=", "93", "", "%", "share"),
    ("普通高中5—6所", "", "range", "5", "6", "所", "count_new"),
    ("3.1万个左右", "", ">=", "3.1", "", "万个", "count_new"),
    ("2家以上三级甲等医院", "三级甲等", ">=", "2", "", "家", "count_new"),
    ("2家以上三级甲等医院", "三级乙等", ">=", "4", "", "家", "count_new"),
    ("高端医疗团队20个", "团队", ">=", "20", "", "个", "count_new"),
    ("高端医疗团队20个", "高端医疗人才", ">=", "50", "", "名", "count_new"),
    ("高端医疗团队20个", "带头人", ">=", "100", "", "名", "count_new"),
    ("控制在3.5%以", "", "<=", "3.5", "", "%", "share"),
    ("年均增长10%以上", "", ">=", "10", "", "%", "growth_rate"),
    ("零增长", "", "<=", "0", "", "%", "growth_rate"),
    ("下降到42件以下", "", "<=", "42", "", "件/万人", "level"),
    ("小于10小时", "", "<=", "10", "", "小时", "level"),
    ("过早死亡率控制在8.5%以下", "", "<=", "8.5", "", "%", "share"),
    ("区域旅游总收入达150亿元", "", ">=", "150", "", "亿元", "level"),
    ("3.0平方米", "", ">=", "3.0", "", "平方米/人", "level"),
]


@pytest.mark.parametrize("fragment,name_part,comparator,value,high,unit,measure", SPOT,
                         ids=[f"{s[0]}|{s[1]}" for s in SPOT])
def test_spot_checks(indicators, fragment, name_part, comparator, value, high, unit, measure):
    def name_ok(name: str) -> bool:  # a leading ^ anchors the name fragment at the start
        return name.startswith(name_part[1:]) if name_part.startswith("^") else name_part in name

    hits = [r for r in indicators if fragment in r["source_quote"] and name_ok(r["name_zh"])]
    assert len(hits) == 1, f"{fragment}/{name_part}: {[r['indicator_id'] for r in hits]}"
    r = hits[0]
    assert (r["comparator"], r["target_value"], r["target_high"], r["unit_zh"], r["measure"]) == \
        (comparator, value, high, unit, measure)


def test_region_and_district_scopes(indicators):
    by_id = {r["indicator_id"]: r for r in indicators}
    each = {i for i, r in by_id.items() if r["scope"] == "each_district"}
    # every district: care consortia, universal preschool, "one field two halls", unified dibao standard
    assert {"A12-05", "A09-06", "A11-12", "A08-06"} <= each
    assert by_id["A12-06"]["scope"] == "township_share"
    # "实现“15分钟品质文化生活圈”全覆盖": full coverage, counted over townships (the row's note says why)
    assert by_id["A17-09"]["scope"] == "township_share" and by_id["A17-09"]["target_value"] == "100"
    assert "乡镇" in by_id["A17-09"]["note"] and "township" in by_id["A17-09"]["note"]
    assert by_id["A16-05"]["aggregation"] == "none"  # port rail-water share: city only
    assert by_id["A10-07"]["aggregation"] == "none"  # universities: city only


def test_qualitative_rows(indicators):
    qual = {r["source_quote"] for r in indicators if r["comparator"] == "qualitative"}
    for fragment in ("愿改尽改", "明显提升", "应改尽改", "15分钟村社办事圈",
                     "中东欧国家教育合作示范区", "知名旅游目的地"):
        assert any(fragment in q for q in qual), fragment
