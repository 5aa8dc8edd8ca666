-- grain: one row per qualitative target per area: the milestone in force for its latest year, and when
--        it was entered
-- params: $plan_id
-- order: as stored (action_no, indicator_id, area_code): a select from one table keeps its row order
-- reads: milestones_in_force, stored with every write (queries/schema/11e_milestones_in_force.sql)
with
final as (
    select action_no, indicator_id, name_zh, name_en, area_code, year, milestone, note,
           batch_id, batch_kind, created_by, created_at
    from milestones_in_force
    where plan_id = $plan_id
)
select * from final
