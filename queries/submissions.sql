-- grain: one row per submission (a unit's batch in a round), newest first, with its state (the batch's:
--        submitted, accepted, returned), its unit, its round and who reviewed it
-- params: $round_id (null = every round); $unit_id (null = every unit)
with
final as (
    select s.batch_id, s.round_id, r.year, r.deadline, s.unit_id, u.name_zh as unit_name_zh,
           u.name_en as unit_name_en, b.state, b.row_count, b.file_name, b.created_by, s.submitted_at,
           s.reviewed_by, s.reviewed_at, s.reason, s.applied_batch
    from submissions as s
    join batches as b using (batch_id)
    left join rounds as r using (round_id)
    left join units as u using (unit_id)
    where ($round_id is null or s.round_id = $round_id) and ($unit_id is null or s.unit_id = $unit_id)
    order by s.submitted_at desc, s.batch_id desc
)
select * from final
