-- model: status_at_states (view, not stored: the building block of the stored "as of" models)
-- grain: one row per state of as_of_states(false) and target and area with a status up to it: the
--        status row in force then (its latest up to the state's year)
-- read by: 07a_overview_targets_as_of.sql, 08a_action_targets_as_of.sql,
--          09a_district_standing_as_of.sql, 09c_compare_cells_as_of.sql
-- invariants: at most one row per plan, as_of, indicator_id and area_code; in a state at or after the
--             target year a row of an earlier year reads no_data, with no score, grade or 完成进度
--             (the macro final_status: shown with its year, not judged).
create view status_at_states as
with
final as (
    select t.as_of, t.year_from, t.next_year, s.* replace (
        final_status(s.status, s.year, s.target_year, t.as_of) as status,
        case when is_stale_final(s.year, s.target_year, t.as_of) then null else s.score end as score,
        case when is_stale_final(s.year, s.target_year, t.as_of) then null else s.progress_pct end as progress_pct,
        case when is_stale_final(s.year, s.target_year, t.as_of) then null else s.time_pct end as time_pct,
        case when is_stale_final(s.year, s.target_year, t.as_of) then null else s.grade end as grade)
    from as_of_states(false) as t
    join status_in_force as s
        on s.plan_id = t.plan_id and s.year <= t.as_of
       and (s.next_status_year is null or t.as_of < s.next_status_year)
)
select * from final;
