-- grain: one row per year with at least one assessed target in one plan, latest first
-- params: $plan_id
with
plan_status as (
    select year from status where plan_id = $plan_id
),
final as (
    select distinct year from plan_status order by year desc
)
select * from final
