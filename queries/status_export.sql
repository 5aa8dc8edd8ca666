-- grain: one row per indicator per area of one plan: its status as of one year, that is the row for
--        the latest year with data up to $year (the year column says which)
-- params: $plan_id; $year (null = the latest year with data for each indicator and area)
-- invariants: at most one row per indicator and area; codes, not labels (the page adds labels)
with
plan_indicators as (
    select indicator_id, name_zh, name_en, unit_zh, unit_en, comparator, measure, method, scope
    from indicators
    where plan_id = $plan_id
),
area_names as (
    select area_code, name_zh as area_name_zh, name_en as area_name_en from areas
),
latest_status as (
    select * from status_as_of($plan_id, $year)
),
final as (
    select
        s.plan_id, s.action_no, s.indicator_id, i.name_zh, i.name_en,
        s.area_code, a.area_name_zh, a.area_name_en, s.year,
        i.unit_zh, i.unit_en, i.comparator, i.measure, i.method, i.scope,
        s.baseline_year, s.baseline_value, s.value, s.target_value, s.target_high,
        s.progress_pct, s.time_pct, s.ratio, s.status, s.score,
        s.projected_value, s.required_annual_change, s.achieved_annual_change
    from latest_status as s
    join plan_indicators as i using (indicator_id)
    left join area_names as a using (area_code)
    order by s.action_no, s.indicator_id, s.area_code
)
select * from final
