-- grain: one row per batch (demo, imports, milestones, catalogue changes, rollbacks), newest first
-- params: none
-- order: as stored (created_at descending, then batch_id descending): a select from one table keeps its row order
-- reads: batch_coverage, stored with every write (queries/schema/11c_batch_coverage.sql)
with
final as (
    select batch_id, kind, file_name, sha256, row_count, created_by, created_at, state, note,
           count_in_force, is_reversible
    from batch_coverage
)
select * from final
