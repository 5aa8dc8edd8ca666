"""总览 Overview: the plan's actions and their targets."""
import streamlit as st

from components import catalog_view, context, data, frame
from components.i18n import t

frame.routed()

lang = context.lang()
plan = data.default_plan()
st.title(t("overview.title", lang))
actions = data.q("actions", plan_id=plan["plan_id"])
targets = data.q("indicators", plan_id=plan["plan_id"], action_no=None)
st.caption(t("overview.lead", lang, plan=plan[f"name_{lang}"], n_actions=len(actions), n_targets=len(targets)))
catalog_view.actions_with_targets(actions, targets, lang)
