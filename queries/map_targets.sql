-- grain: one row per coverage target of one plan: every numeric target that feeds a map layer or
--        whose scope is each district or a share of townships, with the assessed years that hold
--        district values (from the precomputed status table; the baseline year is not counted)
-- params: $plan_id
-- invariants: qualitative targets are left out (they have milestones, not values to colour);
--             count_years = 0 and latest_year null when no district has a value yet
with
plan_indicators as (
    select * from indicators where plan_id = $plan_id
),
districts as (
    select area_code from areas where kind = 'district'
),
coverage_targets as (
    select *
    from plan_indicators
    where comparator <> 'qualitative'
      and (map_layer is not null or scope in ('each_district', 'township_share'))
),
district_years as (
    select s.indicator_id, count(distinct s.year) as count_years, max(s.year) as latest_year
    from status as s
    join districts as d using (area_code)
    where s.plan_id = $plan_id and s.value is not null
    group by s.indicator_id
),
final as (
    select
        t.indicator_id, t.action_no, t.name_zh, t.name_en, t.unit_zh, t.unit_en,
        t.comparator, t.target_value, t.target_high, t.target_year, t.baseline_year,
        t.direction, t.measure, t.method, t.scope, t.map_layer, t.aggregation,
        coalesce(y.count_years, 0) as count_years,
        y.latest_year
    from coverage_targets as t
    left join district_years as y using (indicator_id)
    order by t.action_no, t.indicator_id
)
select * from final
