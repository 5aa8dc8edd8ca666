"""Entry point: page config, navigation over pages/, language and the demo-data notice."""
import streamlit as st

from components import frame, url_state

st.set_page_config(
    page_title="宁波共同富裕行动计划监测 · Ningbo Plan Tracker",
    page_icon="📊",
    layout="wide",
    initial_sidebar_state="auto",
)

ctx = url_state.current()
page = frame.navigation(ctx)
if not ctx.present:
    frame.language_switch(ctx)
    frame.plan_picker(ctx)
    url_state.report(ctx.lang, ctx.problems, back=False)
frame.guarded(page, ctx)  # the demo notice, then the page: any failure is one sentence and a ref
