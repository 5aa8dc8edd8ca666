-- grain: one row per township per year with a value in force for one township-scoped target: the
--        township and its district (codes and names), 1 covered / 0 not, the source and note, and
--        the batch that brought it; for the indicator page's township table and its downloads
-- params: $indicator_id
-- order: year (newest first), district, township
-- reads: township_current (stored with every write: queries/schema/02a_township_current.sql)
with
final as (
    select
        v.year, v.district_code, a.name_zh as district_name_zh, a.name_en as district_name_en,
        v.area_code as township_code, v.name_zh, v.name_en, v.value, v.source, v.note, v.batch_id
    from township_current as v
    join areas as a on a.area_code = v.district_code
    where v.indicator_id = $indicator_id
    order by v.year desc, v.district_code, v.area_code
)
select * from final
