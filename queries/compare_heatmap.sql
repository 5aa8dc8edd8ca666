-- grain: one row per district-level target per district of one plan: the target's status in that
--        district as of one year (its latest status up to $year), for the chosen actions and districts
-- params: $plan_id; $year (null = latest); $action_nos (list of action numbers, null = every action);
--         $area_codes (list of district codes, null = every district)
-- invariants: a target is district-level when any district has a status for it; every chosen
--             district appears for every such target, with status no_data when it has none up to $year
with
plan_indicators as (
    select indicator_id, action_no, name_zh, name_en, unit_zh, unit_en, comparator,
           target_value, target_high, direction, measure, scope, aggregation
    from indicators
    where plan_id = $plan_id
      and ($action_nos is null or list_contains($action_nos, action_no))
),
districts as (
    select area_code, name_zh as area_name_zh, name_en as area_name_en
    from areas
    where kind = 'district'
      and ($area_codes is null or list_contains($area_codes, area_code))
),
district_status as (
    select s.*
    from status as s
    join areas as a using (area_code)
    where s.plan_id = $plan_id and a.kind = 'district' and ($year is null or s.year <= $year)
),
latest_status as (
    select * from district_status
    qualify row_number() over (partition by indicator_id, area_code order by year desc) = 1
),
district_targets as (
    select i.*
    from plan_indicators as i
    where i.indicator_id in (select indicator_id from district_status)
),
cells as (
    select t.*, d.area_code, d.area_name_zh, d.area_name_en
    from district_targets as t
    cross join districts as d
),
final as (
    select
        c.*,
        s.year,
        s.value,
        coalesce(s.status, 'no_data') as status,
        s.score,
        s.progress_pct,
        s.time_pct
    from cells as c
    left join latest_status as s on s.indicator_id = c.indicator_id and s.area_code = c.area_code
    order by c.action_no, c.indicator_id, c.area_code
)
select * from final
