-- grain: one row per township-level unit of the registry (counted ones and zone offices), for the
--        import's checks and the township templates
-- params: none
-- order: district, township code
with
final as (
    select t.township_code, t.name_zh, t.name_en, t.kind, t.district_code, t.counted,
           a.name_zh as district_name_zh, a.name_en as district_name_en
    from townships as t
    join areas as a on a.area_code = t.district_code
    order by t.district_code, t.township_code
)
select * from final
