"""A reporting round in Debian's chromium at tablet size: a district signs in and sees only its own
items, sends its figures from the Data page; another district sees none of them and cannot send them;
the office sees the queue, previews the submission and accepts it; the district's overview changes.
Screenshots of the Reporting screen and the unit's Data page in both languages at both sizes."""
from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest

from tests import browser as b
from tracker.importer import auth
from tracker.reporting import access, rounds

pytestmark = pytest.mark.browser
PASSWORD = "correct-horse-battery"
UNIT_PASSWORDS = {"330203": "haishu-reports-2025", "330205": "jiangbei-reports-2025"}
HAISHU, JIANGBEI = "海曙区人民政府", "江北区人民政府"
WORDS = {
    "zh": dict(unit_sign_in="填报单位登录", unit="单位", name="姓名（记入报送记录）", password="本单位密码",
               submit="单位登录", signed="已以填报单位身份登录", mine="本单位的填报任务", to_data="到“数据”页上传",
               send="报送", sent="已报送批次", refused="文件未报送", lang=""),
    "en": dict(unit_sign_in="Reporting unit sign-in", unit="Unit", name="Your name (kept with the submission)",
               password="The unit's password", submit="Sign in as the unit", signed="Signed in for",
               mine="My unit's items", to_data="Upload on the Data page", send="Send", sent="Sent as",
               refused="The file was not sent", lang="?lang=en"),
}
FIGURES = ("indicator_id,area_code,year,value,source,note\n"
           "A07-02,330203,2025,3.2,海曙区人社局,\nA09-04,330203,2025,81,海曙区教育局,\n")


@pytest.fixture(scope="module")
def round_server(tmp_path_factory, demo_warehouse):
    path = tmp_path_factory.mktemp("browser-reporting") / "w.duckdb"
    shutil.copy2(demo_warehouse, path)
    rounds.open_round(2025, dt.date.today() + dt.timedelta(days=5), "nb-cp-2021-2025", "办公室", path=path)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(auth.ENV, auth.hash_password(PASSWORD, iterations=auth.MIN_ITERATIONS))
        for unit_id, password in UNIT_PASSWORDS.items():
            mp.setenv(access.env_name(unit_id), auth.hash_password(password, iterations=auth.MIN_ITERATIONS))
        with b.served_app(path) as base:
            yield base


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def unit_sign_in(page, words: dict, unit_id: str, unit_name: str) -> None:
    page.get_by_text(words["unit_sign_in"], exact=True).first.click()
    box = page.get_by_label(words["unit"], exact=True)
    box.wait_for(timeout=30000)
    page.wait_for_timeout(400)                 # the expander's opening animation
    option = page.get_by_role("option", name=unit_name)
    for _ in range(3):                         # a click during a rerun may not open the list: try again
        box.click()
        try:
            option.wait_for(timeout=5000)
            break
        except Exception:  # noqa: BLE001 - playwright's timeout: the list did not open
            page.keyboard.press("Escape")
    option.click()
    page.get_by_label(words["name"]).fill("填报员")
    page.get_by_label(words["password"], exact=True).fill(UNIT_PASSWORDS[unit_id])
    page.get_by_role("button", name=words["submit"], exact=True).click()
    page.get_by_text(words["signed"]).first.wait_for(timeout=30000)
    b.wait_script(page)


def upload(page, name: str, data: bytes) -> None:
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": data}])
    b.wait_script(page)


def to_data_page(page, words: dict) -> None:
    page.get_by_role("link", name=words["to_data"]).click()
    b.wait_script(page)
    page.get_by_text(words["signed"]).first.wait_for(timeout=30000)


def completed(page) -> str:
    found = re.search(r"已完成(\d+)项", main_text(page))
    assert found, "the overview's headline is missing"
    return found.group(1)


def open_nav(page, label: str) -> None:
    """Go to another screen through the sidebar, keeping the session (and its sign-in)."""
    link = page.locator('[data-testid="stSidebarNav"] a', has_text=label).first
    if page.evaluate("(e) => e.getBoundingClientRect().right <= 0", link.element_handle()):
        page.locator('[data-testid="stExpandSidebarButton"]').click()
        page.wait_for_timeout(600)
    link.click()
    b.wait_script(page)


def test_a_district_submits_another_cannot_and_the_office_accepts(round_server, chromium):
    base, size, words = round_server, b.TABLET_SIZES["portrait"], WORDS["zh"]
    context, page, log = b.open_page(chromium, f"{base}/?district=330203", size)
    before = completed(page)
    context.close()

    context, page, log = b.open_page(chromium, f"{base}/reporting", size)
    try:
        assert HAISHU in main_text(page) and JIANGBEI in main_text(page)      # anyone sees each unit's state
        unit_sign_in(page, words, "330203", HAISHU)
        text = main_text(page)
        assert words["mine"] in text and JIANGBEI not in text               # only its own row and items
        assert f"{HAISHU}：应报112项，尚缺112项" in text                     # (the tables are canvases: AppTest reads them)
        to_data_page(page, words)
        upload(page, "haishu.csv", FIGURES.encode("utf-8"))
        send = page.get_by_role("button", name=words["send"], exact=True)
        send.scroll_into_view_if_needed()
        assert send.bounding_box()["height"] >= b.TOUCH_PX
        b.screenshot(page, "data-unit-preview-zh-portrait")
        send.click()
        page.get_by_text(words["sent"]).first.wait_for(timeout=60000)
        b.check_layout(page, log, size[0])
    finally:
        context.close()

    context, page, log = b.open_page(chromium, f"{base}/reporting", size)
    try:
        unit_sign_in(page, words, "330205", JIANGBEI)
        text = main_text(page)
        assert HAISHU not in text and f"{JIANGBEI}：应报" in text             # the other district's items are not shown
        to_data_page(page, words)
        upload(page, "haishu.csv", FIGURES.encode("utf-8"))                  # nor can it send them
        page.get_by_text(words["refused"]).first.wait_for(timeout=30000)
        page.get_by_text(words["refused"]).first.scroll_into_view_if_needed()
        b.screenshot(page, "data-unit-refused-zh-portrait")
        assert page.get_by_role("button", name=words["send"], exact=True).count() == 0
    finally:
        context.close()

    context, page, log = b.open_page(chromium, f"{base}/data", size)
    try:
        page.get_by_text("管理员登录", exact=True).first.click()
        page.get_by_label("姓名（记入导入记录）").fill("办公室 王")
        page.get_by_label("密码", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="登录", exact=True).click()
        page.get_by_text("已以管理员身份登录").first.wait_for(timeout=30000)
        b.wait_script(page)
        open_nav(page, "填报")
        # the screen's last section, drawn after the review queue's preview, sentence, table and buttons
        page.get_by_role("heading", name="缺报清单").wait_for(timeout=60000)
        text = main_text(page)
        assert "A07-02" in text and "已完成" in text                          # the preview: status before → after
        page.get_by_text("采纳后的变化").first.scroll_into_view_if_needed()
        b.screenshot(page, "reporting-office-zh-portrait")
        accept = page.get_by_role("button", name="采纳", exact=True)
        assert accept.bounding_box()["height"] >= b.TOUCH_PX
        accept.click()
        page.get_by_text("数据已生效").first.wait_for(timeout=60000)
        b.check_layout(page, log, size[0])
        assert log.console_errors == []
    finally:
        context.close()

    context, page, log = b.open_page(chromium, f"{base}/?district=330203", size)
    try:
        assert int(completed(page)) > int(before)                           # the overview changed
    finally:
        context.close()


# The order a language sees the two sizes in: the page opens at the first and turns to the second,
# where the unit signs in; so the sign-in is done in portrait in Chinese and in landscape in English.
ORDER = {"zh": ("landscape", "portrait"), "en": ("portrait", "landscape")}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_reporting_screen_and_the_units_data_page_at_tablet_sizes(round_server, chromium, lang):
    """One load per language, both sizes by turning the tablet: the screen before signing in, the
    unit's items after, and the unit's Data page, each checked and photographed at both sizes."""
    words, (first, second) = WORDS[lang], ORDER[lang]
    context, page, log = b.open_page(chromium, f"{round_server}/reporting{words['lang']}", b.TABLET_SIZES[first])
    try:
        for orientation in (first, second):
            b.turn(page, orientation)
            b.check_tablet_page(page, log, ("填报", "Reporting"), lang, orientation, "reporting")
        unit_sign_in(page, words, "330205", JIANGBEI if lang == "zh" else "Jiangbei District Government")
        for orientation in (second, first):
            b.turn(page, orientation)
            page.get_by_text(words["mine"]).first.scroll_into_view_if_needed()
            b.screenshot(page, f"reporting-unit-{lang}-{orientation}")
            b.check_layout(page, log, b.TABLET_SIZES[orientation][0])
        to_data_page(page, words)
        b.at_each_size(page, log, (first, second), f"data-unit-{lang}")
        assert log.console_errors == []
    finally:
        context.close()
