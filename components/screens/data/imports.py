"""Importing figures: templates, the upload, its check and preview, and the commit."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components import data, frame, url_state
from components.downloads import guarded, table_downloads
from components.i18n import pick, t
from components.screens.data.writes import done, request, take, write
from tracker import commentary, statuses
from tracker.importer import apply, commentary_template, templates, township_template
from tracker.importer.results import Preview


def data_mode(lang: str) -> None:
    mode = data.q("data_mode")
    if len(mode):
        row = mode.iloc[0]
        real = int(row["count_real"])
        st.caption(t("data.mode", lang, real=f"{real:,}", demo=f"{int(row['count_values']) - real:,}"))


# ---- templates, upload, preview, commit ---------------------------------------------------------
def template_downloads(plan: dict, targets: pd.DataFrame, areas: pd.DataFrame, lang: str) -> None:
    st.header(t("data.templates", lang))
    mine = targets[targets["plan_id"] == plan["plan_id"]]
    st.caption(t("data.templates_hint", lang, n=len(mine)))
    stem = f"template-{plan['plan_id']}-{lang}"
    left, right = st.columns(2)
    left.download_button(t("data.template_xlsx", lang), key="data_template_xlsx", icon=":material/download:",
                         data=guarded(lambda: templates.xlsx_bytes(mine, areas, plan, lang), "xlsx", stem),
                         file_name=f"{stem}.xlsx",
                         mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", width="stretch")
    right.download_button(t("data.template_csv", lang), key="data_template_csv", icon=":material/download:",
                          data=guarded(lambda: templates.csv_bytes(mine, areas, lang), "csv", stem), file_name=f"{stem}.csv",
                          mime="text/csv", width="stretch")


def township_templates(plan: dict, targets: pd.DataFrame, lang: str) -> None:
    """For each township-scoped coverage target, a template listing every township, for one year."""
    mine = targets[(targets["plan_id"] == plan["plan_id"]) & (targets["scope"] == "township_share")]
    if mine.empty:
        return
    with st.expander(t("data.township_templates", lang), icon=":material/holiday_village:"):
        st.caption(t("data.township_templates_hint", lang))
        labels = {r["indicator_id"]: f"{r['indicator_id']} {pick(r, 'name', lang)}" for r in mine.to_dict("records")}
        left, right = st.columns([3, 1])
        chosen = left.selectbox(t("data.township_target", lang), list(labels), format_func=labels.get,
                                placeholder=t("widget.placeholder", lang), key="data_township_target")
        years = list(range(int(plan["target_year"]), int(plan["baseline_year"]) - 1, -1))
        year = right.selectbox(t("data.township_year", lang), years, key="data_township_year", placeholder=t("widget.placeholder", lang))
        target = mine[mine["indicator_id"] == chosen].iloc[0].to_dict()
        registry = data.q("import_townships")
        stem = f"townships-{chosen}-{year}-{lang}"
        a, b = st.columns(2)
        a.download_button(t("data.township_xlsx", lang), key="data_township_xlsx", icon=":material/download:",
                          data=guarded(lambda: township_template.xlsx_bytes(target, registry, year, lang), "xlsx", stem),
                          file_name=f"{stem}.xlsx", width="stretch",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        b.download_button(t("data.township_csv", lang), key="data_township_csv", icon=":material/download:",
                          data=guarded(lambda: township_template.csv_bytes(target, registry, year, lang), "csv", stem),
                          file_name=f"{stem}.csv", mime="text/csv", width="stretch")


def commentary_templates(plan: dict, targets: pd.DataFrame, areas: pd.DataFrame, lang: str) -> None:
    """The two commentary templates (causes and measures per target; the evaluation's parts), each as
    Excel and CSV with the texts in force filled in (tracker/importer/commentary_template.py)."""
    mine = targets[targets["plan_id"] == plan["plan_id"]]
    with st.expander(t("data.commentary_templates", lang), icon=":material/edit_note:"):
        st.caption(t("data.commentary_templates_hint", lang))
        xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        for kind in ("targets", "plan"):
            current = data.q(f"import_commentary_{kind}")      # the texts in force go into the template
            stem = f"commentary-{kind}-{plan['plan_id']}-{lang}"
            left, right = st.columns(2)
            left.download_button(t(f"data.commentary_{kind}_xlsx", lang), key=f"data_commentary_{kind}_xlsx",
                                 icon=":material/download:", file_name=f"{stem}.xlsx", mime=xlsx, width="stretch",
                                 data=guarded(lambda k=kind, c=current: commentary_template.xlsx_bytes(k, plan, mine, areas, lang, c),
                                              "xlsx", stem))
            right.download_button(t(f"data.commentary_{kind}_csv", lang), key=f"data_commentary_{kind}_csv",
                                  icon=":material/download:", file_name=f"{stem}.csv", mime="text/csv", width="stretch",
                                  data=guarded(lambda k=kind, c=current: commentary_template.csv_bytes(k, plan, mine, areas, lang, c),
                                               "csv", stem))


def rollup_table(result: Preview, areas: dict[str, str], lang: str) -> pd.DataFrame:
    """The district and city figures a file of township rows sets (tracker/importer/rollup_preview.py)."""
    rows = result.rollup
    return pd.DataFrame({
        t("data.col.indicator", lang): rows["indicator_id"],
        t("data.col.year", lang): rows["year"],
        t("data.col.area", lang): rows["area_code"].map(lambda a: areas.get(a, a)),
        t("data.col.covered", lang): rows["covered"],
        t("data.col.reported", lang): rows["reported"],
        t("data.col.townships", lang): rows["townships"],
        t("data.col.previous", lang): rows["value_before"].round(1),
        t("data.col.after", lang): rows["value_after"].round(1),
    })


def _dry_run(uploads: list[tuple[str, bytes]]) -> Preview:
    """The check of an upload, once per snapshot and file contents (a rerun does not check again)."""
    return data.remember("dry_run", apply.digest(uploads), lambda: apply.dry_run(uploads))


UPLOAD_ROUND = "data_upload_round"     # a new uploader after each import: the file just imported is cleared
IMPORTED = "data_imported"             # the batch just imported, said above the new uploader


def upload_key() -> str:
    n = st.session_state.get(UPLOAD_ROUND, 0)
    return "data_upload" if n == 0 else f"data_upload_{n}"


def uploads(lang: str) -> list[tuple[str, bytes]]:
    imported_notice(lang)
    files = st.file_uploader(t("data.upload", lang), type=["xlsx", "csv"], accept_multiple_files=True,
                             key=upload_key())
    return [(f.name, f.getvalue()) for f in files or []]


def imported_notice(lang: str) -> None:
    """After an import: what it changed and a link to the overview's "since" view of it, where the
    uploader (now empty) is, and as a toast, so it is in view wherever the page was scrolled."""
    done_now = st.session_state.pop(IMPORTED, None)
    if not done_now:
        return
    message = t("data.imported", lang, batch=done_now["batch"], new=done_now["new"], revised=done_now["revised"])
    if done_now["warnings"]:
        message += " " + t("data.imported_warnings", lang, n=done_now["warnings"])
    st.toast(message, icon=":material/check_circle:")
    st.success(message, icon=":material/check_circle:")
    batches = data.q("batches")
    hit = batches[batches["batch_id"] == done_now["batch"]]
    if len(hit):
        moment = pd.Timestamp(hit.iloc[0]["created_at"]).strftime("%Y-%m-%dT%H:%M:%S")
        frame.link("pages/overview.py", t("data.since_link", lang), icon=":material/history:",
                   query_params=url_state.carried(lang, since=moment))


def findings_table(result: Preview, lang: str, *, warnings: bool = False) -> pd.DataFrame:
    found = result.warnings if warnings else result.findings
    frame = pd.DataFrame([f.as_record(lang) for f in found], columns=["file", "row", "column", "message"])
    frame["row"] = frame["row"].map(lambda r: r if isinstance(r, str) else "—" if r is None or pd.isna(r)
                                    else str(int(r)))
    if frame["file"].nunique() <= 1:
        frame = frame.drop(columns="file")
    names = {c: t(f"data.col.{c}", lang) for c in frame.columns}
    if warnings:
        names["message"] = t("data.col.warning", lang)
    return frame.rename(columns=names)


def changes_table(result: Preview, names: dict[str, str], areas: dict[str, str], lang: str) -> pd.DataFrame:
    rows = result.changes
    change = rows["change"].map(lambda c: t(f"data.change.{c}", lang))
    if result.kind == "catalog":
        return pd.DataFrame({t("data.col.row", lang): rows["row"], t("data.col.change", lang): change,
                             t("data.col.table", lang): rows["file_table"], t("data.col.key", lang): rows["key"]})
    if result.kind == "commentary":
        return commentary_changes(rows, change, names, areas, lang)
    milestone = rows["milestone"].map(lambda m: statuses.label(statuses.MILESTONE_STATUS[m], lang)
                                      if isinstance(m, str) else "")
    return pd.DataFrame({
        t("data.col.row", lang): rows["row"],
        t("data.col.change", lang): change,
        t("data.col.value", lang): rows["value"],
        t("data.col.previous", lang): rows["previous_value"],
        t("data.col.milestone", lang): milestone,
        t("data.col.year", lang): rows["year"],
        t("data.col.area", lang): rows["area_code"].map(lambda a: areas.get(a, a)),
        t("data.col.indicator", lang): rows["indicator_id"].map(lambda i: f"{i} {names.get(i, '')}".strip()),
    })


def commentary_changes(rows: pd.DataFrame, change: pd.Series, names: dict[str, str], areas: dict[str, str],
                       lang: str) -> pd.DataFrame:
    """A commentary file's rows as they will stand: which target and area, or which part of the
    evaluation, and its text in the reader's language (plain text in a table cell)."""
    out = {t("data.col.row", lang): rows["row"], t("data.col.change", lang): change,
           t("data.col.year", lang): rows["year"]}
    if "indicator_id" in rows.columns:
        out[t("data.col.indicator", lang)] = rows["indicator_id"].map(lambda i: f"{i} {names.get(i, '')}".strip())
        out[t("data.col.area", lang)] = rows["area_code"].map(lambda a: areas.get(a, a))
        for field in ("cause", "measures"):
            out[t(f"target.{field}_col", lang)] = [commentary.in_lang(r, field, lang) for r in rows.to_dict("records")]
    else:
        out[t("data.col.section", lang)] = rows["section"].map(lambda s: commentary.SECTION_TITLES[s][lang])
        out[t("data.col.text", lang)] = [commentary.in_lang(r, "text", lang) for r in rows.to_dict("records")]
    return pd.DataFrame(out)


def show_findings(result: Preview, lang: str) -> None:
    st.error(t("data.findings_head", lang, n=len(result.findings)), icon=":material/error:")
    table = findings_table(result, lang)
    st.dataframe(table, hide_index=True, width="stretch")
    table_downloads(table, "findings", lang, key="data_findings")


def show_warnings(result: Preview, lang: str) -> bool:
    """The plausibility warnings, each with its row, column and comparison, and the checkbox that
    confirms them; True when there are none or they are confirmed."""
    if not result.warnings:
        return True
    figures = {(w.file_name, row) for w in result.warnings for row in (w.rows or (w.row,))}
    st.warning(t("data.warnings_head", lang, n=len(figures)), icon=":material/warning:")
    table = findings_table(result, lang, warnings=True)
    st.dataframe(table, hide_index=True, width="stretch")
    table_downloads(table, "warnings", lang, key="data_warnings")
    return st.checkbox(t("data.accept_warnings", lang), key="data_accept_warnings")


def _commit(files: list[tuple[str, bytes]], who: str, lang: str, accept: bool = False) -> None:
    # a refusal now means the data moved on between the preview and the commit: list every finding
    outcome = write(lang, lambda: apply.commit(files, who, accept_warnings=accept),
                    rejected=lambda exc: show_findings(Preview("observations", "", "", exc.findings), lang))
    if outcome is None:
        return
    if outcome.batch_id is None:
        done(t("write.nothing_recorded", lang))
        return
    counts = outcome.preview.counts() if outcome.preview is not None else {"new": 0, "revised": outcome.rows}
    st.session_state[IMPORTED] = {"batch": outcome.batch_id, "new": counts["new"], "revised": counts["revised"],
                                  "warnings": len(outcome.preview.warnings) if outcome.preview is not None else 0}
    st.session_state[UPLOAD_ROUND] = st.session_state.get(UPLOAD_ROUND, 0) + 1
    st.session_state.pop("data_accept_warnings", None)
    st.rerun()


def import_panel(files: list[tuple[str, bytes]], who: str, names: dict[str, str], areas: dict[str, str],
                 lang: str) -> None:
    with st.spinner(t("data.checking", lang)):
        result = _dry_run(files)
    if not result.ok:
        show_findings(result, lang)
        return
    st.header(t("data.preview", lang))
    if result.encoding:
        st.caption(t("data.read_as", lang, encoding=result.encoding))
    counts = result.counts()
    cols = st.columns(4)
    for col, key in zip(cols, ("new", "revised", "unchanged")):
        col.metric(t(f"data.count.{key}", lang), f"{counts[key]:,}")
    cols[3].metric(t("data.count.skipped", lang), f"{result.skipped:,}")
    if len(result.changes):
        changes = changes_table(result, names, areas, lang)
        st.dataframe(changes, hide_index=True, width="stretch", height=320 if len(result.changes) > 8 else "auto")
        table_downloads(changes, "preview", lang, key="data_preview")
    if len(result.rollup):
        st.markdown(f"**{t('data.rollup_head', lang)}**")
        rolled = rollup_table(result, areas, lang)
        st.dataframe(rolled, hide_index=True, width="stretch")
        table_downloads(rolled, "rollup", lang, key="data_rollup")
    if result.to_write().empty:
        st.info(t("data.nothing", lang), icon=":material/info:")
        return
    accepted = show_warnings(result, lang)
    st.button(t("data.commit", lang), key="data_commit", type="primary", icon=":material/publish:",
              on_click=request, args=("commit",), disabled=not accepted)
    if take("commit"):
        _commit(files, who, lang, accept=bool(result.warnings) and accepted)
