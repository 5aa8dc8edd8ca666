-- grain: one row per year for one target in one area up to one year: the values in force, the
--        numbers the worked example starts from
-- params: $indicator_id, $area_code, $year (null = every year)
with
final as (
    select year, value, milestone, source, batch_id
    from obs_current
    where indicator_id = $indicator_id and area_code = $area_code and ($year is null or year <= $year)
    order by year
)
select * from final
