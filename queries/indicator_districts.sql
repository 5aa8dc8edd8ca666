-- grain: one row per district for one indicator: its latest assessment up to one year
-- params: $indicator_id; $year (null = latest)
-- invariants: every district appears once; a district with no assessment up to $year has status
--             no_data and no value (a city-wide total is not assessed per district)
-- reads: status_in_force, stored with every write (queries/schema/06c_status_in_force.sql); the
--        figure's source, note and batch kind from values_in_force (08b)
with
districts as (
    select area_code, name_zh as area_name_zh, name_en as area_name_en from areas where kind = 'district'
),
latest_status as (
    select area_code, year, value, baseline_value,
           case when not is_stale_final(year, target_year, asked) then progress_pct end as progress_pct,
           time_pct, final_status(status, year, target_year, asked) as status,
           case when not is_stale_final(year, target_year, asked) then score end as score, projected_value
    from status_in_force
    cross join (select coalesce($year, max(year)) as asked from status where indicator_id = $indicator_id)
    where indicator_id = $indicator_id and answers_year(year, next_status_year, $year)
),
figures as (
    select area_code, year, source, note, batch_kind
    from values_in_force
    where indicator_id = $indicator_id
),
final as (
    select
        d.area_code, d.area_name_zh, d.area_name_en,
        s.year, s.value, s.baseline_value, s.progress_pct, s.time_pct,
        coalesce(s.status, 'no_data') as status, s.score, s.projected_value,
        f.source, f.note, f.batch_kind
    from districts as d
    left join latest_status as s using (area_code)
    left join figures as f on f.area_code = d.area_code and f.year = s.year
    order by d.area_code
)
select * from final
