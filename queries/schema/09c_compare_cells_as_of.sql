-- model: compare_cells_as_of (stored)
-- grain: one row per plan, state of as_of_states(false), district-level target (one that some district
--        has a status for up to that year) and district: compare_heatmap.sql's cell
-- read by: compare_heatmap.sql (the comparison page)
-- invariants: every such target has a cell for every district (no_data when it has no status there).
-- stored: the view compare_cells_as_of_live computes it and the table compare_cells_as_of holds it, refreshed with every write
--         (tracker.build.refresh_stored), rows in the order its readers return them
create view compare_cells_as_of_live as
with
districts as (
    select area_code, name_zh as area_name_zh, name_en as area_name_en from areas where kind = 'district'
),
district_status as (
    select * from status_at_states where area_kind = 'district'
),
district_targets as (
    select distinct plan_id, as_of, indicator_id from district_status
),
cells as (
    select
        st.as_of, st.year_from, st.next_year, i.plan_id,
        i.indicator_id, i.action_no, i.name_zh, i.name_en, i.unit_zh, i.unit_en, i.comparator,
        i.target_value, i.target_high, i.direction, i.measure, i.scope, i.aggregation,
        d.area_code, d.area_name_zh, d.area_name_en
    from as_of_states(false) as st
    join district_targets as t on t.plan_id = st.plan_id and t.as_of = st.as_of
    join indicators as i on i.indicator_id = t.indicator_id
    cross join districts as d
),
final as (
    select
        c.* exclude (as_of),
        s.year,
        s.value,
        coalesce(s.status, 'no_data') as status,
        s.score,
        s.progress_pct,
        s.time_pct
    from cells as c
    left join district_status as s
        on s.plan_id = c.plan_id and s.as_of = c.as_of and s.indicator_id = c.indicator_id
       and s.area_code = c.area_code
    order by c.plan_id, c.year_from, c.action_no, c.indicator_id, c.area_code
)
select * from final;
create table compare_cells_as_of as select * from compare_cells_as_of_live with no data;
