-- grain: one row per working mechanism of every plan, as stored: what a catalogue import compares its rows with
-- params: none
with
final as (select * from mechanisms)
select * from final
