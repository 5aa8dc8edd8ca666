"""The district page's widgets and sections: the picker, the note on a city code, and each part of
the page drawn from the prepared view (components.screens.district.prepared). Status is always a
word and an icon; its colour is a third cue on a container's border (components/theme.py)."""
from __future__ import annotations

from typing import Mapping

import streamlit as st

from components import url_state
from components.downloads import table_downloads
from components.frame import link
from components.i18n import t
from components.safe import t_md
from components.screens.district.prepared import Item, View
from components.theme import status_key
from tracker import statuses

OVERVIEW_PAGE = "pages/overview.py"
INDICATOR_PAGE = "pages/indicator.py"
MAP_PAGE = "pages/map.py"


def picker(names: dict[str, str], lang: str, *, key: str = "district_pick", container=None):
    """One district (``?district=CODE``), the first by default. Returns (area_code, bad URL value)."""
    codes = list(names)
    return url_state.selectbox(t("district.picker", lang), codes, param="district", key=key,
                               default=codes[0], format_func=names.get, container=container)


def report_bad(lang: str, bad: str | None, city: str | None, shown: str) -> None:
    """The city's code is not a district: say so and point to the overview; anything else is unknown."""
    if bad is None:
        return
    if bad.strip() == city:
        st.info(t_md("district.is_city", lang, code=city, name=shown), icon=":material/location_city:")
        link(OVERVIEW_PAGE, t("back.overview", lang), icon=":material/arrow_back:",
             query_params=url_state.carried(lang))
        st.divider()
    else:
        url_state.report(lang, [("district", bad)])


def headline(v: View) -> None:
    with st.container(horizontal=True, key="district-headline", gap="small"):
        for label, value, help_text in v.metrics:
            st.metric(label, value, help=help_text, border=True)


def counts_row(v: View, lang: str) -> None:
    st.markdown(f"**{t('district.counts', lang, n=sum(v.counts.values()))}**")
    with st.container(horizontal=True, key="district-counts", gap="small"):
        for code, n in v.counts.items():
            with st.container(border=True, key=f"district-count{status_key(code)}", width=150):
                st.metric(statuses.badge(code, lang), n)


def _item(it: Item, links: Mapping[str, str]) -> None:
    with st.container(border=True, key=it.key):
        st.markdown(it.status)
        if not link(INDICATOR_PAGE, it.label, query_params={"indicator": it.indicator_id, **links}):
            st.markdown(it.label)
        st.caption(it.caption)


def best_worst(v: View, lang: str, links: Mapping[str, str]) -> None:
    if not v.best and not v.worst:
        st.caption(t("district.none_scored", lang))
        return
    with st.container(horizontal=True, key="district-bestworst-grid-", gap="medium"):
        for title, items, name in (("district.best", v.best, "best"), ("district.worst", v.worst, "worst")):
            with st.container(key=f"district-{name}"):
                st.header(t(title, lang), help=t("district.best_help", lang))
                for it in items:
                    _item(it, links)


def text_px(text: str, size_px: float = 14) -> float:
    """About how wide ``text`` is drawn in a table cell: CJK glyphs 1 em, others about 0.55 em."""
    return sum(size_px if ord(ch) >= 0x2E80 else 0.55 * size_px for ch in str(text))


def fitted_columns(table, keep: str, cap_px: int = 360) -> dict:
    """Column widths that show every cell whole ("≥ 14,000元/年", not "≥ 14,000 yu"), each column
    as wide as its widest cell or heading (up to ``cap_px``); ``keep`` (the names) stays large."""
    out = {}
    for name in table.column_names:
        if name == keep:
            out[name] = st.column_config.Column(width="large")
            continue
        cells = [name, *(v for v in table.column(name).to_pylist() if v is not None)]
        out[name] = st.column_config.Column(width=int(min(cap_px, max(text_px(c) for c in cells) + 28)))
    return out


def scorecard(v: View, lang: str) -> None:
    st.header(t("district.scorecard", lang), help=t("district.scorecard_help", lang))
    if v.scorecard is None:
        st.caption(t("district.none_scored", lang))
        return
    st.dataframe(v.scorecard, hide_index=True, width="stretch", height="content", key="district_scorecard",
                 column_config=fitted_columns(v.scorecard, t("district.col.indicator", lang)))


def coverage(v: View, district: str, lang: str, links: Mapping[str, str]) -> None:
    """Township coverage targets: "x of y townships covered" and the townships not yet covered,
    with a way to the map screen for the district."""
    if not v.coverage:
        return
    st.header(t("townships.section", lang), anchor=False, help=t("townships.section_help", lang))
    for c in v.coverage:
        with st.container(border=True, key=c.key):
            st.markdown(f"**{c.label}** · {t('townships.as_of', lang, year=c.year)}")
            st.markdown(c.lines[0])
            for line in c.lines[1:]:
                st.caption(line)
            link(MAP_PAGE, t("townships.on_map", lang), icon=":material/map:",
                 query_params={**links, "indicator": c.indicator_id, "district": district, "year": str(c.year)})


def shares(v: View, name: str, lang: str) -> None:
    if v.shares is None:
        return
    st.header(t("district.shares", lang))
    st.caption(t("district.shares_help", lang, name=name))
    st.dataframe(v.shares, hide_index=True, width="stretch", key="district_shares",
                 column_config={t("district.col.indicator", lang): st.column_config.TextColumn(width="large")})


def city_only(v: View, lang: str) -> None:
    """Say plainly that these targets have no district figures, and list them on request."""
    if v.city_only is None:
        return
    note, label, table = v.city_only
    st.info(note, icon=":material/info:")
    with st.expander(label):
        st.dataframe(table, hide_index=True, width="stretch")
        table_downloads(table.to_pandas, t("overview.city_only_file", lang), lang, "district_city_only")
