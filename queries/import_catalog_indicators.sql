-- grain: one row per target of every plan, as stored: what a catalogue import compares its rows with
-- params: none
with
final as (select * from indicators)
select * from final
