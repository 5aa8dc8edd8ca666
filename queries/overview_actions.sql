-- grain: one row per action of one plan (every action, also those not in the source text): how its
--        targets stand for one area in one year (the overview's action tiles)
-- params: $plan_id; $year (null = latest): each target's latest status up to that year;
--         $area_code (null or the city = the plan's headline; a district = every target the progress
--         engine judges for that district, as in overview_targets.sql)
-- invariants: count_targets = the sum of the thirteen count_<status> columns and counts only judged
--             targets; count_city_only counts the action's targets with no figures for the area;
--             rollup_status is the macro rollup_status (queries/schema/05_macros.sql).
-- order: as stored (action_no): a select from one table keeps its row order
-- reads: overview_actions_as_of, stored with every write (queries/schema/07b_overview_actions_as_of.sql), where
--        asked_area '' holds the answer for a code that is not an area (every action, nothing counted)
with
final as (
    select
        plan_id, action_no, name_zh, name_en, group_zh, group_en, in_source,
        count_targets, count_achieved, count_on_track, count_accelerate, count_limited,
        count_backwards, count_no_data, count_milestone_done, count_milestone_in_progress,
        count_milestone_not_started, count_completed_early, count_completed, count_nearly_completed,
        count_not_completed, count_off_track, count_with_data, count_city_only,
        mean_score, mean_progress_pct, mean_time_pct, rollup_status
    from overview_actions_as_of
    where plan_id = $plan_id and answers_year(year_from, next_year, $year)
      and asked_area is not distinct from (
          select case when $area_code is null then null else coalesce(max(area_code), '') end
          from areas where area_code = $area_code)
)
select * from final
