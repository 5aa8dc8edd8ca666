"""Meeting mode (会议模式) strings."""
from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "present.off_title": ("{year}年　未达序时进度的目标", "{year}: targets off track"),
    "present.off_title_final": ("{year}年终期评估　未完成和基本完成的目标", "{year} final assessment: targets not completed"),
    "present.off_more_final": ("另有{n}项未完成或基本完成，见各行动页。", "{n} more not completed: see the action slides."),
    "present.off_more": ("另有{n}项未达进度，见各行动页。", "{n} more off track: see the action slides."),
    "present.next": ("下一页", "Next"),
    "present.prev": ("上一页", "Previous"),
    "present.pause": ("暂停", "Pause"),
    "present.play": ("继续播放", "Play"),
    "present.exit": ("退出会议模式", "Leave meeting mode"),
    "present.position": ("第{k}页，共{n}页", "Slide {k} of {n}"),
    "present.auto": ("每{s}秒自动翻页", "Advances every {s} s"),
    "present.part": ("{title}（{k}/{n}）", "{title} ({k}/{n})"),
    "present.paused": ("已暂停", "Paused"),
    "present.demo": ("演示数据，非宁波市实际统计", "Demo data, not Ningbo's actual statistics"),
    "present.latest": ("{year}年：{value}", "{year}: {value}"),
    "present.no_value": ("暂无数值", "No figure yet"),
    "present.target": ("目标：{target}", "Target: {target}"),
    "present.no_district": ("本区县无此行动的分区数据。", "No district figures for this action."),
    "present.area": ("范围：{area}", "Area: {area}"),
}
