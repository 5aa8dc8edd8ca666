"""At the plan's target year every screen, slide and report page judges completion, not pace; before
it the mid-term grades lead (DESIGN §6, tracker/judgement.py). Demo data, 2025 and 2023."""
from __future__ import annotations

import json
import re
import subprocess

import pytest
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from tests.screens import open_screen
from tracker import db, judgement, statuses
from tracker.brief.words import w

PLAN = "nb-cp-2021-2025"
NINGHAI = "330226"
PACE_WORDS = ("正常推进", "需加快", "进展缓慢", "未达序时进度", "未达进度", "序时进度", "倒退", "预计达到",
              "On track", "Needs acceleration", "Limited progress", "off track", "Off track", "time elapsed",
              "Time elapsed", "Going backwards", "At the recent pace")


def open_page(page: str, **query) -> AppTest:
    at = open_screen(None if page == "pages/overview.py" else page, **query)
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown_text(at: AppTest) -> str:
    """Every word the page shows: text elements, metrics, tables, links, and the charts' and maps'
    specs (their labels, legends and tooltips)."""
    parts = [str(e.value) for e in [*at.markdown, *at.caption, *at.header, *at.title, *at.subheader, *at.info,
                                     *at.success, *at.warning]]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    parts += [d.value.to_csv() for d in [*at.dataframe, *at.table]]
    parts += [p.proto.label for p in at.get("page_link")]
    parts += [e.label for e in at.expander]
    parts += [json.dumps(json.loads(c.proto.spec), ensure_ascii=False) for c in charts(at)]
    parts += [c.proto.json for c in at.get("deck_gl_json_chart")]
    return "\n".join(parts)


def charts(at: AppTest) -> list:
    return [*at.get("arrow_vega_lite_chart"), *at.get("vega_lite_chart")]


def pace_words_in(text: str) -> list[str]:
    return [word for word in PACE_WORDS if word in text]


def action_numbers() -> list[int]:
    actions = db.run("actions", plan_id=PLAN)
    return [int(n) for n in actions.loc[actions["in_source"].astype(bool), "action_no"]]


SCREENS = [("pages/overview.py", {}), ("pages/overview.py", {"district": NINGHAI}),
           ("pages/indicator.py", {"indicator": "A12-01"}), ("pages/district.py", {"district": NINGHAI}),
           ("pages/map.py", {"indicator": "A12-01", "district": NINGHAI}), ("pages/compare.py", {})]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page, query", SCREENS, ids=[f"{p[6:-3]}-{'-'.join(q.values()) or 'city'}" for p, q in SCREENS])
def test_no_screen_speaks_of_pace_in_the_target_year(demo_warehouse, page, query, lang):
    text = shown_text(open_page(page, lang=lang, **query))
    assert pace_words_in(text) == []
    assert any(statuses.label(code, lang) in text for code in ("completed", "not_completed", "nearly_completed"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_action_page_or_meeting_slide_speaks_of_pace(demo_warehouse, lang):
    for no in action_numbers():
        text = shown_text(open_page("pages/action.py", lang=lang, action=str(no)))
        assert pace_words_in(text) == [], no
        assert judgement.word("action.final", lang, n=0, done=0).split("0")[-1].strip() in text or lang == "en", no
    for slide in range(1, len(action_numbers()) + 2):
        text = shown_text(open_page("pages/overview.py", lang=lang, present="1", slide=str(slide), paused="1"))
        assert pace_words_in(text) == [], slide


def test_the_headline_counts_verdicts_that_add_up_to_every_target(demo_warehouse):
    at = open_page("pages/overview.py")
    headline = next(m.value for m in at.markdown if "项目标：已完成" in m.value)
    numbers = [int(n) for n in re.findall(r"(\d+)项", headline)]
    total, done, early, nearly, notdone, none = numbers
    assert total == 111 and done + nearly + notdone + none == total and early <= done
    exported = db.run("status_export", plan_id=PLAN, year=2025)
    city = exported[exported["area_code"].isin(["330200", "R-WEAK"])]
    assert done == int(city["verdict"].isin(["completed", "completed_early"]).sum())


def test_before_the_target_year_the_grades_lead(demo_warehouse):
    at = open_page("pages/overview.py", year="2023")
    headline = next(m.value for m in at.markdown if "截至2023年" in m.value and "提前实现" in m.value)
    grades = re.search(r"(\d+)项目标：提前实现(\d+)项、快于预期(\d+)项、基本符合预期(\d+)项、滞后(\d+)项(?:、无数据(\d+)项)?",
                       headline.replace("\\", ""))
    total, *counts = [int(g) if g else 0 for g in grades.groups()]
    assert total == 111 and sum(counts) == total
    assert "正常推进" in shown_text(at)            # the pace status stays beside the grades


# ---- one verdict for 宁海县's nursing-bed share, wherever it is shown ------------------------------

def test_a12_01_in_ninghai_carries_one_verdict_everywhere(demo_warehouse, demo_pack):
    row = db.run("status_export", plan_id=PLAN, year=2025).set_index(["indicator_id", "area_code"]).loc[
        ("A12-01", NINGHAI)]
    verdict = row["verdict"]
    assert verdict in statuses.VERDICTS and row["status"] == verdict
    word = statuses.label(verdict, "zh")
    # the map: table, tooltip and panel (the colour class is named by the same word in the legend)
    at = open_page("pages/map.py", indicator="A12-01", district=NINGHAI)
    table = next(d.value for d in at.dataframe if "宁海县" in d.value.to_csv())
    ninghai = table[table.apply(lambda r: "宁海县" in r.to_csv(), axis=1)].iloc[0].to_csv()
    assert word in ninghai
    deck_json = at.get("deck_gl_json_chart")[0].proto.json
    feature = next(f for f in json.loads(deck_json)["layers"][0]["data"]["features"]
                   if f["properties"]["area_code"] == NINGHAI)
    assert word in feature["properties"]["status_text"]
    legend = json.dumps([json.loads(c.proto.spec) for c in charts(at)], ensure_ascii=False)
    assert word in legend and "未达到" not in legend and "尚未达到" not in legend
    assert any(word in m.value for m in at.markdown)                       # the side panel
    # the district page's scorecard
    district = open_page("pages/district.py", district=NINGHAI)
    card = next(d.value for d in district.dataframe if "编号" in d.value.columns)
    assert word in card.set_index("编号").loc["A12-01", "状态"]
    # the deck (the map slide's table) and the report (its coverage table)
    deck, report = demo_pack["pptx", "zh"], demo_pack["pdf", "zh"]
    name = db.run("indicators", plan_id=PLAN, action_no=12).set_index("indicator_id").loc["A12-01", "name_zh"]
    cells = [[c.text_frame.text for c in r.cells] for s in Presentation(str(deck)).slides for sh in s.shapes
             if sh.has_table and any(name in (x.text_frame.text if x.has_text_frame else "") for x in s.shapes)
             for r in sh.table.rows]
    assert any(r[0] == "宁海县" and word in " ".join(r) for r in cells)
    text = subprocess.run(["pdftotext", "-layout", str(report), "-"], capture_output=True, text=True, check=True).stdout
    lines = [line for line in text.splitlines() if line.strip().startswith("宁海县") and word in line]
    assert lines


# ---- the pack at the target year -------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_pack_speaks_of_completion_in_the_target_year(demo_pack, lang):
    deck, report = demo_pack["pptx", lang], demo_pack["pdf", lang]            # 2025, the demo's latest year
    slides = " ".join(sh.text_frame.text for s in Presentation(str(deck)).slides for sh in s.shapes if sh.has_text_frame)
    slides += " ".join(c.text_frame.text for s in Presentation(str(deck)).slides for sh in s.shapes if sh.has_table
                       for r in sh.table.rows for c in r.cells)
    assert pace_words_in(slides) == []
    text = subprocess.run(["pdftotext", str(report), "-"], capture_output=True, text=True, check=True).stdout
    body = text.rsplit(w("report.annex", lang), 1)[0]          # the method annex explains pace too
    body = re.sub(r"\s+", "", body)
    assert [word for word in PACE_WORDS if re.sub(r"\s+", "", word) in body] == []
    assert re.sub(r"\s+", "", judgement.final_headline(
        judgement.verdict_counts(db.run("overview_targets", plan_id=PLAN, year=2025, area_code=None)["status"]),
        lang, w("whole_city", lang))) in body
