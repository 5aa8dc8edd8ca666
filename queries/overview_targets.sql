-- grain: one row per target of one plan: how it stands for one area in one year (the overview's and
--        meeting mode's target list)
-- params: $plan_id; $year (null = latest): each target's latest status up to that year;
--         $area_code (null or the city = the plan's headline: the city's row for city-wide and
--         district-level targets, the region's row for regional ones; a district = the district's
--         own row for every target the progress engine judges per district, that is every target
--         with a status row for that district in any year; the others are marked is_city_only)
-- invariants: every target of the plan appears once; is_city_only rows have a null status and
--             count in no status total; a judged target with no status up to $year is no_data.
with
plan_indicators as (
    select
        indicator_id, plan_id, action_no, name_zh, name_en, unit_zh, unit_en, comparator,
        target_value, target_high, target_year, scope, aggregation, measure
    from indicators
    where plan_id = $plan_id
),
area_kinds as (
    select area_code, kind from areas
),
chosen_area as (
    select
        case when $area_code is null then 'city'
             else (select kind from area_kinds where area_code = $area_code) end as kind,
        coalesce($area_code, (select min(area_code) from area_kinds where kind = 'city')) as area_code
),
plan_status as (
    select * from status where plan_id = $plan_id
),
latest_status as (
    select * from status_as_of($plan_id, $year)
),
judged_in_area as (
    select distinct s.indicator_id
    from plan_status as s
    join chosen_area as c using (area_code)
),
regions_with_status as (
    select distinct s.indicator_id, s.area_code
    from latest_status as s
    join area_kinds as a using (area_code)
    where a.kind = 'region'
),
targets as (
    select
        i.*,
        case when c.kind = 'city' and i.scope = 'region' then r.area_code else c.area_code end as area_code,
        case when c.kind = 'city' then false
             when c.kind = 'region' then i.scope <> 'region'
             else j.indicator_id is null end as is_city_only
    from plan_indicators as i
    cross join chosen_area as c
    left join regions_with_status as r
        on r.indicator_id = i.indicator_id and c.kind = 'city' and i.scope = 'region'
    left join judged_in_area as j on j.indicator_id = i.indicator_id
    where c.kind is not null
),
final as (
    select
        t.plan_id, t.action_no, t.indicator_id, t.name_zh, t.name_en, t.unit_zh, t.unit_en,
        t.comparator, t.target_value, t.target_high, t.target_year, t.scope, t.aggregation, t.measure,
        t.area_code, t.is_city_only,
        case when t.is_city_only then null else coalesce(s.status, 'no_data') end as status,
        s.year as status_year, s.value, s.score, s.progress_pct, s.time_pct, s.ratio
    from targets as t
    left join latest_status as s
        on s.indicator_id = t.indicator_id and s.area_code = t.area_code and not t.is_city_only
    order by t.action_no, t.indicator_id
)
select * from final
