-- grain: one row per year in which at least one district has a value for one indicator, newest first
-- params: $indicator_id
with
districts as (
    select area_code from areas where kind = 'district'
),
district_values as (
    select o.year, o.area_code
    from obs_current as o
    join districts as d using (area_code)
    where o.indicator_id = $indicator_id and o.value is not null
),
final as (
    select year, count(distinct area_code) as count_districts
    from district_values
    group by year
    order by year desc
)
select * from final
