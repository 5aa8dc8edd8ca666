-- grain: one row per year in which some district has a status for a target of one plan, newest first
-- params: $plan_id
with
districts as (
    select area_code from areas where kind = 'district'
),
district_status as (
    select s.year, s.indicator_id
    from status as s
    join districts as d using (area_code)
    where s.plan_id = $plan_id
),
final as (
    select year, count(distinct indicator_id) as count_targets
    from district_status
    group by year
    order by year desc
)
select * from final
