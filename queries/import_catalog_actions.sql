-- grain: one row per action of every plan, as stored: what a catalogue import compares its rows with
-- params: none
with
final as (select * from actions)
select * from final
