-- model: action_target_counts (stored)
-- grain: one row per action of every plan with how many targets it has (numeric, qualitative)
-- read by: actions.sql
-- invariants: exactly one row per row of actions (tracker.build.ONE_ROW_EACH);
--             count_targets = count_numeric + count_qualitative.
-- stored: the view action_target_counts_live computes it and the table action_target_counts holds it, refreshed with every write
--         (tracker.build.refresh_stored), rows in the order its readers return them
create view action_target_counts_live as
with
counts as (
    select plan_id, action_no,
           count(*) as count_targets,
           count(*) filter (where comparator <> 'qualitative') as count_numeric,
           count(*) filter (where comparator = 'qualitative') as count_qualitative
    from indicators
    group by plan_id, action_no
),
final as (
    select a.*, coalesce(c.count_targets, 0) as count_targets,
           coalesce(c.count_numeric, 0) as count_numeric,
           coalesce(c.count_qualitative, 0) as count_qualitative
    from actions as a
    left join counts as c using (plan_id, action_no)
    order by a.plan_id, a.action_no
)
select * from final;
create table action_target_counts as select * from action_target_counts_live with no data;
