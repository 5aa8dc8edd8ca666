-- grain: one row per counted township of an area (a district, or the city: every district's) for one
--        township-scoped target and year: the township's names, its district's, and its state:
--        covered (1), uncovered (0) or unreported (no row in force), with the row's note (what was
--        opened and when, as the importer wrote it)
-- params: $indicator_id, $area_code (a district or the city), $year
-- order: uncovered first, then unreported, then covered; within each, by district and township code
-- reads: townships, township_current (stored with every write: queries/schema/02a_township_current.sql)
with
city as (
    select area_code from areas where kind = 'city'
),
mine as (
    select t.*
    from townships as t
    where t.counted
      and (t.district_code = $area_code or $area_code in (select area_code from city))
),
final as (
    select
        m.township_code, m.name_zh, m.name_en, m.kind, m.district_code,
        a.name_zh as district_name_zh, a.name_en as district_name_en,
        case when v.value is null then 'unreported' when v.value >= 1 then 'covered' else 'uncovered' end as state,
        v.note
    from mine as m
    join areas as a on a.area_code = m.district_code
    left join township_current as v
        on v.area_code = m.township_code and v.indicator_id = $indicator_id and v.year = $year
    order by case state when 'uncovered' then 0 when 'unreported' then 1 else 2 end, m.district_code, m.township_code
)
select * from final
