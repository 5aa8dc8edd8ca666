-- grain: one row per batch (demo, imports, milestones, catalogue changes, rollbacks), newest first
-- params: none
with
batches as (select * from batches),
rows_in_force as (
    select batch_id, count(*) as count_in_force
    from obs_current
    group by batch_id
),
final as (
    select b.batch_id, b.kind, b.file_name, b.sha256, b.row_count, b.created_by, b.created_at,
           b.state, b.note, coalesce(r.count_in_force, 0) as count_in_force,
           b.state = 'applied' and b.kind in ('demo', 'observations', 'milestones') as is_reversible
    from batches as b
    left join rows_in_force as r using (batch_id)
    order by b.created_at desc, b.batch_id desc
)
select * from final
