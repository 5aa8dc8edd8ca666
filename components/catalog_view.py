"""The catalogue as a reader sees it: each action with its targets and the plan's own wording."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components import fmt
from components.i18n import pick, t


def targets_table(targets: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per target: name, target with unit, year, scope, the plan's wording."""
    rows = [
        {
            t("col.indicator", lang): pick(row, "name", lang),
            t("col.target", lang): fmt.target(row, lang),
            t("col.year", lang): int(row["target_year"]),
            t("col.scope", lang): t(f"scope.{row['scope']}", lang),
            t("col.quote", lang): row["source_quote"],
        }
        for row in targets.to_dict("records")
    ]
    return pd.DataFrame(rows)


def actions_with_targets(actions: pd.DataFrame, targets: pd.DataFrame, lang: str) -> None:
    for action in actions.to_dict("records"):
        heading = t("action.heading", lang, no=action["action_no"], name=pick(action, "name", lang))
        own = targets[targets["action_no"] == action["action_no"]]
        with st.expander(f"{heading}（{len(own)}）" if lang == "zh" else f"{heading} ({len(own)})",
                         expanded=False):
            if not action["in_source"]:
                st.caption(t("action.not_in_source", lang))
                continue
            st.write(pick(action, "summary", lang))
            st.dataframe(targets_table(own, lang), hide_index=True, width="stretch")
