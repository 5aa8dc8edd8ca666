-- grain: writes: marks one batch rolled back (obs_current then ignores its rows); one row, the count
-- params: $batch_id
-- writes: batches (run only on a writer's connection inside tracker.warehouse.write_snapshot)
update batches
set state = 'rolled_back'
where batch_id = $batch_id and state = 'applied'
