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
-- order: action_no, indicator_id
-- reads: district_scorecard_as_of, stored with every write (queries/schema/09b_district_scorecard_as_of.sql);
--        the figure's source, note and batch kind from values_in_force (08b)
with
card as (
    select *
    from district_scorecard_as_of
    where plan_id = $plan_id and area_code = $district and answers_year(year_from, next_year, $year)
),
figures as (     -- the district's figure of value_year: its source, note and batch kind (demo or not)
    select indicator_id, year, source, note, batch_kind
    from values_in_force
    where area_code = $district
),
final as (
    select
        c.action_no, c.indicator_id, c.name_zh, c.name_en, c.unit_zh, c.unit_en, c.comparator, c.target_value,
        c.target_high, c.target_year, c.direction, c.measure, c.method, c.scope, c.area_code, c.is_judged,
        c.value, c.value_year, c.status_year, c.status, c.score, c.ratio, c.progress_pct, c.time_pct,
        c.rank_in_districts, c.count_ranked, c.city_value, c.city_status, c.share_of_city_pct, c.updated_at,
        f.source, f.note, f.batch_kind
    from card as c
    left join figures as f on f.indicator_id = c.indicator_id and f.year = c.value_year
    order by c.action_no, c.indicator_id
)
select * from final
