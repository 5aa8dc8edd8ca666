-- model: indicator_coverage (stored)
-- grain: one row per target (every column of indicators) with its plan's years and what the data
--        covers: any district value in force, its status rows, whether the city has a status value,
--        the years with a district status value, and its note split into Chinese and English
-- read by: indicators.sql, district_city_only.sql, method_targets.sql, map_targets.sql,
--          method_notes.sql, import_targets.sql
-- invariants: exactly one row per row of indicators (tracker.build.ONE_ROW_EACH).
-- stored: the view indicator_coverage_live computes it and the table indicator_coverage holds it, refreshed with every write
--         (tracker.build.refresh_stored), rows in the order its readers return them
create view indicator_coverage_live as
with
district_values as (
    select distinct o.indicator_id
    from obs_current as o
    join areas as a using (area_code)
    where a.kind = 'district'
),
status_rows as (
    select
        s.indicator_id,
        count(*) as count_status_rows,
        count(s.value) filter (where a.kind = 'city') > 0 as has_city_value,
        count(distinct s.year) filter (where a.kind = 'district' and s.value is not null) as count_district_years,
        max(s.year) filter (where a.kind = 'district' and s.value is not null) as latest_district_year
    from status as s
    left join areas as a using (area_code)
    group by s.indicator_id
),
notes as (
    select indicator_id, trim(note) as note, strpos(trim(note), ' / ') as separator_at
    from indicators
    where note is not null and trim(note) <> ''
),
final as (
    select
        i.*,
        p.baseline_year as plan_baseline_year,
        p.target_year as plan_target_year,
        d.indicator_id is not null as has_district_values,
        coalesce(s.count_status_rows, 0) as count_status_rows,
        coalesce(s.has_city_value, false) as has_city_value,
        coalesce(s.count_district_years, 0) as count_district_years,
        s.latest_district_year,
        case when n.separator_at > 0 then trim(left(n.note, n.separator_at - 1)) else n.note end as note_zh,
        case when n.separator_at > 0 then trim(substr(n.note, n.separator_at + 3)) else n.note end as note_en
    from indicators as i
    left join plans as p using (plan_id)
    left join district_values as d using (indicator_id)
    left join status_rows as s using (indicator_id)
    left join notes as n using (indicator_id)
    order by i.plan_id, i.action_no, i.indicator_id
)
select * from final;
create table indicator_coverage as select * from indicator_coverage_live with no data;
