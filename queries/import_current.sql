-- grain: one row per indicator per area per year: the value in force and the batch that brought it,
--        for the indicators an import touches; township rows (township_current) included, so that a
--        township file is compared with the townships' own values, not with their roll-up
-- params: $indicator_ids (a list of ids; null = every indicator)
-- bulk: every value in force of the indicators asked for: handed to pandas through Arrow
-- reads: values_in_force and township_current, stored with every write
--        (queries/schema/08b_values_in_force.sql, 02a_township_current.sql)
with
areas_in_force as (
    select indicator_id, area_code, year, value, milestone, source, note, batch_id, batch_kind
    from values_in_force
    where ($indicator_ids is null or list_contains($indicator_ids, indicator_id))
),
townships_in_force as (
    select indicator_id, area_code, year, value, null::varchar as milestone, source, note, batch_id, batch_kind
    from township_current
    where ($indicator_ids is null or list_contains($indicator_ids, indicator_id))
),
final as (
    select * from areas_in_force
    union all
    select * from townships_in_force
)
select * from final
