"""The Data page in Debian's chromium at tablet sizes: signing in, a refused upload with its findings,
a preview and an import, history and milestones; and sessions served while the command line imports."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pytest

from tests import bad_files as bf
from tests import browser as b
from tracker.importer import auth
from tracker.importer.apply import PAUSE_ENV

pytestmark = pytest.mark.browser
PASSWORD = "correct-horse-battery"
TEXT = {
    "zh": dict(title="数据", sign_in="管理员登录", name="姓名（记入导入记录）", password="密码", submit="登录",
               signed="已以管理员身份登录", findings="发现3个问题", commit="4. 确认导入", done="已导入批次",
               history="导入记录", milestones="进展状态", lang=""),
    "en": dict(title="Data", sign_in="Administrator sign-in", name="Your name (kept with each import)",
               password="Password", submit="Sign in", signed="Signed in as administrator", findings="3 problem(s) found",
               commit="4. Import", done="Imported batch", history="History", milestones="Milestones", lang="?lang=en"),
}


@pytest.fixture(scope="module")
def admin_server(tmp_path_factory, demo_warehouse):
    """A server with its own warehouse copy and an administrator password (from the environment)."""
    path = tmp_path_factory.mktemp("browser-data") / "w.duckdb"
    shutil.copy2(demo_warehouse, path)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(auth.ENV, auth.hash_password(PASSWORD, iterations=auth.MIN_ITERATIONS))
        with b.served_app(path) as base:
            yield base, path


def sign_in(page, words: dict) -> None:
    page.get_by_text(words["sign_in"], exact=True).first.click()
    page.get_by_label(words["name"]).fill("Analyst")
    page.get_by_label(words["password"], exact=True).fill(PASSWORD)
    page.get_by_role("button", name=words["submit"], exact=True).click()
    page.get_by_text(words["signed"]).first.wait_for(timeout=60000)
    b.wait_script(page)


def upload(page, name: str, data: bytes) -> None:
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        files=[{"name": name, "mimeType": "application/octet-stream", "buffer": data}])
    b.wait_script(page)


# The order a language sees the two sizes in: the page opens at the first; the administrator signs in
# and uploads the refused file at the second, uploads the good file at the first and imports at the
# second. Each step is thus done at both sizes, one language at each.
ORDER = {"zh": ("landscape", "portrait"), "en": ("portrait", "landscape")}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sign_in_check_preview_and_import(admin_server, chromium, lang):
    """One load per language, both sizes by turning the tablet: the page, the findings of a refused
    file, the preview of a good one and its import's history and milestones, each checked and
    photographed at both sizes."""
    base, _ = admin_server
    words, (first, second) = TEXT[lang], ORDER[lang]
    context, page, log = b.open_page(chromium, f"{base}/data{words['lang']}", b.TABLET_SIZES[first])
    try:
        for orientation in (first, second):
            b.turn(page, orientation)
            assert words["title"] in page.locator('[data-testid="stMain"] h1').first.inner_text()
            b.screenshot(page, f"data-{lang}-{orientation}")
            b.check_layout(page, log, b.TABLET_SIZES[orientation][0])
        sign_in(page, words)
        upload(page, "bad.csv", bf.csv_bytes([[bf.SHARE, bf.CITY, 1999, "abc", None, None, None],
                                              ["Z99-99", bf.CITY, 2024, 5, None, None, None]]))
        page.get_by_text(words["findings"]).first.wait_for(timeout=60000)
        for orientation in (second, first):
            b.turn(page, orientation)
            page.get_by_text(words["findings"]).first.scroll_into_view_if_needed()
            b.screenshot(page, f"data-findings-{lang}-{orientation}")
            b.check_layout(page, log, b.TABLET_SIZES[orientation][0])
        page.locator('[data-testid="stFileChipDeleteBtn"]').first.click()
        b.wait_script(page)
        year = 2021 + ["zh", "en"].index(lang)
        upload(page, "good.csv", bf.csv_bytes([[bf.SHARE, bf.CITY, year, 12.5, None, "bureau", None]]))
        commit = page.get_by_role("button", name=words["commit"])
        commit.wait_for(timeout=60000)
        for orientation in (first, second):
            b.turn(page, orientation)
            commit.scroll_into_view_if_needed()
            assert commit.bounding_box()["height"] >= 44
            b.screenshot(page, f"data-preview-{lang}-{orientation}")
        commit.click()
        page.get_by_text(words["done"]).first.wait_for(timeout=60000)
        b.wait_script(page)
        page.get_by_role("tab", name=words["history"]).click()
        b.wait_script(page)
        for orientation in (second, first):
            b.turn(page, orientation)
            b.screenshot(page, f"data-history-{lang}-{orientation}")
        page.get_by_role("tab", name=words["milestones"]).click()
        b.wait_script(page)
        b.at_each_size(page, log, (first, second), f"data-milestones-{lang}")
        assert log.console_errors == []
    finally:
        context.close()


def test_open_sessions_keep_working_while_the_command_line_imports(admin_server, chromium, tmp_path):
    base, path = admin_server
    context, page, log = b.open_page(chromium, f"{base}/", b.TABLET_SIZES["landscape"])
    file = tmp_path / "good.csv"
    file.write_bytes(bf.csv_bytes([[bf.COUNT, bf.CITY, 2024, 42, None, None, None]], encoding="gb18030"))
    env = dict(os.environ, TRACKER_WAREHOUSE=str(path), PYTHONUNBUFFERED="1", **{PAUSE_ENV: "15"})
    proc = subprocess.Popen([sys.executable, "-m", "tracker", "import", str(file)], cwd=b.ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while PAUSE_ENV not in proc.stderr.readline():
            assert proc.poll() is None and time.monotonic() < deadline, "the import never paused"
        # the open session reruns (language switch) and a new session opens, both mid-import
        page.get_by_role("button", name="English").click()
        page.get_by_text("Overview").first.wait_for(timeout=60000)
        b.wait_script(page)
        other, second, second_log = b.open_page(chromium, f"{base}/data", b.TABLET_SIZES["portrait"])
        assert "数据" in second.locator('[data-testid="stMain"] h1').first.inner_text()
        assert proc.poll() is None, "the pages were served while the import was still inside its transaction"
        other.close()
        assert proc.wait(120) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()
        proc.stderr.close()
        context.close()
    assert log.page_errors == [] and log.outside() == []
