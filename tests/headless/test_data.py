"""The Data page run headless (AppTest): read-only without sign-in, the sign-in, and an
administrator's upload, check, preview, import, rollback and milestone, in both languages."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components import safe
from tests import bad_files as bf
from tests.data_page import PASSWORD, data_page, sign_in
from tests.markdown_text import visible
from tests.screens import ROOT, open_screen
from tracker import db
from tracker.importer import auth

CJK = re.compile(r"[\u3400-\u9fff]")


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    return at.file_uploader[0].set_value((name, data, "application/octet-stream")).run()


def texts(at: AppTest) -> list[str]:
    """Every piece of text a reader sees: headings, captions, messages, labels, table cells."""
    out = [e.value for kind in ("title", "header", "subheader", "caption", "markdown", "info", "warning",
                                "error", "success") for e in getattr(at, kind)]
    out += [w.label for kind in ("button", "selectbox", "text_input", "checkbox", "text_area", "file_uploader")
            for w in getattr(at, kind) if w.key != "lang_switch"]  # the switch reads 中文 on purpose
    out += [m.label for m in at.metric] + [t.label for t in at.tabs]
    for frame in at.dataframe:
        out += [str(c) for c in frame.value.columns] + [str(v) for v in frame.value.astype(str).to_numpy().ravel()]
    return out


def test_without_a_configured_sign_in_the_page_is_read_only_and_says_how_to_enable_writing(private):
    at = data_page()
    assert not at.exception
    assert at.title[0].value == "数据"
    assert any("只读" in i.value and "TRACKER_ADMIN_PASSWORD_HASH" in i.value for i in at.info)
    assert not at.file_uploader and not at.text_input
    assert {"data_template_xlsx", "data_template_csv"} <= {b.key for b in at.get("download_button")}
    assert "demo" in at.dataframe[0].value.iloc[:, 0].tolist()  # the history is open to everyone
    assert "data_rollback" not in [b.key for b in at.button]


def test_a_wrong_password_is_refused_and_a_right_one_signs_in(with_password):
    at = sign_in(data_page(), password="wrong-password")
    assert any("不正确" in e.value for e in at.error)
    assert not at.file_uploader
    at = sign_in(at)
    assert any("测试管理员" in s.value for s in at.success)
    assert at.file_uploader(key="data_upload")
    at.button(key="data_sign_out").click().run()
    assert not at.file_uploader


def test_a_name_is_shown_as_typed_never_as_markdown(with_password):
    at = sign_in(data_page(), name="![x](http://203.0.113.9/a.png)")
    assert any(safe.md("![x](http://203.0.113.9/a.png)") in s.value for s in at.success)
    assert any("![x](http://203.0.113.9/a.png)" in visible(s.value) for s in at.success)


def test_the_hash_may_come_from_streamlit_secrets(private):
    at = sign_in(data_page(secrets={"admin": {"password_hash": auth.hash_password(PASSWORD, iterations=auth.MIN_ITERATIONS)}}))
    assert at.file_uploader(key="data_upload")


def test_single_sign_on_admits_only_listed_administrators(private):
    secrets = {"auth": {"redirect_uri": "http://127.0.0.1/oauth2callback", "cookie_secret": "x"},
               "admin": {"emails": ["lead@example.org"]}}
    at = data_page(secrets=secrets, user={"email": "lead@example.org", "is_logged_in": True})
    assert not at.exception and at.file_uploader(key="data_upload")
    at = data_page(secrets=secrets, user={"email": "visitor@example.org", "is_logged_in": True})
    assert any("visitor@example" in visible(w.value) for w in at.warning) and not at.file_uploader


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_bad_upload_lists_every_problem_with_row_and_column_and_writes_nothing(with_password, lang):
    before = with_password.read_bytes()
    at = upload(sign_in(data_page(lang), name="Analyst"), "bad.csv",
                bf.csv_bytes([[bf.SHARE, bf.CITY, 1999, "abc", None, None, None],
                              ["Z99-99", bf.CITY, 2024, 5, None, None, None]]))
    assert not at.exception
    assert any("3" in e.value for e in at.error)
    findings = at.dataframe[0].value
    row, column = ("行", "列") if lang == "zh" else ("Row", "Column")
    assert findings[[row, column]].values.tolist() == [["2", "数值" if lang == "zh" else "value"],
                                                       ["2", "年份" if lang == "zh" else "year"],
                                                       ["3", "指标编号" if lang == "zh" else "indicator_id"]]
    assert "data_commit" not in [b.key for b in at.button]
    assert with_password.read_bytes() == before
    if lang == "en":
        assert [x for x in texts(at) if CJK.search(x)] == []


def test_an_administrator_imports_a_file_then_rolls_it_back(with_password):
    at = upload(sign_in(data_page()), "年度数据.xlsx", bf.xlsx_bytes(bf.good_rows()))
    assert not at.exception
    assert {m.label: m.value for m in at.metric} == {"新增": "0", "修订": "5", "未变": "0", "空行跳过": "0"}
    preview = at.dataframe[0].value
    assert preview["变化"].tolist() == ["修订"] * 5 and preview["数值"].tolist()[:2] == [12.5, 1234.5]
    at.button(key="data_commit").click().run()
    assert not at.exception
    batch = db.run("batches").iloc[0]
    # the success sits where the uploader is, which is empty again (no "nothing to import" for the same file)
    assert any(f"已导入批次 {batch['batch_id']}" in s.value and "修订5条" in s.value for s in at.success)
    assert len(at.file_uploader) == 1 and at.file_uploader[0].key != "data_upload" and not at.metric
    assert not any("没有需要导入的变化" in i.value for i in at.info)
    moment = batch["created_at"].strftime("%Y-%m-%dT%H%%3A%M%%3A%S")
    assert [link.proto.query_string for link in at.get("page_link") if link.proto.query_string.startswith("since")] \
        == [f"since={moment}"], "a link to the overview's since view of this import"
    values = db.run("observations_export", plan_id=None)
    assert values[(values.indicator_id == bf.SHARE) & (values.area_code == bf.CITY) & (values.year == 2024)] \
        ["value"].tolist() == [12.5]
    assert (batch["created_by"], batch["file_name"]) == ("测试管理员", "年度数据.xlsx")

    at.selectbox(key="data_rollback_pick").set_value(batch["batch_id"]).run()
    assert at.button(key="data_rollback").disabled
    at.checkbox(key="data_rollback_confirm").check().run()
    at.button(key="data_rollback").click().run()
    assert not at.exception
    assert any(batch["batch_id"] in s.value for s in at.success)
    assert db.run("batches").set_index("batch_id").loc[batch["batch_id"], "state"] == "rolled_back"
    assert int(db.run("data_mode").iloc[0]["count_real"]) == 0


def test_an_administrator_records_a_milestone(with_password):
    at = sign_in(data_page())
    at.selectbox(key="data_ms_indicator").set_value(bf.QUAL)
    at.selectbox(key="data_ms_area").set_value(bf.REGION)
    at.selectbox(key="data_ms_year").set_value(2025)
    at.text_area(key="data_ms_note").input("规划印发")
    at.button(key="data_ms_save").click().run()
    assert not at.exception
    assert any("已记录" in s.value for s in at.success)
    values = db.run("observations_export", plan_id=None)
    row = values[(values.indicator_id == bf.QUAL) & (values.year == 2025)].iloc[0]
    assert (row["milestone"], row["note"], row["batch_kind"]) == ("in_progress", "规划印发", "milestones")
    table = at.dataframe[-1].value
    assert table[table["说明"] == "规划印发"]["操作人"].tolist() == ["测试管理员"]


def test_the_english_page_has_no_chinese_outside_data(with_password):
    at = sign_in(data_page("en"), name="Analyst")
    at = upload(at, "good.csv", bf.csv_bytes([[bf.SHARE, bf.CITY, 2024, 12.5, None, "bureau", None]]))
    assert not at.exception
    assert at.title[0].value == "Data"
    assert {m.label for m in at.metric} == {"New", "Revised", "Unchanged", "Blank, skipped"}
    shown = [x for x in texts(at) if CJK.search(x)]
    # area names come from the catalogue's English names; only demo history notes could hold Chinese
    assert shown == [], shown


def test_the_indicator_page_shows_an_imported_value(with_password):
    if not (ROOT / "pages" / "indicator.py").exists():
        pytest.skip("the indicator page is not there yet")
    at = upload(sign_in(data_page()), "g.csv", bf.csv_bytes([[bf.SHARE, bf.CITY, 2024, 77.7, None, None, None]]))
    at.button(key="data_commit").click().run()
    page = open_screen("pages/indicator.py", indicator=bf.SHARE)
    assert not page.exception
    assert any("77.7" in x for x in texts(page))


def test_an_administrator_completes_actions_through_the_catalogue_import(with_password):
    from tests.store.test_import_cli import _action

    at = upload(sign_in(data_page()), "actions.csv", bf.catalogue_csv("actions", [_action(n) for n in (1, 2, 3)]))
    assert not at.exception
    preview = at.dataframe[0].value
    assert preview["目录表"].tolist() == ["actions"] * 3 and preview["变化"].tolist() == ["修订"] * 3
    at.button(key="data_commit").click().run()
    assert any("已导入批次" in s.value for s in at.success)
    assert db.run("actions", plan_id="nb-cp-2021-2025").set_index("action_no").loc[[1, 2, 3], "in_source"].all()
    assert db.run("batches").iloc[0]["kind"] == "catalog"


# ---- many areas ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def township_warehouse(tmp_path_factory) -> Path:
    """Two townships per district (areas.kind 'township'), three qualitative targets per plan."""
    from tests.headless.test_indicator import build_township_warehouse

    return build_township_warehouse(tmp_path_factory.mktemp("townships") / "warehouse.duckdb", versions=1)


def test_township_milestones_are_behind_a_switch_and_the_download_holds_them(township_warehouse, monkeypatch):
    from components.screens.data import milestones

    monkeypatch.setenv("TRACKER_WAREHOUSE", str(township_warehouse))
    monkeypatch.delenv(auth.ENV, raising=False)
    offered = {}
    monkeypatch.setattr(milestones, "table_downloads", lambda frame, name, lang, key, container=None:
                        offered.setdefault(key, frame))
    at = data_page("en")
    assert not at.exception
    assert at.toggle(key="data_ms_townships").label == "Show the 20 townships"
    shown = at.dataframe[-1].value
    assert len(shown) == 3 * 12 and not shown["Area"].str.contains("township").any()
    every = offered["data_milestones"]()
    assert len(every) == 3 * 32 and every["Area"].str.contains("township").sum() == 3 * 20
    at.toggle(key="data_ms_townships").set_value(True).run()
    assert len(at.dataframe[-1].value) == 3 * 32


def test_without_townships_the_milestones_have_no_switch_and_a_download(private):
    at = data_page()
    assert not at.toggle
    assert {"data_milestones_csv", "data_milestones_xlsx"} <= {b.key for b in at.get("download_button")}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_township_rows_preview_the_district_figures_they_set_and_import(with_password, lang):
    """The township template is offered per township target; a file of township rows previews the
    district and city figures it sets, then imports."""
    at = sign_in(data_page(lang))
    assert at.selectbox(key="data_township_target").value == "A12-06"
    assert "data_township_csv" in [d.key for d in at.get("download_button")]
    registry = db.run("import_townships")
    counted = registry[registry["counted"] & (registry["district_code"] == "330211")]
    rows = [["A12-06", code, 2025, "已覆盖", None, None, None] for code in counted["township_code"]]
    at = upload(at, "zhenhai.csv", bf.csv_bytes(rows))
    assert not at.exception
    rolled = at.dataframe[1].value
    area, after = ("区域", "导入后数值") if lang == "zh" else ("Area", "Value after import")
    by_area = dict(zip(rolled[area], rolled[after]))
    assert by_area[("镇海区", "Zhenhai")[lang == "en"]] == 100.0 and len(by_area) == 2      # Zhenhai and the city
    at.button(key="data_commit").click().run()
    assert not at.exception
    shown = db.run("map_district_values", indicator_id="A12-06", year=2025).set_index("area_code")
    assert shown.loc["330211", "value"] == 100.0 and shown.loc["330211", "covered"] == len(counted)


def test_implausible_figures_need_the_checkbox_before_they_are_written(with_password):
    """0.78 typed for 78%: warned with its row, column and comparison; the import button waits for
    the checkbox; the batch records the acceptance."""
    rows = [[bf.SHARE, bf.CITY, 2024, "0.78", None, "市教育局", None]]
    at = upload(sign_in(data_page("en")), "fraction.csv", bf.csv_bytes(rows))
    assert not at.exception and any("1 figure(s) look implausible" in w.value for w in at.warning)
    # the same slip, against the unit, the previous figure and the target
    table = next(d.value for d in at.dataframe if "Warning (compared with)" in d.value.columns)
    assert set(table["Row"]) == {"2"} and set(table["Column"]) == {"value"}
    said = " ".join(table["Warning (compared with)"])
    assert "should it be 78?" in said and "previous figure (2023: 75.8)" in said and "the target, 80" in said
    assert at.button(key="data_commit").disabled
    before = db.run("batches").iloc[0]["batch_id"]
    at.checkbox(key="data_accept_warnings").check().run()
    assert not at.button(key="data_commit").disabled
    at.button(key="data_commit").click().run()
    assert not at.exception
    batch = db.run("batches").iloc[0]
    assert batch["batch_id"] != before and "accepted 3 warning(s): fraction, previous, target" in batch["note"]
    assert any("3 warning(s) accepted" in s.value for s in at.success)
