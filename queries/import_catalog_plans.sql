-- grain: one row per plan, as stored: what a catalogue import compares its rows with
-- params: none
with
final as (select * from plans)
select * from final
