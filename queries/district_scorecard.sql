-- grain: one row per target with district figures, for one district as of one year
-- params: $plan_id; $district (a district's area code); $year (null = latest): every figure is the
--         latest up to $year
-- invariants: is_judged = the engine assesses the target in each district (status rows); otherwise
--             the target is a city total split by district (aggregation sum): status is null and
--             share_of_city_pct = the district's figure / the city's, in percent. value is the figure
--             compared with the target (the status row's value; without one, the sum of additions
--             since the base year for counts of new, the mean yearly growth for growth rates, else
--             the latest value). rank_in_districts: 1 = best (highest value for "up", lowest for
--             "down"), ties (equal to 9 decimals) share the better rank, no value no rank;
--             count_ranked = districts with a value. A judged target with no status up to $year
--             counts as no_data.
-- order: as stored (action_no, indicator_id): a select from one table keeps its row order
-- reads: district_scorecard_as_of, stored with every write (queries/schema/09b_district_scorecard_as_of.sql)
with
final as (
    select
        action_no, indicator_id, name_zh, name_en, unit_zh, unit_en, comparator, target_value,
        target_high, target_year, direction, measure, method, scope, area_code, is_judged,
        value, value_year, status_year, status, score, ratio, progress_pct, time_pct,
        rank_in_districts, count_ranked, city_value, city_status, share_of_city_pct, updated_at
    from district_scorecard_as_of
    where plan_id = $plan_id and area_code = $district and answers_year(year_from, next_year, $year)
)
select * from final
