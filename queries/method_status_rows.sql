-- grain: one row per area per year for one target: its rows of table status, for the worked example
-- params: $plan_id, $indicator_id
-- invariants: the city first, then districts and regions by code; years ascending
-- reads: status_in_force, stored with every write (queries/schema/06c_status_in_force.sql)
with
final as (
    select
        area_name_zh as name_zh, area_name_en as name_en, area_kind as kind,
        plan_id, indicator_id, action_no, area_code, year, baseline_year, baseline_value, value,
        target_value, target_high, progress_pct, time_pct, ratio, status, score, projected_value,
        required_annual_change, achieved_annual_change, grade, first_met_year
    from status_in_force
    where plan_id = $plan_id and indicator_id = $indicator_id
    order by case area_kind when 'city' then 0 when 'district' then 1 else 2 end, area_code, year
)
select * from final
