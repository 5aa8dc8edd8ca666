-- grain: one row per action of one plan that has targets: how its targets stand in one year, for one area
-- params: $plan_id; $year (null = latest): each target's latest status up to that year;
--         $area_code (null or the city = the plan's headline: the city's row for city-wide and
--         district-level targets, the region's row for regional ones; a district = its
--         district-level targets; a region = its regional targets)
-- invariants: count_targets = the sum of the nine count_<status> columns; a target with no status up
--             to $year counts as no_data. Mirrors tracker.rollup.action_rollup(target_status(...)).
-- order: as stored (plan_id, action_no): a select from one table keeps its row order
-- reads: action_rollup_as_of, stored with every write (queries/schema/07_overview.sql)
with
final as (
    select
        plan_id, action_no, count_targets, count_achieved, count_on_track, count_accelerate,
        count_limited, count_backwards, count_no_data, count_milestone_done,
        count_milestone_in_progress, count_milestone_not_started, count_off_track, count_with_data,
        mean_score, on_track_or_achieved_pct, mean_progress_pct, mean_time_pct, rollup_status
    from action_rollup_as_of
    where plan_id = $plan_id and asked_area is not distinct from $area_code
      and answers_year(year_from, next_year, $year)
)
select * from final
