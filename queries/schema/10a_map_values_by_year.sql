-- model: map_values_by_year (stored)
-- grain: one row per indicator, year with a value or status of the indicator, and area (the city and
--        each district): the map's row for that $year; and once more with year null: the rows for any
--        other year (no value, status no_data)
-- read by: map_district_values.sql (the map, the comparison's map)
-- invariants: each row carries data_years, the indicator's years with data, so that the query can
--             tell the two apart; rank_in_city only for a district with a value; covered and reported
--             (townships covered, townships with a row) only where township rows are in force (02b).
-- stored: the view map_values_by_year_live computes it and the table map_values_by_year holds it, refreshed with every write
--         (tracker.build.refresh_stored), rows in the order its readers return them
create view map_values_by_year_live as
with
places as (
    select area_code, name_zh, name_en, kind, townships from areas where kind in ('city', 'district')
),
data_years as (
    select indicator_id, year from obs_current
    union
    select indicator_id, year from status
),
year_lists as (
    select indicator_id, list(year order by year) as data_years from data_years group by indicator_id
),
years as (
    select indicator_id, year from data_years
    union all
    select indicator_id, null from indicators
),
joined as (
    select
        t.indicator_id, t.year,
        p.area_code, p.name_zh, p.name_en, p.kind, p.townships,
        v.value, v.note, r.covered, r.reported,
        coalesce(s.status, 'no_data') as status,
        s.score, s.progress_pct, s.time_pct, s.baseline_value,
        i.direction, i.baseline_year,
        coalesce(l.data_years, []::integer[]) as data_years
    from years as t
    join indicators as i using (indicator_id)
    left join year_lists as l using (indicator_id)
    cross join places as p
    left join obs_current as v
        on v.indicator_id = t.indicator_id and v.year = t.year and v.area_code = p.area_code
    left join status as s
        on s.indicator_id = t.indicator_id and s.year = t.year and s.area_code = p.area_code
    left join township_rollup as r
        on r.indicator_id = t.indicator_id and r.year = t.year and r.area_code = p.area_code
),
final as (
    select
        * exclude (direction),
        case when kind = 'district' and value is not null then
            rank() over (
                partition by indicator_id, year, kind, value is null
                order by case when direction = 'down' then value else -value end
            )
        end as rank_in_city,
        count(value) filter (where kind = 'district') over (partition by indicator_id, year) as count_ranked
    from joined
    order by indicator_id, year, kind = 'district', area_code
)
select * from final;
create table map_values_by_year as select * from map_values_by_year_live with no data;
