-- grain: one row per target whose figures in force mix demo and imported ones (in any area or year),
--        with how many of each, for the demo notice
-- params: none
-- order: indicator_id
-- reads: values_in_force, stored with every write (queries/schema/08b_values_in_force.sql)
with
kinds as (
    select
        indicator_id,
        count(*) filter (where batch_kind = 'demo') as count_demo,
        count(*) filter (where batch_kind <> 'demo') as count_imported
    from values_in_force
    group by indicator_id
),
final as (
    select indicator_id, count_demo, count_imported
    from kinds
    where count_demo > 0 and count_imported > 0
    order by indicator_id
)
select * from final
