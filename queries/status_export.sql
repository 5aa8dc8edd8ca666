-- grain: one row per indicator per area of one plan: its status as of one year, that is the row for
--        the latest year with data up to $year (the year column says which)
-- params: $plan_id; $year (null = the latest year with data for each indicator and area)
-- invariants: at most one row per indicator and area; codes, not labels (the page adds labels);
--             verdict (tracker/judgement.py) filled when the year asked (the latest: the plan's latest
--             year with a status) is the target year or later, a row of an earlier year reading no_data;
--             grade filled before it;
--             updated_at: when the figure judged was imported; latest_year: the year of the latest figure
-- bulk: every indicator and area of the plan: handed to pandas through Arrow
-- order: as stored (action_no, indicator_id, area_code): a select from one table keeps its row order
-- reads: status_in_force, stored with every write (queries/schema/06c_status_in_force.sql): a status row answers
--        the years from its own until the next one (next_status_year)
with
final as (
    select
        plan_id, action_no, indicator_id, name_zh, name_en,
        area_code, area_name_zh, area_name_en, year,
        unit_zh, unit_en, comparator, measure, method, scope,
        baseline_year, baseline_value, value, target_value, target_high,
        progress_pct, time_pct, ratio, status, score,
        projected_value, required_annual_change, achieved_annual_change,
        case when final_year >= target_year then final_status(status, year, target_year, final_year) end as verdict,
        case when final_year < target_year then grade end as grade,
        first_met_year,
        updated_at, latest_year, release_lag_months
    from status_in_force
    cross join (select coalesce($year, max(year)) as final_year from status where plan_id = $plan_id)
    where plan_id = $plan_id and answers_year(year, next_status_year, $year)
)
select * from final
