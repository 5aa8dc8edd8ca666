-- grain: one row per target of one plan that has at least one status row: the choices for the worked
--        example
-- params: $plan_id
-- invariants: has_city_value = the city has a status row with a value; listed by action and id
with
plan_indicators as (
    select * from indicators where plan_id = $plan_id
),
city as (
    select area_code from areas where kind = 'city'
),
coverage as (
    select
        s.indicator_id,
        count(*) as count_status_rows,
        count(s.value) filter (where s.area_code in (select area_code from city)) > 0 as has_city_value
    from status as s
    where s.plan_id = $plan_id
    group by s.indicator_id
),
final as (
    select i.*, c.count_status_rows, c.has_city_value
    from plan_indicators as i
    join coverage as c using (indicator_id)
    order by i.action_no, i.indicator_id
)
select * from final
