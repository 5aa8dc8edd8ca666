-- grain: one row per target of one plan that has no district figures: tracked for the city (or a
--        region) only
-- params: $plan_id
-- invariants: a target is listed when no district has a current observation for it in any year
--             (qualitative targets included); listed by action and id
with
plan_indicators as (
    select indicator_id, action_no, name_zh, name_en, comparator, scope
    from indicators
    where plan_id = $plan_id
),
district_indicators as (
    select distinct o.indicator_id
    from obs_current as o
    join areas as a using (area_code)
    where a.kind = 'district'
),
final as (
    select i.*
    from plan_indicators as i
    anti join district_indicators as d using (indicator_id)
    order by i.action_no, i.indicator_id
)
select * from final
