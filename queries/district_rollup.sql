-- grain: one row per district with district-level targets in one plan: how they stand in one year
-- params: $plan_id; $year (null = latest): each target's latest status up to that year
-- invariants: every district has the same targets (scope each_district or township_share); a target
--             with no status up to $year counts as no_data; rank_by_score 1 = the best mean score,
--             ties share the better rank, no score no rank. Mirrors tracker.rollup.district_rollup.
-- order: as stored (area_code): a select from one table keeps its row order
-- reads: plan_rollup_as_of (a district's roll-up is the plan's roll-up asked for that district),
--        stored with every write (queries/schema/07_overview.sql)
with
final as (
    select
        asked_area as area_code, asked_name_zh as name_zh, asked_name_en as name_en,
        count_targets, count_achieved, count_on_track, count_accelerate, count_limited,
        count_backwards, count_no_data, count_milestone_done, count_milestone_in_progress,
        count_milestone_not_started, count_off_track, count_with_data, mean_score,
        on_track_or_achieved_pct, mean_progress_pct, mean_time_pct, rollup_status, rank_by_score
    from plan_rollup_as_of
    where plan_id = $plan_id and asked_kind = 'district' and answers_year(year_from, next_year, $year)
)
select * from final
