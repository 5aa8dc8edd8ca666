-- grain: writes: puts one rolled-back batch back in force (obs_current then reads its rows again):
--        the undo of a demo --clear, whose rollback restores the demo figures it removed
-- params: $batch_id
-- writes: batches (run only on a writer's connection inside tracker.warehouse.write_snapshot)
update batches
set state = 'applied'
where batch_id = $batch_id and state = 'rolled_back'
