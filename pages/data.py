"""数据 Data: templates, upload, check, preview, import, history with rollback, milestones.

Anyone may download templates and read the history; importing, rolling back and recording
milestones need a signed-in administrator (components/screens/data/sign_in.py)."""
import streamlit as st

from components import data, frame, paging, theme, url_state
from components.filters import area_names
from components.i18n import pick, t
from components.screens.data import history, imports, milestones, recovery, sign_in, unit, writes

frame.routed()
theme.apply()

lang = url_state.lang()
plan = data.default_plan()
st.title(t("data.title", lang))
st.caption(t("data.lead", lang))
imports.data_mode(lang)
who = sign_in.sign_in(lang)
recovery.recovery_notice(lang, who)
writes.flash(lang)

targets = data.q("import_targets")
areas = area_names(lang)
tab_import, tab_history, tab_milestones = st.tabs(
    [t("data.tab.import", lang), t("data.tab.history", lang), t("data.tab.milestones", lang)])

with tab_import:
    unit.unit_panel(lang)    # a reporting unit: its items, its template, its submission
    imports.template_downloads(plan, targets, data.q("areas"), lang)
    imports.township_templates(plan, targets, lang)
    imports.commentary_templates(plan, targets, data.q("areas"), lang)
    if who:
        files = imports.uploads(lang)
        if files:
            names = {r["indicator_id"]: pick(r, "name", lang) for r in targets.to_dict("records")}
            imports.import_panel(files, who, names, areas, lang)
    else:
        st.caption(t("data.admin_only", lang))

with tab_history:
    history.history_panel(data.q("batches"), who, lang)

with tab_milestones:
    milestones.milestone_panel(plan, data.q("import_milestones", plan_id=plan["plan_id"]), targets, areas, who, lang,
                               paging.township_codes())
