"""Every import batch, newest first, and rolling one back."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components.downloads import table_downloads
from components.i18n import t
from components.screens.data.writes import done, request, take, write
from tracker.importer import apply


# ---- history and rollback -----------------------------------------------------------------------
def batches_table(batches: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        t("data.col.batch", lang): batches["batch_id"],
        t("data.col.kind", lang): batches["kind"].map(lambda k: t(f"data.kind.{k}", lang)),
        t("data.col.file", lang): batches["file_name"].fillna(""),
        t("data.col.rows", lang): batches["row_count"],
        t("data.col.in_force", lang): batches["count_in_force"],
        t("data.col.by", lang): batches["created_by"],
        t("data.col.at", lang): pd.to_datetime(batches["created_at"]).dt.strftime("%Y-%m-%d %H:%M"),
        t("data.col.state", lang): batches["state"].map(lambda s: t(f"data.state.{s}", lang)),
        t("data.col.note", lang): batches["note"].fillna(""),
    })


def history_panel(batches: pd.DataFrame, who: str | None, lang: str) -> None:
    st.caption(t("data.history_lead", lang))
    table = batches_table(batches, lang)
    st.dataframe(table, hide_index=True, width="stretch")
    table_downloads(table, "batches", lang, key="data_batches")
    if not who:
        return
    reversible = batches[batches["is_reversible"]]
    if reversible.empty:
        st.caption(t("data.rollback_none", lang))
        return
    labels = {r["batch_id"]: " · ".join(x for x in (r["batch_id"], t("data.kind." + r["kind"], lang),
                                                     r["file_name"] if isinstance(r["file_name"], str) else "") if x)
              for r in reversible.to_dict("records")}
    pick_id = st.selectbox(t("data.rollback_pick", lang), list(labels), format_func=labels.get,
                           placeholder=t("widget.placeholder", lang), key="data_rollback_pick")
    if pick_id == "demo":
        st.caption(t("data.rollback_demo", lang))
    sure = st.checkbox(t("data.rollback_confirm", lang), key="data_rollback_confirm")
    st.button(t("data.rollback", lang), key="data_rollback", disabled=not sure, icon=":material/undo:",
              on_click=request, args=("rollback",))
    if take("rollback") and sure and write(lang, lambda: apply.rollback(pick_id, who)) is not None:
        st.session_state.pop("data_rollback_confirm", None)
        done(t("data.rolled_back", lang, batch=pick_id))
