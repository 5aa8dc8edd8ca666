"""Township coverage on the screens (issue 13, item 4): one row per township imported for A12-06, then
"x of y townships" and the townships not yet covered, exactly, on the district page, in meeting mode
and in the map's side panel, in both languages; the indicator page's township table and its download;
the overview's small district map, whose tap opens the map screen on that district."""
from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from urllib.parse import parse_qsl

import pytest
from streamlit.testing.v1 import AppTest

from components import downloads, maps
from tests.markdown_text import visible
from tests.screens import open_screen, tap_map
from tracker import db
from tracker.importer import apply

ROOT = Path(__file__).resolve().parents[2]
TARGET, YEAR, CITY = "A12-06", 2025, "330200"
YINZHOU, CIXI = "330212", "330282"


def registry() -> list[dict[str, str]]:
    """The counted townships (zone offices left out), by code, as data/geo/townships.csv lists them."""
    with open(ROOT / "data" / "geo" / "townships.csv", encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["counted"].strip().lower() == "true"]
    return sorted(rows, key=lambda r: r["township_code"])


def uncovered_codes(rows: list[dict[str, str]]) -> set[str]:
    """Yinzhou: its 1st, 4th and 8th townships; Cixi: none; every other district: its 2nd."""
    out: set[str] = set()
    for district in sorted({r["district_code"] for r in rows}):
        codes = [r["township_code"] for r in rows if r["district_code"] == district]
        if district == YINZHOU:
            out |= {codes[0], codes[3], codes[7]}
        elif district != CIXI:
            out.add(codes[1])
    return out


@pytest.fixture(scope="module")
def imported(demo_warehouse, tmp_path_factory):
    """A private warehouse with one row per counted township for A12-06 in 2025 (1 covered, 0 not),
    through the importer, as an office would send them: made once for this module, whose tests only
    read it (TRACKER_WAREHOUSE points at it while they run)."""
    from tracker.importer import auth

    path = tmp_path_factory.mktemp("townships") / "w.duckdb"
    shutil.copy2(demo_warehouse, path)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TRACKER_WAREHOUSE", str(path))
        mp.delenv(auth.ENV, raising=False)
        yield _import_townships()


def _import_townships() -> dict:
    rows = registry()
    off = uncovered_codes(rows)
    lines = ["indicator_id,area_code,year,value"]
    lines += [f"{TARGET},{r['township_code']},{YEAR},{0 if r['township_code'] in off else 1}" for r in rows]
    outcome = apply.commit([("townships.csv", ("\n".join(lines) + "\n").encode("utf-8"))], "测试 townships")
    assert outcome.batch_id
    return {"rows": rows, "off": off}


def expected(imported, area: str) -> tuple[int, int, list[dict[str, str]]]:
    """(covered, townships, the uncovered rows in the screens' order: district, then code)."""
    mine = [r for r in imported["rows"] if area == CITY or r["district_code"] == area]
    off = [r for r in mine if r["township_code"] in imported["off"]]
    return len(mine) - len(off), len(mine), off


def x_of_y(covered: int, total: int, lang: str) -> str:
    return f"{covered}/{total}个乡镇（街道）已覆盖" if lang == "zh" else f"{covered} of {total} townships covered"


DISTRICT_NAMES = {"zh": "name_zh", "en": "name_en"}


def uncovered_sentence(off: list[dict[str, str]], lang: str, district_names: dict[str, str] | None = None) -> str:
    names = [(f"{district_names[r['district_code']]} " if district_names else "") + r[DISTRICT_NAMES[lang]]
             for r in off]
    if lang == "zh":
        return "尚未覆盖：" + "、".join(names)
    return "Not yet covered: " + ", ".join(names)


def area_names(lang: str) -> dict[str, str]:
    areas = db.run("areas")
    return dict(zip(areas["area_code"], areas[f"name_{lang}"]))


def run_page(page: str, **query) -> AppTest:
    at = open_screen(page, **query)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    return at


def texts(at: AppTest) -> list[str]:
    return [visible(m.value) for m in at.markdown] + [visible(c.value) for c in at.caption]


def lang_query(lang: str) -> dict[str, str]:
    return {"lang": "en"} if lang == "en" else {}


# ---- the district page ----------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_district_page_says_x_of_y_townships_and_names_those_not_covered(imported, lang):
    covered, total, off = expected(imported, YINZHOU)
    assert (covered, total, len(off)) == (22, 25, 3)
    at = run_page("pages/district.py", district=YINZHOU, year=str(YEAR), **lang_query(lang))
    shown = texts(at)
    assert x_of_y(covered, total, lang) in shown
    assert uncovered_sentence(off, lang) in shown
    to_map = [dict(parse_qsl(p.proto.query_string)) for p in at.get("page_link") if p.proto.page == "map"]
    assert {"indicator": TARGET, "district": YINZHOU, "year": str(YEAR), **lang_query(lang)} in to_map


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_district_with_every_township_covered_says_so(imported, lang):
    covered, total, off = expected(imported, CIXI)
    assert off == [] and covered == total
    at = run_page("pages/district.py", district=CIXI, year=str(YEAR), **lang_query(lang))
    shown = texts(at)
    assert x_of_y(covered, total, lang) in shown
    assert ("所有已上报的乡镇（街道）均已覆盖。" if lang == "zh" else "Every township reported is covered.") in shown


# ---- meeting mode ---------------------------------------------------------------------------------

def action_slide(indicator_id: str, year: int, area_code: str | None = None, lang: str = "zh") -> int:
    """The meeting-mode slide that shows ``indicator_id``'s card (a long action runs over several)."""
    from components.screens import present

    deck = present.deck_view("nb-cp-2021-2025", year, area_code, "-", lang)
    return next(i + 1 for i, key in enumerate(deck.slides)
                if any(card.key.startswith(f"pt-{indicator_id}-") for card in deck.views[key].cards))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_meeting_mode_shows_the_city_x_of_y_and_the_uncovered_with_their_districts(imported, lang):
    covered, total, off = expected(imported, CITY)
    assert (covered, total) == (145, 156) and len(off) == 11   # under the cap of 12 names: all listed
    at = run_page("pages/present.py", present="1", slide=str(action_slide(TARGET, YEAR, lang=lang)), year=str(YEAR),
                 **lang_query(lang))
    shown = texts(at)
    assert f"**{x_of_y(covered, total, lang)}**" in shown
    assert uncovered_sentence(off, lang, area_names(lang)) in shown


def test_meeting_mode_for_one_district_shows_that_district(imported):
    covered, total, off = expected(imported, YINZHOU)
    at = run_page("pages/present.py", present="1", slide=str(action_slide(TARGET, YEAR, YINZHOU)), year=str(YEAR),
                 district=YINZHOU)
    shown = texts(at)
    assert f"**{x_of_y(covered, total, 'zh')}**" in shown and uncovered_sentence(off, "zh") in shown


# ---- the map's side panel -------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_map_panel_of_a_tapped_district_lists_its_uncovered_townships(imported, lang):
    covered, total, off = expected(imported, YINZHOU)
    at = run_page("pages/map.py", indicator=TARGET, year=str(YEAR), district=YINZHOU, **lang_query(lang))
    shown = texts(at)
    assert x_of_y(covered, total, lang) in shown
    assert uncovered_sentence(off, lang) in shown


# ---- the indicator page ---------------------------------------------------------------------------

@pytest.fixture
def offered(monkeypatch):
    """The tables the page offers for download, by key, read as a press would."""
    found = {}
    monkeypatch.setattr(downloads, "table_downloads",
                        lambda frame, name, lang, key, container=None: found.__setitem__(key, frame))
    return lambda key: found[key]() if callable(found[key]) else found[key]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_indicator_page_shows_the_township_rows_on_demand_and_downloads_them(imported, offered, lang):
    at = run_page("pages/indicator.py", indicator=TARGET, **lang_query(lang))
    switch = at.toggle(key="indicator_townships")
    assert switch.value is False and "156" in switch.label
    assert not any(("乡镇（街道）代码" if lang == "zh" else "Township code") in d.value.columns for d in at.dataframe)
    at.toggle(key="indicator_townships").set_value(True).run()
    assert at.query_params.get("townships") in ("1", ["1"])
    code, state = ("乡镇（街道）代码", "是否覆盖") if lang == "zh" else ("Township code", "Covered")
    table = next(d.value for d in at.dataframe if code in d.value.columns)
    year_col = "年份" if lang == "zh" else "Year"
    this_year = table[table[year_col] == YEAR]
    assert len(this_year) == 156
    no = "未覆盖" if lang == "zh" else "not covered"
    assert set(this_year.loc[this_year[state] == no, code]) == imported["off"]
    rows = offered("indicator_townships_download")
    rows_year = rows[rows[year_col] == YEAR]
    assert len(rows_year) == 156 and set(rows_year.loc[rows_year[state] == no, code]) == imported["off"]


def test_the_township_table_follows_the_chosen_district_and_the_download_keeps_every_row(imported, offered):
    at = run_page("pages/indicator.py", indicator=TARGET, district=YINZHOU, townships="1")
    table = next(d.value for d in at.dataframe if "乡镇（街道）代码" in d.value.columns)
    assert set(table["乡镇（街道）代码"].str[:6]) == {YINZHOU}
    every = offered("indicator_townships_download")
    assert set(every["乡镇（街道）代码"].str[:6]) == {r["district_code"] for r in imported["rows"]}


def test_a_target_without_township_rows_has_no_township_table(imported):
    at = run_page("pages/indicator.py", indicator="A12-01", townships="1")
    assert not any("乡镇（街道）代码" in d.value.columns for d in at.dataframe)


# ---- the overview's small map ---------------------------------------------------------------------

def small_map(at: AppTest) -> dict:
    charts = at.get("deck_gl_json_chart")
    assert len(charts) == 1, "the overview draws one small map"
    return json.loads(charts[0].proto.json)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_overview_shows_the_small_map_of_the_headline_coverage_target(imported, lang):
    covered, total, _ = expected(imported, CITY)
    at = run_page("pages/overview.py", year=str(YEAR), **lang_query(lang))
    spec = small_map(at)
    assert spec.get("mapProvider") is None      # no basemap: nothing fetched
    layer = next(layer for layer in spec["layers"] if layer["id"] == maps.LAYER_ID)
    assert len(layer["data"]["features"]) == 10
    city = "宁波市" if lang == "zh" else "Ningbo"
    sep = "：" if lang == "zh" else ": "
    assert f"**{city}{sep}{x_of_y(covered, total, lang)}**" in texts(at)
    assert any(TARGET in visible(s.value) for s in at.header)
    link = next(p for p in at.get("page_link") if p.proto.page == "map")
    assert link.proto.label == ("打开地图" if lang == "zh" else "Open the map")
    assert f"indicator={TARGET}" in link.proto.query_string and ("lang=en" in link.proto.query_string) == (lang == "en")


def test_the_small_map_outlines_the_chosen_district_and_says_its_x_of_y(imported):
    covered, total, _ = expected(imported, YINZHOU)
    at = run_page("pages/overview.py", year=str(YEAR), district=YINZHOU)
    outline = next(layer for layer in small_map(at)["layers"] if layer["id"] == "selected-district")
    assert len(outline["data"]["features"]) == 1
    assert f"**鄞州区：{x_of_y(covered, total, 'zh')}**" in texts(at)


def tap(at: AppTest, code: str | None) -> AppTest:
    return tap_map(at, code)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_tap_on_the_small_map_opens_the_map_screen_on_that_district(imported, lang):
    covered, total, off = expected(imported, YINZHOU)
    at = run_page("pages/overview.py", **lang_query(lang))
    at = tap(at, YINZHOU)
    assert not at.exception
    assert at.selectbox(key="map_indicator").value == TARGET     # the map screen, on the same target
    assert at.query_params.get("district") in (YINZHOU, [YINZHOU])
    if lang == "en":
        assert at.query_params.get("lang") in ("en", ["en"])
    shown = texts(at)
    assert x_of_y(covered, total, lang) in shown and uncovered_sentence(off, lang) in shown
