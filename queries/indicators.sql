-- grain: one row per target of one plan, optionally one action
-- params: $plan_id, $action_no (null = every action)
with
indicators as (
    select * from indicators
    where plan_id = $plan_id and ($action_no is null or action_no = $action_no)
),
final as (
    select * from indicators order by action_no, indicator_id
)
select * from final
