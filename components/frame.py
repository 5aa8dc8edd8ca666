"""The app's frame: the page list, the language switch, the demo-data notice and the error boundary."""
from __future__ import annotations

import contextlib
import logging
import secrets
import threading
from pathlib import Path
from typing import Iterator

import streamlit as st
from streamlit.errors import FragmentHandledException

from components import data, url_state
from components.i18n import pick, t
from components.url_state import Context
from tracker.warehouse import SnapshotDamaged

log = logging.getLogger("tracker.app")
ROOT = Path(__file__).resolve().parents[1]
PAGES = [
    # (file, url path, title key, icon); the first is the default page
    ("pages/overview.py", "overview", "nav.overview", ":material/dashboard:"),
    ("pages/action.py", "action", "nav.action", ":material/flag:"),
    ("pages/indicator.py", "indicator", "nav.indicator", ":material/show_chart:"),
    ("pages/district.py", "district", "nav.district", ":material/location_city:"),
    ("pages/map.py", "map", "nav.map", ":material/map:"),
    ("pages/compare.py", "compare", "nav.compare", ":material/grid_on:"),
    ("pages/data.py", "data", "nav.data", ":material/upload_file:"),
    ("pages/reporting.py", "reporting", "nav.reporting", ":material/assignment_turned_in:"),
    ("pages/method.py", "method", "nav.method", ":material/menu_book:"),
]
PRESENT_PAGE = ("pages/present.py", "present", "nav.present", ":material/slideshow:")
_RUN = threading.local()   # this script run's st.Page objects by file (each run has its own thread)


def routed() -> None:
    """Make sure this page runs inside app.py's navigation, also for a deep link on a fresh server.

    Streamlit treats an app with a ``pages/`` folder as an old-style multipage app until the first
    ``st.navigation`` call; a deep link that arrives first would run the page file on its own,
    without the frame. Every page calls this first: it switches the old mode off and reruns, so
    app.py (language, notice, navigation) runs and routes to this page. The flag is process-wide,
    so when several deep links arrive together one session may switch it off while the others'
    pages are already running on their own: a page therefore also checks that this run went
    through ``navigation`` (a per-run mark), and reruns when it did not.
    """
    framed, _RUN.framed = getattr(_RUN, "framed", False), False
    if leave_pages_folder_mode() or not framed:
        st.rerun()


def leave_pages_folder_mode() -> bool:
    """Switch Streamlit's process-wide old-style multipage mode off (see ``routed``); True when it
    was on. The product's one reach into a Streamlit module that is not public API: the ``pages/``
    folder is part of the agreed layout, and Streamlit has no public switch for this. serve.py calls
    it once before the first session; ``routed`` checks on every page run."""
    from streamlit.runtime.pages_manager import PagesManager

    was_on = bool(PagesManager.uses_pages_directory)
    PagesManager.uses_pages_directory = False
    return was_on


def navigation(ctx: Context):
    """Meeting mode (?present=1 on any link) shows only the presentation, with no sidebar."""
    entries = [PRESENT_PAGE] if ctx.present else PAGES
    pages = {
        file: st.Page(file, title=t(key, ctx.lang), icon=icon, url_path=url, default=(i == 0))
        for i, (file, url, key, icon) in enumerate(entries)
        if (ROOT / file).exists()
    }
    _RUN.pages = pages
    _RUN.framed = True        # routed() checks that the page runs inside this navigation
    return st.navigation(list(pages.values()), position="hidden" if ctx.present else "sidebar")


def page(file: str):
    """What ``st.page_link`` should name for ``file``: this run's ``st.Page`` when the navigation made
    one (a link to it skips resolving the file path: about 0.07 ms a link), else the file itself;
    None when the page does not exist (a link to it would fail)."""
    pages = getattr(_RUN, "pages", None) or {}
    if file in pages:
        return pages[file]
    return file if (ROOT / file).exists() else None


def link(file: str, label: str, *, query_params=None, icon: str | None = None, container=None, **kwargs) -> bool:
    """``st.page_link`` to ``file`` with ``label`` (and no icon unless given, as with a file path).
    Returns False, drawing nothing, when the page does not exist."""
    target = page(file)
    if target is None:
        return False
    (container or st).page_link(target, label=label, icon=icon or "", query_params=query_params, **kwargs)
    return True


def _set_lang(target: str) -> None:
    url_state.set_lang(target)


def language_switch(ctx: Context) -> None:
    """One tap to the other language; the choice is kept in the URL (?lang=en)."""
    target = "en" if ctx.lang == "zh" else "zh"
    st.sidebar.button(t("lang.switch", ctx.lang), key="lang_switch", icon=":material/translate:",
                      width="stretch", on_click=_set_lang, args=(target,))


def plan_picker(ctx: Context) -> None:
    """When the warehouse holds more than one plan, a picker in the sidebar, kept in ?plan= (and so
    carried in every link: url_state.carried). A new plan starts its screens from their defaults."""
    plans = data.rows("plans")
    if len(plans) < 2:
        return
    names = {r["plan_id"]: pick(r, "name", ctx.lang) for r in plans}
    ids = list(names)
    _, bad = url_state.selectbox(t("plan.picker", ctx.lang), ids, param="plan", key="plan_picker", default=ids[0],
                                 format_func=names.get, container=st.sidebar,
                                 clears=("action", "indicator", "year", "since", "slide"))
    url_state.report(ctx.lang, [("plan", bad)], back=False)


MIXED_LISTED = 8     # targets named in the notice; more are counted


def demo_notice(ctx: Context) -> None:
    """Say so while demo values are shown: all of them, or how many of the figures in force are demo
    and which targets mix demo and imported figures. Gone once no demo figure is in force."""
    mode = data.q("data_mode")
    if not len(mode) or not bool(mode.iloc[0]["is_demo"]):
        return
    row = mode.iloc[0]
    real, total = int(row["count_real"]), int(row["count_values"])
    if not real:
        st.info(t("prov.notice_all", ctx.lang, total=f"{total:,}"), icon=":material/science:")
        return
    ids = data.q("demo_mixed_targets")["indicator_id"].tolist()
    mixed = ""
    if ids:
        shown = "、".join(ids[:MIXED_LISTED]) if ctx.lang == "zh" else ", ".join(ids[:MIXED_LISTED])
        mixed = (t("prov.notice_mixed", ctx.lang, ids=shown) if len(ids) <= MIXED_LISTED
                 else t("prov.notice_mixed_more", ctx.lang, ids=shown, n=len(ids), more=len(ids) - MIXED_LISTED))
    st.info(t("prov.notice", ctx.lang, total=f"{total:,}", demo=f"{total - real:,}", mixed=mixed),
            icon=":material/science:")


# ---- the error boundary -------------------------------------------------------------------------
# What a reader is told, by the kind of failure (the writer lock held too long is a TimeoutError);
# anything else gets the general sentence.
_FAILURE_KEYS = ((SnapshotDamaged, "boundary.damaged"), (TimeoutError, "boundary.busy"))


def failure_key(exc: BaseException) -> str:
    """The string key of the sentence for ``exc``."""
    return next((key for kind, key in _FAILURE_KEYS if isinstance(exc, kind)), "boundary.failed")


@contextlib.contextmanager
def boundary(lang: str, where: str) -> Iterator[None]:
    """Turn any exception in the block into one sentence in ``lang`` with a reference (``ref 7f3a9c``)
    and log the full traceback under that reference (logger ``tracker.app``).

    Only ``Exception`` is caught. Streamlit's own control flow (``st.stop``, ``st.rerun``,
    ``st.switch_page``) raises ``StopException`` / ``RerunException``, which derive from
    ``BaseException`` precisely so that an ``except Exception`` lets them through (see
    ``streamlit.runtime.scriptrunner_utils.exceptions``); so this needs no private import, and
    KeyboardInterrupt and SystemExit pass too. The one Streamlit ``Exception`` that must pass is
    ``FragmentHandledException``: a fragment that failed has already shown and logged its error."""
    try:
        yield
    except Exception as exc:  # noqa: BLE001 - the boundary: every failure becomes one sentence
        if isinstance(exc, FragmentHandledException):
            raise
        ref = secrets.token_hex(3)
        log.exception("ref %s: %s failed: %s", ref, where, exc)
        st.error(t(failure_key(exc), lang, ref=ref), icon=":material/error:")


def guarded(page, ctx: Context) -> None:
    """Run the navigation's page (and, outside meeting mode, the demo-data notice before it, which
    queries too) inside the one error boundary."""
    with boundary(ctx.lang, f"page {getattr(page, 'url_path', page)}"):
        if not ctx.present:
            demo_notice(ctx)
        page.run()
