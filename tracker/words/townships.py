"""Strings of township coverage (乡镇（街道）覆盖), shared by the map, district, indicator and meeting screens."""
from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "townships.covered": ("{covered}/{total}个乡镇（街道）已覆盖", "{covered} of {total} townships covered"),
    "townships.reported": ("（已上报{reported}/{total}个，未上报的按未覆盖计）",
                           " (reported for {reported} of {total}; those not reported count as not covered)"),
    "townships.uncovered": ("尚未覆盖：{names}", "Not yet covered: {names}"),
    "townships.uncovered_more": ("等{n}个", " and {n} more"),
    "townships.unreported": ("未上报：{names}", "Not reported: {names}"),
    "townships.none_uncovered": ("所有已上报的乡镇（街道）均已覆盖。", "Every township reported is covered."),
    "townships.sep": ("、", ", "),
    "townships.show": ("显示各乡镇（街道）数据", "Show the township figures"),
    "townships.col.year": ("年份", "Year"),
    "townships.col.district": ("区县（市）", "District"),
    "townships.col.code": ("乡镇（街道）代码", "Township code"),
    "townships.col.township": ("乡镇（街道）", "Township"),
    "townships.col.state": ("是否覆盖", "Covered"),
    "townships.col.note": ("备注", "Note"),
    "townships.yes": ("已覆盖", "covered"),
    "townships.no": ("未覆盖", "not covered"),
    "townships.download": ("各乡镇（街道）数据", "township figures"),
    "townships.section": ("乡镇（街道）覆盖", "Township coverage"),
    "townships.section_help": (
        "按乡镇（街道）计算的覆盖类目标：已覆盖的乡镇（街道）数占全部乡镇（街道）数的比例，未上报的按未覆盖计（开发区管委会等不计入）。",
        "Coverage targets counted by township: the townships covered out of all the area's townships, "
        "those not reported counting as not covered (zone offices are not counted).",
    ),
    "townships.as_of": ("{year}年", "{year}"),
    "townships.on_map": ("在地图上查看", "See it on the map"),
    "townships.table_title": ("各乡镇（街道）覆盖情况", "Coverage township by township"),
    "townships.table_caption": (
        "每个乡镇（街道）每年一行：1 已覆盖，0 未覆盖，及导入时的备注。下载包含所有区县、所有年份的乡镇（街道）数据。",
        "One row per township and year: covered or not, with the note imported with it. The downloads "
        "hold every township of every district in every year.",
    ),
    "townships.map_title": ("区县地图：{name}", "District map: {name}"),
    "townships.map_year": ("{year}年数据。点按区县可在地图页查看其尚未覆盖的乡镇（街道）。",
                           "Figures for {year}. Tap a district to open it on the map screen, with its "
                           "townships not yet covered."),
    "townships.map_alt": ("{name}（{year}年）各区县地图", "Map of the districts: {name}, {year}"),
    "townships.open_map": ("打开地图", "Open the map"),
    "townships.districts_lead": ("或选择区县，在地图上查看：", "Or choose a district to open it on the map:"),
    "townships.name_sep": ("：", ": "),
}
