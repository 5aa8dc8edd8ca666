-- grain: one row per city or district: its number of townships (乡镇（街道）) and where it comes from
-- params: none
-- invariants: count_subdistricts / count_towns / count_xiang are read from townships_source
--             ("9 街道; 7 镇; 1 乡"), 0 when not named; is_approximate when the source says so
-- order: as stored (the city first, then area_code): a select from one table keeps its row order
-- reads: area_townships, stored with every write (queries/schema/11f_area_townships.sql)
with
final as (
    select area_code, name_zh, name_en, kind, townships, count_subdistricts, count_towns, count_xiang,
           is_approximate
    from area_townships
)
select * from final
