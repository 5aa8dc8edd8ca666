-- grain: one row per action of one plan
-- params: $plan_id
with
actions as (select * from actions where plan_id = $plan_id),
counts as (
    select action_no,
           count(*) as count_targets,
           count(*) filter (where comparator <> 'qualitative') as count_numeric,
           count(*) filter (where comparator = 'qualitative') as count_qualitative
    from indicators
    where plan_id = $plan_id
    group by action_no
),
final as (
    select a.*, coalesce(c.count_targets, 0) as count_targets,
           coalesce(c.count_numeric, 0) as count_numeric,
           coalesce(c.count_qualitative, 0) as count_qualitative
    from actions as a
    left join counts as c using (action_no)
    order by a.action_no
)
select * from final
