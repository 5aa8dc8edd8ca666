-- grain: one row per section of one plan's evaluation with text in force for one year (overall 总体评价,
--        achievements 主要成效, problems 存在问题, next_steps 下一步建议), in that order
-- params: $plan_id, $year
-- reads: plan_commentary_current, stored with every write (queries/schema/03b_plan_commentary_current.sql)
with
final as (
    select section, text_zh, text_en
    from plan_commentary_current
    where plan_id = $plan_id and year = $year
    order by case section when 'overall' then 1 when 'achievements' then 2 when 'problems' then 3 else 4 end
)
select * from final
