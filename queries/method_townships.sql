-- grain: one row per city or district: its number of townships (乡镇（街道）) and where it comes from
-- params: none
-- invariants: count_subdistricts / count_towns / count_xiang are read from townships_source
--             ("9 街道; 7 镇; 1 乡"), 0 when not named; is_approximate when the source says so
with
areas as (
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
    from areas
    order by case kind when 'city' then 0 else 1 end, area_code
)
select * from final
