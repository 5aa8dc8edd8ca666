-- grain: one row per target per area per year with commentary in force, for the targets of one plan,
--        one action (null: every action) and one target (null: every target): every year, so a
--        screen can show the newest note up to the year it shows (tracker.commentary.latest_note)
-- params: $plan_id, $action_no, $indicator_id
-- order: action, target, area code, year
-- reads: target_commentary_current, stored with every write (queries/schema/03a_target_commentary_current.sql)
with
targets as (
    select indicator_id, action_no
    from indicators
    where plan_id = $plan_id
      and ($action_no is null or action_no = $action_no)
      and ($indicator_id is null or indicator_id = $indicator_id)
),
final as (
    select c.indicator_id, c.area_code, c.year, c.cause_zh, c.cause_en, c.measures_zh, c.measures_en
    from target_commentary_current as c
    join targets as t using (indicator_id)
    order by t.action_no, c.indicator_id, c.area_code, c.year
)
select * from final
