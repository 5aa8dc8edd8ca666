-- grain: one row per qualitative target per area: the milestone in force for its latest year, and when
--        it was entered
-- params: $plan_id
with
targets as (
    select indicator_id, action_no, name_zh, name_en
    from indicators
    where plan_id = $plan_id and comparator = 'qualitative'
),
current_values as (select * from obs_current where milestone is not null),
batches as (select batch_id, kind as batch_kind, created_by, created_at from batches),
latest as (
    select o.*
    from current_values as o
    join targets as t using (indicator_id)
    qualify row_number() over (partition by o.indicator_id, o.area_code order by o.year desc) = 1
),
final as (
    select t.action_no, l.indicator_id, t.name_zh, t.name_en, l.area_code, l.year, l.milestone, l.note,
           l.batch_id, b.batch_kind, b.created_by, b.created_at
    from latest as l
    join targets as t using (indicator_id)
    join batches as b using (batch_id)
    order by t.action_no, l.indicator_id, l.area_code
)
select * from final
