"""Serving the app and driving Debian's chromium for the browser tests.

The server runs on 127.0.0.1 with the test session's private warehouse. Every request the page
makes is recorded, so a test can assert that nothing leaves the machine.
"""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
SHOTS = ROOT / "tests" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]
TABLET_SIZES = {"landscape": (1024, 768), "portrait": (768, 1024)}
TOUCH_PX, TEXT_PX = 44, 14
# Visible tap targets smaller than TOUCH_PX (a select's chevron is part of the select, which is checked).
SMALL_TARGETS_JS = """(min) => Array.from(document.querySelectorAll(
    '[data-testid="stMain"] button, [data-testid="stMain"] a, [data-testid="stMain"] .stSelectbox [role="group"]'))
  .filter(e => e.offsetParent !== null && e.getAttribute('aria-haspopup') !== 'listbox')
  .map(e => [e.innerText.slice(0, 40), e.getBoundingClientRect().height])
  .filter(([, h]) => h > 0 && h < min)"""
SMALL_TEXT_JS = """(min) => Array.from(document.querySelectorAll('[data-testid="stMain"] p'))
  .filter(e => e.offsetParent !== null && e.innerText.trim())
  .map(e => [e.innerText.slice(0, 40), parseFloat(getComputedStyle(e).fontSize)])
  .filter(([, px]) => px < min)"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def served_app(warehouse: Path, timeout_s: float = 60.0):
    """Start `streamlit run serve.py` (app.py, warmed) on a free loopback port; yield its base URL."""
    port = free_port()
    env = dict(os.environ, TRACKER_WAREHOUSE=str(warehouse), PYTHONUNBUFFERED="1")
    log = open(warehouse.parent / f"streamlit-{port}.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "serve.py"),
         "--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start; see {log.name}")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(10)
        if proc.poll() is None:
            proc.kill()
        log.close()


@dataclass
class PageLog:
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def outside(self) -> list[str]:
        """Requests to anything but the loopback app server (data: and blob: URLs are local)."""
        local = ("http://127.0.0.1:", "ws://127.0.0.1:", "data:", "blob:", "about:")
        return [u for u in self.requests if not u.startswith(local)]


def _streamlit_probe(message) -> bool:
    """Streamlit's frontend first probes /<page>/_stcore/health and host-config on a deep link and
    falls back to the root when they 404; those two misses are its own, not the app's."""
    url = message.location.get("url", "")
    return url.endswith(("/_stcore/health", "/_stcore/host-config"))


class Tab:
    """A page lent by ``open_page``: ``close()`` gives it back (blank, so nothing on it keeps drawing),
    ready for the next test. Returned where a test used to get its own browser context."""

    def __init__(self, pool: "_Tabs", page) -> None:
        self.pool, self.page = pool, page

    def close(self) -> None:
        if self.page in self.pool.lent:
            self.pool.lent.remove(self.page)
            if not self.page.is_closed():
                self.page.goto("about:blank")
                self.pool.free.append(self.page)


class _Tabs:
    """One browser context per chromium, its pages reused from test to test. A new context costs a
    new renderer that parses Streamlit's scripts and reads the CJK fonts again: about 3 s of CPU a
    page against about 1 s for a page of a context already open. Each lent page gets a fresh
    ``PageLog`` and the size asked for before it navigates, so the screen draws as a tablet of that
    size opening the link; two pages lent at once are two sessions of the app."""

    def __init__(self, browser) -> None:
        self.browser = browser
        self.context = browser.new_context(viewport={"width": 1024, "height": 768}, has_touch=True,
                                           device_scale_factor=1)
        self.free: list = []
        self.lent: list = []
        self.logs: dict = {}

    def lend(self, size) -> tuple[Tab, object, PageLog]:
        page = self.free.pop() if self.free else self._new_page()
        self.lent.append(page)
        log = self.logs[page] = PageLog()
        page.set_viewport_size({"width": size[0], "height": size[1]})
        # the tab in front, as the one a tablet user is looking at: chromium stops drawing a tab
        # behind another (no animation frames), so a map in it would not draw or answer a tap
        page.bring_to_front()
        return Tab(self, page), page, log

    def _new_page(self):
        page = self.context.new_page()
        current = lambda: self.logs.get(page)  # noqa: E731  (the log of the page's present lease)
        page.on("request", lambda r: current() is not None and current().requests.append(r.url))
        page.on("console", lambda m: m.type == "error" and not _streamlit_probe(m) and current() is not None
                and current().console_errors.append(f"{m.text} @ {m.location.get('url', '')}"))
        page.on("pageerror", lambda e: current() is not None and current().page_errors.append(str(e)))
        return page


_POOLS: dict[int, _Tabs] = {}


def _tabs(browser) -> _Tabs:
    pool = _POOLS.get(id(browser))
    if pool is None or pool.browser is not browser or not browser.is_connected():
        pool = _POOLS[id(browser)] = _Tabs(browser)
    return pool


def open_page(browser, url: str, size=(1024, 768), ready: bool = True):
    """A page at a tablet size with touch, recording requests and errors from here on; with ``ready``
    False it returns as soon as the page's document has loaded (call ``wait_ready`` later). Returns
    (tab, page, log): ``tab.close()`` in a ``finally`` gives the page back."""
    tab, page, log = _tabs(browser).lend(size)
    page.goto(url, wait_until="domcontentloaded")
    if ready:
        wait_ready(page)
    return tab, page, log


def wait_ready(page, timeout_ms: int = 30000) -> None:
    """Wait until Streamlit has finished running the script and painted the page."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            return app && app.getAttribute('data-test-script-state') === 'notRunning'
                && document.querySelector('[data-testid="stMain"] h1, [data-testid="stMain"] [data-testid="stHeading"]');
        }""",
        timeout=timeout_ms,
    )
    # lazily loaded widgets first paint as grey placeholders; wait until they are replaced
    page.wait_for_function(
        "!document.querySelector('[data-testid=\"stMain\"] [data-testid=\"stSkeleton\"]')",
        timeout=timeout_ms,
    )
    page.wait_for_timeout(400)


def settle(page) -> None:
    """Wait until the lazily loaded widgets have replaced their grey placeholders (stSkeleton)."""
    page.wait_for_function("!document.querySelector('[data-testid=\"stMain\"] [data-testid=\"stSkeleton\"]')",
                           timeout=30000)
    page.wait_for_timeout(300)


def root_url(server: str, query: str, lang: str) -> str:
    """The overview's (or meeting mode's) link with ``query``, in ``lang``."""
    extra = "lang=en" if lang == "en" else ""
    joined = "&".join(p for p in (query, extra) if p)
    return f"{server}/" + (f"?{joined}" if joined else "")


def check_tablet_rules(page, log: "PageLog", width: int) -> None:
    """Nothing fetched from outside, no errors, no sideways scroll at ``width``, tap targets of at
    least 44 px and body text of at least 14 px."""
    check_layout(page, log, width)
    assert log.console_errors == []
    assert page.evaluate(SMALL_TARGETS_JS, TOUCH_PX) == []
    assert page.evaluate(SMALL_TEXT_JS, TEXT_PX) == []


def wait_script(page) -> None:
    """Wait until the app's script has run after a tap or an upload (not only after a page load)."""
    page.wait_for_function(
        """() => document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state') === 'notRunning'""",
        timeout=60000)
    page.wait_for_timeout(500)


def check_layout(page, log: "PageLog", width: int) -> None:
    """Nothing fetched from outside, no page error, no sideways scroll at ``width``."""
    assert log.outside() == [] and log.page_errors == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "horizontal scroll at tablet width"


def at_each_size(page, log: "PageLog", orientations, shot: str) -> None:
    """Turn the tablet to each of ``orientations`` in turn: a screenshot (``shot``-orientation) and
    ``check_layout`` at each."""
    for orientation in orientations:
        turn(page, orientation)
        screenshot(page, f"{shot}-{orientation}")
        check_layout(page, log, TABLET_SIZES[orientation][0])


def turn(page, orientation: str) -> None:
    """Turn the tablet to ``orientation`` (nothing when it is held that way already): the page takes
    the other size and lays itself out again (Streamlit opens or closes the sidebar as a fresh load
    at that size would, and the charts redraw at their new width)."""
    width, height = TABLET_SIZES[orientation]
    if page.viewport_size == {"width": width, "height": height}:
        return
    page.set_viewport_size({"width": width, "height": height})
    page.wait_for_function(f"window.innerWidth === {width} && window.innerHeight === {height}")
    page.wait_for_function(
        "!document.querySelector('[data-testid=\"stMain\"] [data-testid=\"stSkeleton\"]')", timeout=30000)
    page.wait_for_timeout(600)


def screenshot(page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    out = SHOTS / f"{name}.png"
    page.screenshot(path=str(out), full_page=False)
    return out


def check_tablet_page(page, log: PageLog, heading: tuple[str, str], lang: str, orientation: str, shot: str) -> None:
    """What every deep-linked page must show a tablet user: the right heading in the chosen language,
    a saved screenshot, nothing fetched from outside, no errors, and no horizontal scroll."""
    title = page.locator('[data-testid="stMain"] h1').first.inner_text()
    assert heading[0 if lang == "zh" else 1] in title
    screenshot(page, f"{shot}-{lang}-{orientation}")
    assert log.outside() == []
    assert log.page_errors == []
    assert log.console_errors == []
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= TABLET_SIZES[orientation][0], "horizontal scroll at tablet width"

# Whether some element of the main area that is drawn (a non-empty box, not hidden) holds ``text`` in
# a text node of its own: what playwright's get_by_text(text).first.is_visible() answers, without its
# text engine's walk over every chart's and map's nodes (seconds on a large screen).
TEXT_SHOWN_JS = """(text) => {
  const walker = document.createTreeWalker(document.querySelector('[data-testid="stMain"]'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.nodeValue.includes(text)) continue;
    const e = node.parentElement, box = e.getBoundingClientRect(), style = getComputedStyle(e);
    if (box.width > 0 && box.height > 0 && style.visibility !== 'hidden') return true;
  }
  return false;
}"""


def wait_charts(page, at_least: int = 1) -> None:
    """Wait until at least ``at_least`` Vega charts have drawn (a canvas or an svg each)."""
    page.wait_for_function(
        f"document.querySelectorAll('[data-testid=\"stVegaLiteChart\"] canvas, "
        f"[data-testid=\"stVegaLiteChart\"] svg').length >= {at_least}", timeout=30000)


def check_screen(page, log: PageLog, screen, lang: str, orientation: str) -> None:
    """A screen of tests/screens.py opened by its deep link: its charts drawn, its words visible, what
    every page must show a tablet user (``check_tablet_page``), and the touch rule where it holds."""
    if screen.charts:
        wait_charts(page, screen.charts)
    if screen.shows[0]:
        assert page.evaluate(TEXT_SHOWN_JS, screen.shows[lang == "en"]), f"{screen.shows[lang == 'en']} is not shown"
    check_tablet_page(page, log, screen.heading, lang, orientation, screen.name)
    if screen.touch:
        assert page.evaluate(SMALL_TARGETS_JS, TOUCH_PX) == []
        assert page.evaluate(SMALL_TEXT_JS, TEXT_PX) == []
