-- grain: one row per target of one plan per area with commentary in force for one year: the cause
--        (原因分析) and the measures (下一步措施), each in Chinese and English (null where not given)
-- params: $plan_id, $year
-- order: action, target, then the city before its districts (area codes)
-- reads: target_commentary_current, stored with every write (queries/schema/03a_target_commentary_current.sql)
with
targets as (
    select indicator_id, action_no
    from indicators
    where plan_id = $plan_id
),
final as (
    select c.indicator_id, c.area_code, c.year, c.cause_zh, c.cause_en, c.measures_zh, c.measures_en
    from target_commentary_current as c
    join targets as t using (indicator_id)
    where c.year = $year
    order by t.action_no, c.indicator_id, c.area_code
)
select * from final
