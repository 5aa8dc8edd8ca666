-- grain: one row: whether the values in force include demo data, and the years with data
-- params: none
with
current_values as (select * from obs_current),
batches as (select batch_id, kind from batches),
final as (
    select
        count(*) filter (where b.kind = 'demo') > 0 as is_demo,
        count(*) filter (where b.kind <> 'demo') as count_real,
        count(*) as count_values,
        min(o.year) as first_year,
        max(o.year) as last_year
    from current_values as o
    join batches as b using (batch_id)
)
select * from final
