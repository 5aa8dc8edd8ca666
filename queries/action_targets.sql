-- grain: one row per target of one action: the target and how it stands as of one year in the area shown
-- params: $plan_id, $action_no; $year (null = latest): each target's latest status up to that year;
--         $area_code (null or the city = the city's row, or the region's row for a regional target;
--         a district = that district's row where the district is assessed, else the city's or the
--         region's row with is_city_only true)
-- invariants: one row per target of the action, in catalogue order; no status up to $year = no_data
-- order: as stored (indicator_id): a select from one table keeps its row order
-- reads: action_targets_as_of, stored with every write (queries/schema/08a_action_targets_as_of.sql): the rows for
--        the asked district, or the headline (asked_district null) for any other code, which each row's
--        district_codes tells apart
with
final as (
    select
        indicator_id, plan_id, action_no, name_zh, name_en, unit_zh, unit_en, comparator,
        target_value, target_high, target_year, baseline_year, direction, measure, method, scope,
        map_layer, aggregation, source_quote, note, lead_unit_zh, lead_unit_en,
        area_code, is_city_only, status_year, baseline_value, value, progress_pct, time_pct, ratio,
        status, score, projected_value, required_annual_change, achieved_annual_change,
        grade, first_met_year, updated_at, latest_year, release_lag_months
    from action_targets_as_of
    where plan_id = $plan_id and action_no = $action_no and answers_year(year_from, next_year, $year)
      and asked_district is not distinct from (
          case when list_contains(district_codes, $area_code) then $area_code end)
)
select * from final
