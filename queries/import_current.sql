-- grain: one row per indicator per area per year: the value in force and the batch that brought it,
--        for the indicators an import touches
-- params: $indicator_ids (a list of ids; null = every indicator)
-- bulk: every value in force of the indicators asked for: handed to pandas through Arrow
-- reads: values_in_force, stored with every write (queries/schema/08b_values_in_force.sql)
with
final as (
    select indicator_id, area_code, year, value, milestone, source, note, batch_id, batch_kind
    from values_in_force
    where ($indicator_ids is null or list_contains($indicator_ids, indicator_id))
)
select * from final
