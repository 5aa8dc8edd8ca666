-- grain: one row per indicator per area per year: the value in force (newest applied revision)
-- params: $plan_id (null = every plan)
with
indicators as (select indicator_id, plan_id from indicators),
current_values as (select * from obs_current),
batches as (select batch_id, kind as batch_kind from batches),
final as (
    select
        i.plan_id,
        o.indicator_id,
        o.area_code,
        o.year,
        o.value,
        o.milestone,
        o.source,
        o.note,
        o.batch_id,
        b.batch_kind
    from current_values as o
    join indicators as i using (indicator_id)
    join batches as b using (batch_id)
    where ($plan_id is null or i.plan_id = $plan_id)
    order by i.plan_id, o.indicator_id, o.area_code, o.year
)
select * from final
