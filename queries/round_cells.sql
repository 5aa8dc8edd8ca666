-- grain: one row per figure a reporting round expects, with its unit and where it stands (the stored
--        model queries/schema/12b_round_items.sql)
-- params: $round_id; $unit_id (null = every unit)
-- bulk: every figure of a round (1,201 in the demo plan's): handed to pandas through Arrow
-- order: item_no (the office first, then unit, action, target, city and region, districts, townships)
with
final as (
    select * exclude (round_id, item_no)
    from round_items
    where round_id = $round_id and ($unit_id is null or unit_id = $unit_id)
    order by item_no
)
select * from final
