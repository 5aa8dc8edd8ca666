-- grain: one row per target of one plan per area shown per year: each figure's source, note and batch
--        kind (demo or not), for the slides of meeting mode (where a figure comes from, one tap away)
-- params: $plan_id; $area_code (null = the city and regions only; a code = that area too)
-- order: indicator_id, area_code, year
-- reads: values_in_force, stored with every write (queries/schema/08b_values_in_force.sql)
with
final as (
    select indicator_id, area_code, year, source, note, batch_kind
    from values_in_force
    where plan_id = $plan_id and (area_kind in ('city', 'region') or area_code = $area_code)
    order by indicator_id, area_code, year
)
select * from final
