-- grain: one row per target of one plan per district per year: each district figure's source, note and
--        batch kind (demo or not), for the comparison's table (where a figure comes from)
-- params: $plan_id
-- order: indicator_id, area_code, year
-- reads: values_in_force, stored with every write (queries/schema/08b_values_in_force.sql)
with
final as (
    select indicator_id, area_code, year, source, note, batch_kind
    from values_in_force
    where plan_id = $plan_id and area_kind = 'district'
    order by indicator_id, area_code, year
)
select * from final
