-- model: batch_coverage (stored)
-- grain: one row per batch with how many of its rows are values (or commentary texts) in force and whether it can be rolled
--        back (an import, the demo batch, or a demo --clear, whose rollback restores the demo figures)
-- read by: batches.sql (the data page)
-- invariants: exactly one row per row of batches (tracker.build.ONE_ROW_EACH); newest first.
-- stored: the view batch_coverage_live computes it and the table batch_coverage holds it, refreshed with every write
--         (tracker.build.refresh_stored), rows in the order its readers return them
create view batch_coverage_live as
with
rows_in_force as (
    select batch_id, count(*) as count_in_force
    from (
        select batch_id from obs_current
        union all
        select batch_id from target_commentary_current     -- a commentary batch's texts in force
        union all
        select batch_id from plan_commentary_current
    )
    group by batch_id
),
final as (
    select b.batch_id, b.kind, b.file_name, b.sha256, b.row_count, b.created_by, b.created_at,
           b.state, b.note, coalesce(r.count_in_force, 0) as count_in_force,
           b.state = 'applied' and (b.kind in ('demo', 'observations', 'milestones', 'commentary')
                                    or (b.kind = 'rollback' and starts_with(b.note, 'demo --clear')))
               as is_reversible
    from batches as b
    left join rows_in_force as r using (batch_id)
    order by b.created_at desc, b.batch_id desc
)
select * from final;
create table batch_coverage as select * from batch_coverage_live with no data;
