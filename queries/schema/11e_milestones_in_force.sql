-- model: milestones_in_force (stored)
-- grain: one row per qualitative target per area with a milestone in force: the milestone of its
--        latest year, and when it was entered
-- read by: import_milestones.sql (the milestone form)
-- invariants: at most one row per indicator_id and area_code.
-- stored: the view milestones_in_force_live computes it and the table milestones_in_force holds it, refreshed with every write
--         (tracker.build.refresh_stored), rows in the order its readers return them
create view milestones_in_force_live as
with
targets as (
    select indicator_id, plan_id, action_no, name_zh, name_en
    from indicators
    where comparator = 'qualitative'
),
latest as (
    select o.*
    from obs_current as o
    join targets as t using (indicator_id)
    where o.milestone is not null
    qualify row_number() over (partition by o.indicator_id, o.area_code order by o.year desc) = 1
),
final as (
    select t.plan_id, t.action_no, l.indicator_id, t.name_zh, t.name_en, l.area_code, l.year, l.milestone,
           l.note, l.batch_id, b.kind as batch_kind, b.created_by, b.created_at
    from latest as l
    join targets as t using (indicator_id)
    join batches as b using (batch_id)
    order by t.plan_id, t.action_no, l.indicator_id, l.area_code
)
select * from final;
create table milestones_in_force as select * from milestones_in_force_live with no data;
