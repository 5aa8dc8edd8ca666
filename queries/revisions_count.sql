-- grain: one row: how many observation rows are stored for one indicator (every revision,
--        rolled-back batches included): the length of its revision history
-- params: $indicator_id
select count(*) as stored_rows
from observations
where indicator_id = $indicator_id
