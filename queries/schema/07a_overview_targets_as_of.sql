-- model: overview_targets_as_of (stored)
-- grain: one row per plan, state of as_of_states(false), asked area (asked_area, null = the headline)
--        and target of the plan (a regional target once per region with a status, for the headline):
--        overview_targets.sql's rows for that $year and $area_code
-- read by: overview_targets.sql (overview, meeting mode); 07b_overview_actions_as_of.sql
-- invariants: status is null exactly when is_city_only (the target has no figures for the asked
--             area), otherwise a status code (no_data when there is none up to that year). Which
--             targets count for an area is documented in overview_targets.sql.
-- stored: the view overview_targets_as_of_live computes it and the table overview_targets_as_of holds it, refreshed with every write
--         (tracker.build.refresh_stored), rows in the order its readers return them
create view overview_targets_as_of_live as
with
judged_in_area as (
    select distinct plan_id, indicator_id, area_code from status
),
regions_with_status as (
    select distinct plan_id, as_of, indicator_id, area_code
    from status_at_states
    where area_kind = 'region'
),
targets as (
    select
        st.as_of, st.year_from, st.next_year, c.asked_area,
        i.indicator_id, i.plan_id, i.action_no, i.name_zh, i.name_en, i.unit_zh, i.unit_en, i.comparator,
        i.target_value, i.target_high, i.target_year, i.scope, i.aggregation, i.measure,
        case when c.kind = 'city' and i.scope = 'region' then r.area_code else c.area_code end as area_code,
        case when c.kind = 'city' then false
             when c.kind = 'region' then i.scope <> 'region'
             else j.indicator_id is null end as is_city_only
    from as_of_states(false) as st
    join indicators as i using (plan_id)
    cross join asked_areas as c
    left join regions_with_status as r
        on r.plan_id = st.plan_id and r.as_of = st.as_of and r.indicator_id = i.indicator_id
       and c.kind = 'city' and i.scope = 'region'
    left join judged_in_area as j
        on j.plan_id = st.plan_id and j.indicator_id = i.indicator_id and j.area_code = c.area_code
),
final as (
    select
        t.year_from, t.next_year, t.asked_area,
        t.plan_id, t.action_no, t.indicator_id, t.name_zh, t.name_en, t.unit_zh, t.unit_en,
        t.comparator, t.target_value, t.target_high, t.target_year, t.scope, t.aggregation, t.measure,
        t.area_code, t.is_city_only,
        case when t.is_city_only then null else coalesce(s.status, 'no_data') end as status,
        s.year as status_year, s.value, s.score, s.progress_pct, s.time_pct, s.ratio,
        case when t.is_city_only then null
             when s.status is null then 'no_data' else s.grade end as grade,
        s.updated_at, s.latest_year, i.release_lag_months, i.baseline_year
    from targets as t
    join indicators as i using (indicator_id)
    left join status_at_states as s
        on s.plan_id = t.plan_id and s.as_of = t.as_of and s.indicator_id = t.indicator_id
       and s.area_code = t.area_code and not t.is_city_only
    order by t.plan_id, t.asked_area, t.year_from, t.action_no, t.indicator_id, t.area_code
)
select * from final;
create table overview_targets_as_of as select * from overview_targets_as_of_live with no data;
