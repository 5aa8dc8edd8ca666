-- grain: one row per district for one indicator: its latest assessment up to one year
-- params: $indicator_id; $year (null = latest)
-- invariants: every district appears once; a district with no assessment up to $year has status
--             no_data and no value (a city-wide total is not assessed per district)
with
districts as (
    select area_code, name_zh as area_name_zh, name_en as area_name_en from areas where kind = 'district'
),
status_up_to_year as (
    select * from status
    where indicator_id = $indicator_id and ($year is null or year <= $year)
),
latest_status as (
    select * from status_up_to_year
    qualify row_number() over (partition by area_code order by year desc) = 1
),
final as (
    select
        d.area_code, d.area_name_zh, d.area_name_en,
        s.year, s.value, s.baseline_value, s.progress_pct, s.time_pct,
        coalesce(s.status, 'no_data') as status, s.score, s.projected_value
    from districts as d
    left join latest_status as s using (area_code)
    order by d.area_code
)
select * from final
