-- grain: one row per indicator per area per year: the value in force (newest applied revision)
-- params: $plan_id (null = every plan)
-- bulk: every value in force (hundreds of thousands at scale): handed to pandas through Arrow
-- order: as stored (plan_id, indicator_id, area_code, year): a select from one table keeps its row order
-- reads: values_in_force, stored with every write (queries/schema/08b_values_in_force.sql)
with
final as (
    select plan_id, indicator_id, area_code, year, value, milestone, source, note, batch_id, batch_kind
    from values_in_force
    where ($plan_id is null or plan_id = $plan_id)
)
select * from final
