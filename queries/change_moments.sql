-- grain: one row per batch that changed a status of one plan (imports, rollbacks, milestones, the
--        demo): its time and kind, newest first; the moments the overview's "since" picker offers
-- params: $plan_id
-- reads: status_log (queries/schema/04_status.sql), batches, indicators
with
final as (
    select l.batch_id, min(l.logged_at) as logged_at, any_value(b.kind) as kind, any_value(b.file_name) as file_name,
           count(*) as count_changes
    from status_log as l
    join batches as b using (batch_id)
    join indicators as i using (indicator_id)
    where i.plan_id = $plan_id
    group by l.batch_id
    order by logged_at desc
)
select * from final
