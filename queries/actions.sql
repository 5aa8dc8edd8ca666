-- grain: one row per action of one plan
-- params: $plan_id
-- order: as stored (action_no): a select from one table keeps its row order
-- reads: action_target_counts, stored with every write (queries/schema/08c_action_target_counts.sql)
with
final as (
    select
        plan_id, action_no, name_zh, name_en, group_zh, group_en, summary_zh, summary_en, in_source,
        count_targets, count_numeric, count_qualitative
    from action_target_counts
    where plan_id = $plan_id
)
select * from final
