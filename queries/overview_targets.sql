-- grain: one row per target of one plan: how it stands for one area in one year (the overview's and
--        meeting mode's target list)
-- params: $plan_id; $year (null = latest): each target's latest status up to that year;
--         $area_code (null or the city = the plan's headline: the city's row for city-wide and
--         district-level targets, the region's row for regional ones; a district = the district's
--         own row for every target the progress engine judges per district, that is every target
--         with a status row for that district in any year; the others are marked is_city_only)
-- invariants: every target of the plan appears once; is_city_only rows have a null status and
--             count in no status total; a judged target with no status up to $year is no_data.
-- order: as stored (action_no, indicator_id, area_code): a select from one table keeps its row order
-- reads: overview_targets_as_of, stored with every write (queries/schema/07a_overview_targets_as_of.sql)
with
final as (
    select
        plan_id, action_no, indicator_id, name_zh, name_en, unit_zh, unit_en,
        comparator, target_value, target_high, target_year, scope, aggregation, measure,
        area_code, is_city_only, status, status_year, value, score, progress_pct, time_pct, ratio, grade,
        updated_at, latest_year, release_lag_months, baseline_year
    from overview_targets_as_of
    where plan_id = $plan_id and asked_area is not distinct from $area_code
      and answers_year(year_from, next_year, $year)
)
select * from final
