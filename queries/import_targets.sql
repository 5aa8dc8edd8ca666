-- grain: one row per target of every plan, with its plan's years: what an import is checked against
-- params: none
with
indicators as (select * from indicators),
plans as (select plan_id, baseline_year as plan_baseline_year, target_year as plan_target_year from plans),
final as (
    select
        i.indicator_id, i.plan_id, i.action_no, i.name_zh, i.name_en, i.unit_zh, i.unit_en,
        i.comparator, i.target_value, i.target_high, i.target_year, i.measure, i.scope,
        p.plan_baseline_year, p.plan_target_year
    from indicators as i
    join plans as p using (plan_id)
    order by i.plan_id, i.action_no, i.indicator_id
)
select * from final
