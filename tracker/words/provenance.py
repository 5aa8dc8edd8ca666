"""Strings for where a figure comes from: its source and note (口径说明), demo or imported, and a
status computed from a series that mixes the two."""
from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "prov.source": ("来源：{source}", "Source: {source}"),
    "prov.no_source": ("来源：未注明", "Source: not given"),
    "prov.note": ("口径说明：{note}", "Note on the figure: {note}"),
    "prov.demo": ("演示数据：程序生成，不是实际统计数据", "Demo figure: generated, not an actual statistic"),
    "prov.mixed": ("此状态由演示数据（{demo}年）和导入数据（{imported}年）混合计算，需审慎解读。",
                   "This status is computed from a series that mixes demo figures ({demo}) and imported ones "
                   "({imported}): read it with care."),
    "prov.rollup": ("由乡镇（街道）数据汇总：{covered}/{townships}个已覆盖，已上报{reported}/{townships}个（未上报的按未覆盖计）",
                    "Rolled up from township rows: {covered} of {townships} covered, reported for {reported} of "
                    "{townships} (those not reported count as not covered)"),
    "prov.mark.demo": (" · ◇ 演示数据", " · ◇ demo figure"),
    "prov.mark.mixed": (" · ⚠ 演示与导入数据混合", " · ⚠ demo and imported figures mixed"),
    "prov.kind.demo": ("◇ 演示", "◇ demo"),
    "prov.kind.imported": ("● 导入", "● imported"),
    "prov.col.kind": ("数据类型", "Kind"),
    "prov.col.source": ("来源", "Source"),
    "prov.col.note": ("口径说明", "Note on the figure"),
    "prov.legend": ("◇ 演示数据（程序生成）  ● 导入的实际数据", "◇ demo figure (generated)  ● imported figure"),
    "prov.figures_title": ("数值来源与口径说明", "Sources and notes of the figures"),
    "prov.figures_caption": ("每个生效数值一行：区域、年份、数值、数据类型（演示或导入）、来源和口径说明。",
                             "One row per figure in force: area, year, value, kind (demo or imported), source and "
                             "the note on the figure."),
    "prov.notice_all": ("演示数据：当前生效的{total}个数值全部由程序按固定种子生成（图表和表格中标为“◇ 演示”），仅用于演示，"
                        "不代表宁波市实际统计数据。导入实际数据后，相应数值不再标为演示。",
                        "Demo data: all {total} figures in force are generated with a fixed seed for demonstration "
                        "(marked “◇ demo” in charts and tables) and are not Ningbo's actual statistics. Imported "
                        "figures replace them one by one."),
    "prov.notice": ("部分为演示数据：当前生效的{total}个数值中，{demo}个仍为程序生成的演示数据（图表和表格中标为“◇ 演示”），"
                    "不代表宁波市实际统计数据。{mixed}全部替换为实际数据，或运行 python -m tracker demo --clear 后，此提示消失。",
                    "Partly demo data: {demo} of the {total} figures in force are still generated for demonstration "
                    "(marked “◇ demo” in charts and tables) and are not Ningbo's actual statistics. {mixed}This "
                    "notice disappears once none is left: replace them all, or run python -m tracker demo --clear."),
    "prov.notice_mixed": ("以下指标混合了演示数据和导入数据：{ids}。", "Targets mixing demo and imported figures: {ids}. "),
    "prov.notice_mixed_more": ("以下指标混合了演示数据和导入数据：{ids}等{n}个。",
                               "Targets mixing demo and imported figures: {ids} and {more} more. "),
}
