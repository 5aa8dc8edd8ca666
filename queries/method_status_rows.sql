-- grain: one row per area per year for one target: its rows of table status, for the worked example
-- params: $plan_id, $indicator_id
-- invariants: the city first, then districts and regions by code; years ascending
with
target_status as (
    select * from status where plan_id = $plan_id and indicator_id = $indicator_id
),
areas as (
    select area_code, name_zh, name_en, kind from areas
),
final as (
    select a.name_zh, a.name_en, a.kind, s.*
    from target_status as s
    join areas as a using (area_code)
    order by case a.kind when 'city' then 0 when 'district' then 1 else 2 end, s.area_code, s.year
)
select * from final
