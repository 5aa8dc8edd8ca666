-- grain: one row per reporting round, newest first (year, then opened)
-- params: $plan_id (null = every plan)
with
final as (
    select round_id, plan_id, year, deadline, opened_by, opened_at
    from rounds
    where $plan_id is null or plan_id = $plan_id
    order by year desc, opened_at desc, round_id desc
)
select * from final
