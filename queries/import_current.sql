-- grain: one row per indicator per area per year: the value in force and the batch that brought it,
--        for the indicators an import touches
-- params: $indicator_ids (a list of ids; null = every indicator)
with
current_values as (
    select * from obs_current
    where ($indicator_ids is null or list_contains($indicator_ids, indicator_id))
),
batches as (select batch_id, kind as batch_kind from batches),
final as (
    select o.indicator_id, o.area_code, o.year, o.value, o.milestone, o.source, o.note,
           o.batch_id, b.batch_kind
    from current_values as o
    join batches as b using (batch_id)
)
select * from final
