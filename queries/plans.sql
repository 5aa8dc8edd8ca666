-- grain: one row per plan, the plan with the newest data first (the default plan)
-- params: none
with
plans as (select * from plans),
indicators as (select indicator_id, plan_id from indicators),
current_values as (select indicator_id, year from obs_current),
coverage as (
    select i.plan_id, count(o.year) as count_values, max(o.year) as last_year
    from indicators as i
    join current_values as o using (indicator_id)
    group by i.plan_id
),
final as (
    select p.plan_id, p.name_zh, p.name_en, p.start_year, p.target_year, p.baseline_year,
           coalesce(c.count_values, 0) as count_values, c.last_year
    from plans as p
    left join coverage as c using (plan_id)
    order by (coalesce(c.count_values, 0) > 0) desc, p.target_year desc, p.plan_id
)
select * from final
