-- model: overview_actions_as_of (stored)
-- grain: one row per plan, state of as_of_states(false), asked area and action of the plan (every
--        action, also one with no targets): overview_actions.sql's rows; asked_area '' stands for any
--        code that is not an area (every action, nothing counted)
-- read by: overview_actions.sql (the overview's action tiles, meeting mode)
-- invariants: the counts are status_summary over the action's rows of overview_targets_as_of (a
--             city-only row counts in count_city_only, not in count_targets); count_targets = the sum
--             of the thirteen count_<status> columns; rollup_status is the macro rollup_status.
-- stored: the view overview_actions_as_of_live computes it and the table overview_actions_as_of holds it, refreshed with every write
--         (tracker.build.refresh_stored), rows in the order its readers return them
create view overview_actions_as_of_live as
with
asked as (
    select asked_area from asked_areas
    union all
    select ''
),
action_rows as (
    -- every action in every state and asked area, with its target rows there (none: one null row)
    select
        st.year_from, st.next_year, c.asked_area,
        a.plan_id, a.action_no, a.name_zh, a.name_en, a.group_zh, a.group_en, a.in_source,
        t.status, t.is_city_only, t.score, t.progress_pct, t.time_pct
    from as_of_states(false) as st
    join actions as a using (plan_id)
    cross join asked as c
    left join overview_targets_as_of as t
        on t.plan_id = a.plan_id and t.year_from is not distinct from st.year_from
       and t.asked_area is not distinct from c.asked_area and t.action_no = a.action_no
),
action_summary as (
    select
        year_from, next_year, asked_area,
        plan_id, action_no, name_zh, name_en, group_zh, group_en, in_source,
        status_summary(status, score, progress_pct, time_pct) as summary,
        count(*) filter (where is_city_only) as count_city_only
    from action_rows
    group by all
),
final as (
    select
        year_from, next_year, asked_area,
        plan_id, action_no, name_zh, name_en, group_zh, group_en, in_source,
        summary.*,
        count_city_only,
        rollup_status(summary) as rollup_status
    from action_summary
    order by plan_id, asked_area, year_from, action_no
)
select * from final;
create table overview_actions_as_of as select * from overview_actions_as_of_live with no data;
