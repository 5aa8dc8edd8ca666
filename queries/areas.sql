-- grain: one row per area (city, districts, region), city first
-- params: none
with
final as (
    select *
    from areas
    order by case kind when 'city' then 0 when 'district' then 1 else 2 end, area_code
)
select * from final
