"""Strings for the Data page (数据): templates, upload, checks, preview, history, rollback, milestones."""
from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "data.title": ("数据", "Data"),
    "data.lead": ("下载模板、导入年度数据、查看导入记录并按批次撤销、录入定性目标的进展状态。",
                  "Download a template, import the year's figures, review past imports and roll one back, "
                  "and record the milestones of qualitative targets."),
    "data.mode": ("当前生效数值：真实数据{real}条，演示数据{demo}条。",
                  "Values in force: {real} real, {demo} demo."),
    "data.tab.import": ("导入", "Import"),
    "data.tab.history": ("导入记录", "History"),
    "data.tab.milestones": ("进展状态", "Milestones"),
    # sign-in
    "data.readonly": (
        "本页为只读：尚未设置管理员登录。启用导入需由运维人员设置环境变量 TRACKER_ADMIN_PASSWORD_HASH"
        "（用 python -m tracker hash-password 生成），或在 .streamlit/secrets.toml 的 [admin] 中设置 password_hash，"
        "或配置单点登录（[auth]，并在 [admin] emails 中列出管理员邮箱）。密码不得存入代码库。",
        "This page is read-only: no administrator sign-in is set up. To enable imports, set the environment "
        "variable TRACKER_ADMIN_PASSWORD_HASH (from python -m tracker hash-password), or password_hash under "
        "[admin] in .streamlit/secrets.toml, or single sign-on ([auth], with the administrators' addresses in "
        "[admin] emails). Never keep credentials in the repository.",
    ),
    "data.sign_in": ("管理员登录", "Administrator sign-in"),
    "data.sign_in_hint": ("导入、撤销和录入进展状态需要管理员登录。", "Importing, rolling back and recording milestones need an administrator."),
    "data.name": ("姓名（记入导入记录）", "Your name (kept with each import)"),
    "data.password": ("密码", "Password"),
    "data.sign_in_button": ("登录", "Sign in"),
    "data.sign_in_sso": ("单点登录", "Sign in with single sign-on"),
    "data.sign_in_failed": ("密码不正确。", "The password is wrong."),
    "data.sign_in_need_name": ("请填写姓名后再登录（密码未检查）。", "Enter your name to sign in (the password was not checked)."),
    "data.sign_in_wait": ("此地址登录失败次数过多，请在{wait}后再试。",
                          "Too many failed attempts from this address. Try again in {wait}."),
    "data.sign_in_paused": ("近期登录失败次数过多，密码登录已对所有人暂停，请在{wait}后再试。",
                            "Too many failed sign-in attempts overall; password sign-in is paused for everyone. "
                            "Try again in {wait}."),
    "data.wait_min_s": ("{m}分{s}秒", "{m} min {s} s"),
    "data.wait_s": ("{s}秒", "{s} s"),
    "data.credential_changed": ("管理员凭据已更改，您已退出登录。如有新密码，请重新登录。",
                                "The administrator credential has changed, so you were signed out. "
                                "Sign in again with the new password if you have it."),
    "data.credential_refused": (
        "已配置的管理员凭据格式不被接受，密码登录已关闭。只接受本项目的加盐迭代哈希："
        "`pbkdf2_sha256$迭代次数$盐$哈希`，至少{min_iterations:,}次迭代、盐至少{salt}字节（不接受单纯的 SHA-256 值）。"
        "请运行 `.venv/bin/python -m tracker hash-password` 生成，再设为环境变量 `TRACKER_ADMIN_PASSWORD_HASH`，"
        "或写入 `.streamlit/secrets.toml` 的 `[admin] password_hash`（并删除 `password_sha256`）。",
        "The configured administrator credential is not in the accepted format, so password sign-in is off. "
        "Only the project's salted, iterated hash is accepted: `pbkdf2_sha256$iterations$salt$hash`, with at "
        "least {min_iterations:,} iterations and a salt of at least {salt} bytes (a bare SHA-256 value is refused). "
        "Make one with `.venv/bin/python -m tracker hash-password` and put it in the environment variable "
        "`TRACKER_ADMIN_PASSWORD_HASH`, or under `[admin] password_hash` in `.streamlit/secrets.toml` "
        "(and remove `password_sha256`).",
    ),
    "data.signed_in": ("已以管理员身份登录：{who}", "Signed in as administrator: {who}"),
    "data.sign_out": ("退出登录", "Sign out"),
    "data.not_admin": ("{who} 不在管理员名单中，本页为只读。", "{who} is not on the administrators' list; this page is read-only."),
    "data.admin_only": ("登录管理员后可上传文件。", "Sign in as an administrator to upload files."),
    # templates
    "data.templates": ("1. 下载模板", "1. Download a template"),
    "data.templates_hint": (
        "模板按指标逐行列出本规划的{n}项目标，含单位、区域和年份下拉选项。只填有数据的行；未填数值的行导入时跳过。",
        "The template lists the plan's {n} targets, one per row, with units and drop-downs for areas and years. "
        "Fill in the rows you have figures for; rows without a value are skipped.",
    ),
    "data.template_xlsx": ("Excel 模板", "Excel template"),
    "data.template_csv": ("CSV 模板", "CSV template"),
    "data.township_templates": ("乡镇（街道）覆盖类目标的模板", "Templates for township coverage targets"),
    "data.township_templates_hint": (
        "每个乡镇（街道）一行，填“已覆盖”或“未覆盖”；区县和全市的数值由系统汇总得出，并替换该年已导入的区县和全市数值。",
        "One row per township: mark it covered or not covered. The district and city figures are rolled up from "
        "these rows and replace any district or city figures imported for that year.",
    ),
    "data.commentary_templates": ("原因分析、下一步措施和评估报告文字的模板", "Templates for causes, measures and the evaluation's text"),
    "data.commentary_templates_hint": (
        "原因与措施：每个目标、区域和年份一行，填写原因分析和下一步措施，显示在目标卡片和指标页上。"
        "评估报告文字：每个部分一行（总体评价、主要成效、存在问题、下一步建议），用于评估报告。模板中已填入现行文字，"
        "修改后再导入即可；文字按原样显示，不作格式处理。",
        "Causes and measures: one row per target, area and year, with the cause and the measures planned, shown on the "
        "target's card and its indicator page. Evaluation text: one row per part (overall assessment, main "
        "achievements, problems, next steps), for the assessment report. The templates carry the texts in force: "
        "edit them and import the file again. Text is shown as written, without formatting.",
    ),
    "data.commentary_targets_xlsx": ("原因与措施 Excel 模板", "Causes and measures: Excel template"),
    "data.commentary_targets_csv": ("原因与措施 CSV 模板", "Causes and measures: CSV template"),
    "data.commentary_plan_xlsx": ("评估报告文字 Excel 模板", "Evaluation text: Excel template"),
    "data.commentary_plan_csv": ("评估报告文字 CSV 模板", "Evaluation text: CSV template"),
    "data.col.section": ("部分", "Part"),
    "data.col.text": ("文字", "Text"),
    "data.township_target": ("目标", "Target"),
    "data.township_year": ("年份", "Year"),
    "data.township_xlsx": ("乡镇 Excel 模板", "Township Excel template"),
    "data.township_csv": ("乡镇 CSV 模板", "Township CSV template"),
    "data.rollup_head": ("乡镇（街道）数据将设定以下区县和全市数值", "The township rows set these district and city figures"),
    "data.col.covered": ("已覆盖", "Covered"),
    "data.col.reported": ("已上报", "Reported"),
    "data.col.townships": ("乡镇（街道）数", "Townships"),
    "data.col.after": ("导入后数值", "Value after import"),
    # upload and checks
    "data.upload": ("2. 上传填好的文件（.xlsx 或 .csv，不超过 5 MB；目录文件可多个一起上传）",
                    "2. Upload the filled-in file (.xlsx or .csv, up to 5 MB; catalogue files may go together)"),
    "data.checking": ("正在检查文件……", "Checking the file…"),
    "data.findings_head": ("发现{n}个问题，整个文件未导入。请改正后重新上传。",
                           "{n} problem(s) found; nothing from this file was imported. Correct them and upload again."),
    "data.findings_download": ("下载问题清单", "Download the list of problems"),
    "data.col.file": ("文件", "File"),
    "data.col.row": ("行", "Row"),
    "data.col.column": ("列", "Column"),
    "data.col.message": ("问题", "Problem"),
    # preview
    "data.preview": ("3. 预览变化", "3. Preview the changes"),
    "data.read_as": ("文件编码：{encoding}", "Read as {encoding}"),
    "data.count.new": ("新增", "New"),
    "data.count.revised": ("修订", "Revised"),
    "data.count.unchanged": ("未变", "Unchanged"),
    "data.count.skipped": ("空行跳过", "Blank, skipped"),
    "data.change.new": ("新增", "new"),
    "data.change.revised": ("修订", "revised"),
    "data.change.unchanged": ("未变", "unchanged"),
    "data.col.change": ("变化", "Change"),
    "data.col.indicator": ("指标", "Indicator"),
    "data.col.area": ("区域", "Area"),
    "data.col.year": ("年份", "Year"),
    "data.col.value": ("数值", "Value"),
    "data.col.previous": ("原数值", "Previous value"),
    "data.col.milestone": ("进展状态", "Milestone"),
    "data.col.table": ("目录表", "Catalogue table"),
    "data.col.key": ("编号", "Key"),
    "data.nothing": ("文件中的数值与当前数据相同，没有需要导入的变化。", "The file matches the data in force: nothing to import."),
    "data.commit": ("4. 确认导入", "4. Import"),
    "data.committing": ("正在导入……其他用户可照常浏览。", "Importing… everyone else keeps working as usual."),
    "data.committed": ("已导入批次 {batch}：写入{rows}行。", "Imported batch {batch}; rows written: {rows}."),
    "data.imported": ("已导入批次 {batch}：新增{new}条，修订{revised}条。上传区已清空，可继续上传下一个文件。",
                      "Imported batch {batch}: {new} new, {revised} revised. The upload area is clear for the next file."),
    "data.imported_warnings": ("已确认{n}条提醒。", "{n} warning(s) accepted."),
    "data.since_link": ("在总览查看此次导入以来的变化", "See on the overview what changed with this import"),
    "data.warnings_head": ("{n}个数值看起来不合常理（提醒，不是错误）。请逐条核对；确认无误后勾选下方选项再导入，否则不会写入。",
                           "{n} figure(s) look implausible (warnings, not errors). Check each one; nothing is "
                           "written until you confirm below."),
    "data.col.warning": ("提醒（与什么比较）", "Warning (compared with)"),
    "data.accept_warnings": ("已核对以上数值，确认无误，照此导入", "I have checked these figures; they are right, import them"),
    "data.busy": ("另一项导入正在进行，请稍后再试。", "Another import is running; try again in a minute."),
    "data.failed": ("导入失败，数据未作任何改动。请稍后重试或联系管理员。",
                    "The import failed and nothing was changed. Try again later or ask the administrator."),
    # history and rollback
    "data.history_lead": ("每次导入为一个批次。撤销一个批次后，该批次之前的数值重新生效；撤销本身也记为一个批次。",
                          "Each import is a batch. Rolling a batch back puts the values from before it back in force; "
                          "the rollback is recorded as a batch too."),
    "data.col.batch": ("批次", "Batch"),
    "data.col.kind": ("类型", "Kind"),
    "data.col.rows": ("行数", "Rows"),
    "data.col.in_force": ("生效数值", "Values in force"),
    "data.col.by": ("操作人", "By"),
    "data.col.at": ("时间", "When"),
    "data.col.state": ("状态", "State"),
    "data.col.note": ("说明", "Note"),
    "data.kind.demo": ("演示数据", "demo data"),
    "data.kind.observations": ("数据导入", "data import"),
    "data.kind.milestones": ("进展状态", "milestone"),
    "data.kind.catalog": ("目录导入", "catalogue import"),
    "data.kind.rollback": ("撤销", "rollback"),
    "data.kind.commentary": ("原因与评价文字", "causes and evaluation text"),
    "data.state.applied": ("生效", "applied"),
    "data.state.rolled_back": ("已撤销", "rolled back"),
    "data.state.submitted": ("已报送待审核", "submitted, awaiting review"),
    "data.state.accepted": ("已采纳", "accepted"),
    "data.state.returned": ("已退回", "returned"),
    "data.rollback_pick": ("要撤销的批次", "Batch to roll back"),
    "data.rollback_confirm": ("我确认撤销该批次", "I want to roll this batch back"),
    "data.rollback": ("撤销批次", "Roll back"),
    "data.rollback_demo": ("撤销演示批次将移除全部演示数值。", "Rolling back the demo batch removes every demo value."),
    "data.rolled_back": ("已撤销批次 {batch}。", "Rolled back batch {batch}."),
    "data.rollback_none": ("没有可撤销的批次。", "There is no batch to roll back."),
    # milestones
    "data.ms_lead": ("定性目标的进展由管理员录入，每次录入带日期和说明，记为一个批次。",
                     "Administrators record the progress of qualitative targets; each entry is dated, has a note, "
                     "and is kept as a batch."),
    "data.ms_none": ("暂无进展状态记录。", "No milestones recorded yet."),
    "data.ms_form": ("录入进展状态", "Record a milestone"),
    "data.ms_indicator": ("定性目标", "Qualitative target"),
    "data.ms_area": ("区域", "Area"),
    "data.ms_year": ("年份", "Year"),
    "data.ms_status": ("进展状态", "Milestone"),
    "data.ms_note": ("说明（如完成依据的文件）", "Note (e.g. the document that completed it)"),
    "data.ms_save": ("保存", "Save"),
    "data.ms_saved": ("已记录（批次 {batch}）。", "Recorded (batch {batch})."),
    "data.ms_unchanged": ("进展状态未变，未写入。", "The milestone is unchanged; nothing was written."),
    "data.ms_no_targets": ("本规划没有定性目标。", "This plan has no qualitative targets."),
}
