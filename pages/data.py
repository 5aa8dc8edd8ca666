"""数据 Data: templates, upload, check, preview, import, history with rollback, milestones.

Anyone may download templates and read the history; importing, rolling back and recording
milestones need a signed-in administrator (components.data_admin.sign_in)."""
import streamlit as st

from components import data, data_admin, frame, paging, theme, url_state
from components.filters import area_names
from components.i18n import pick, t

frame.routed()
theme.apply()

lang = url_state.lang()
plan = data.default_plan()
st.title(t("data.title", lang))
st.caption(t("data.lead", lang))
data_admin.data_mode(lang)
who = data_admin.sign_in(lang)
frame.recovery_notice(lang, who)
data_admin.flash(lang)

targets = data.q("import_targets")
areas = area_names(lang)
tab_import, tab_history, tab_milestones = st.tabs(
    [t("data.tab.import", lang), t("data.tab.history", lang), t("data.tab.milestones", lang)])

with tab_import:
    data_admin.template_downloads(plan, targets, data.q("areas"), lang)
    if who:
        files = data_admin.uploads(lang)
        if files:
            names = {r["indicator_id"]: pick(r, "name", lang) for r in targets.to_dict("records")}
            data_admin.import_panel(files, who, names, areas, lang)
    else:
        st.caption(t("data.admin_only", lang))

with tab_history:
    data_admin.history_panel(data.q("batches"), who, lang)

with tab_milestones:
    data_admin.milestone_panel(plan, data.q("import_milestones", plan_id=plan["plan_id"]), targets, areas, who, lang,
                               paging.township_codes())
