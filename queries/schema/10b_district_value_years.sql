-- model: district_value_years (stored)
-- grain: one row per indicator per year in which at least one district has a value in force
-- read by: map_years.sql (the map)
-- invariants: count_districts > 0; rows latest year first within an indicator.
-- stored: the view district_value_years_live computes it and the table district_value_years holds it, refreshed with every write
--         (tracker.build.refresh_stored), rows in the order its readers return them
create view district_value_years_live as
with
final as (
    select o.indicator_id, o.year, count(distinct o.area_code) as count_districts
    from obs_current as o
    join areas as a using (area_code)
    where a.kind = 'district' and o.value is not null
    group by o.indicator_id, o.year
    order by o.indicator_id, o.year desc
)
select * from final;
create table district_value_years as select * from district_value_years_live with no data;
