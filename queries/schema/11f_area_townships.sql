-- model: area_townships (stored)
-- grain: one row per city or district: its number of townships (乡镇（街道）), and how many of each kind
--        its townships_source names ("9 街道; 7 镇; 1 乡", 0 when not named), city first
-- read by: method_townships.sql (the method page)
-- invariants: one row per area of kind city or district.
-- stored: the view area_townships_live computes it and the table area_townships holds it, refreshed with every write
--         (tracker.build.refresh_stored), rows in the order its readers return them
create view area_townships_live as
with
places as (
    select area_code, name_zh, name_en, kind, townships, coalesce(townships_source, '') as townships_source
    from areas
    where kind in ('city', 'district')
),
final as (
    select
        area_code, name_zh, name_en, kind, townships,
        coalesce(try_cast(nullif(regexp_extract(townships_source, '(\d+) 街道', 1), '') as integer), 0) as count_subdistricts,
        coalesce(try_cast(nullif(regexp_extract(townships_source, '(\d+) 镇', 1), '') as integer), 0) as count_towns,
        coalesce(try_cast(nullif(regexp_extract(townships_source, '(\d+) 乡', 1), '') as integer), 0) as count_xiang,
        starts_with(townships_source, 'approximate') as is_approximate
    from places
    order by case kind when 'city' then 0 else 1 end, area_code
)
select * from final;
create table area_townships as select * from area_townships_live with no data;
