"""The one list of screens and the one way to open a screen headless (AppTest).

``SCREENS`` is what the table-driven sweeps walk: the accessibility sweep in chromium, whose Chinese
links are a fresh server's first visits (tests/chromium/test_accessibility.py), and the bad-URL sweep
(tests/headless/test_bad_links.py). A new screen is one row here (and its page file), and every sweep
covers it.

``open_screen`` is the page opener every AppTest test uses: the app's frame (app.py) with the
given query parameters, switched to a page, run once. tests/rules/test_layers.py fails on a test file that
builds an AppTest of its own (its OWN_APPTEST lists the few that run a component script instead).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from streamlit.testing.v1 import AppTest

from components import maps

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")


def open_screen(page: str | None = None, *, secrets: dict | None = None, user: dict | None = None,
                timeout: float = 120, **query: str) -> AppTest:
    """Run app.py once with ``query`` in the URL, on ``page`` (a file under pages/, e.g.
    "pages/action.py", or a screen's name, e.g. "action"; None for the default page)."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    for key, value in query.items():
        at.query_params[key] = value
    if secrets:
        at.secrets.update(secrets)
    if user:
        at.user = user
    if page:
        at.switch_page(page if page.endswith(".py") else f"pages/{page}.py")
    return at.run()


@dataclass(frozen=True)
class Screen:
    name: str                 # the screen's name (its page file is pages/<file>.py)
    path: str                 # URL path and query as a reader's link has it ("" is the root)
    heading: tuple[str, str]  # text in the page's h1 that proves the right page is shown (zh, en)
    file: str = ""            # pages/<file>.py; the name when empty
    shows: tuple[str, str] = ("", "")   # text that must be visible once drawn (zh, en), if any
    charts: int = 0           # charts that must have drawn (canvas or svg) before the checks
    touch: bool = False       # held to the tablet rule: tap targets >= 44 px, body text >= 14 px

    @property
    def page(self) -> str:
        return f"pages/{self.file or self.name.split('-')[0]}.py"

    def url(self, base: str, lang: str = "zh") -> str:
        path = self.path
        if lang == "en":
            path += ("&" if "?" in path else "?") + "lang=en"
        return f"{base}/{path}"


# Every screen a reader can open by link, and meeting mode's off-track slide and an action slide.
SCREENS = [
    Screen("overview", "", ("总览", "Overview"), shows=("未完成和基本完成的目标", "Targets not completed"), touch=True),
    Screen("overview-district", "?district=330212", ("总览", "Overview"),
           shows=("未完成和基本完成的目标", "Targets not completed"), touch=True),
    Screen("action", "action?action=12", ("第12大行动", "Action 12"), charts=1),
    Screen("indicator", "indicator?indicator=A12-06",
           ("康养联合体覆盖乡镇（街道）比例", "Townships covered by a care consortium")),
    Screen("district", "district?district=330212", ("区县：鄞州区", "District: Yinzhou")),
    Screen("map", "map", ("覆盖地图", "Coverage map")),
    Screen("compare", "compare", ("区县对比", "District comparison")),
    Screen("data", "data", ("数据", "Data")),
    Screen("reporting", "reporting", ("填报", "Reporting")),
    Screen("method", "method", ("说明", "Methodology")),
    Screen("present", "?present=1&paused=1", ("未完成和基本完成的目标", "targets not completed"), file="present"),
    # slide 3: the off-track list runs over two slides with the demo data, then action 4
    Screen("present-action", "?present=1&paused=1&slide=3", ("行动", ". "), file="present"),
]


def tap_map(at: AppTest, code: str | None, index: int = 0) -> AppTest:
    """What the browser sends when a district on the page's ``index``-th map is tapped (or empty
    space, code None): the chart's selection as its widget value. AppTest has no pydeck widget, so the
    state is added by hand (the one place tests reach into AppTest's widget states)."""
    import json

    from streamlit.proto.WidgetStates_pb2 import WidgetStates

    proto = at.get("deck_gl_json_chart")[index].proto
    codes = [f["properties"]["area_code"] for f in next(
        layer for layer in json.loads(proto.json)["layers"] if layer["id"] == maps.LAYER_ID)["data"]["features"]]
    selection = {"indices": {}, "objects": {}}
    if code:
        selection = {"indices": {maps.LAYER_ID: [codes.index(code)]},
                     "objects": {maps.LAYER_ID: [{"properties": {"area_code": code}}]}}
    states = WidgetStates()
    states.CopyFrom(at._tree.get_widget_states())
    state = states.widgets.add()
    state.id = proto.id
    state.string_value = json.dumps({"selection": selection})
    return at._run(states)
