-- grain: one row per coverage target of one plan: every numeric target that feeds a map layer or
--        whose scope is each district or a share of townships, with the assessed years that hold
--        district values (from the precomputed status table; the baseline year is not counted)
-- params: $plan_id
-- invariants: qualitative targets are left out (they have milestones, not values to colour);
--             count_years = 0 and latest_year null when no district has a value yet
-- order: as stored (action_no, indicator_id): a select from one table keeps its row order
-- reads: indicator_coverage, stored with every write (queries/schema/11a_indicator_coverage.sql)
with
final as (
    select
        indicator_id, action_no, name_zh, name_en, unit_zh, unit_en,
        comparator, target_value, target_high, target_year, baseline_year,
        direction, measure, method, scope, map_layer, aggregation,
        count_district_years as count_years, latest_district_year as latest_year
    from indicator_coverage
    where plan_id = $plan_id and comparator <> 'qualitative'
      and (map_layer is not null or scope in ('each_district', 'township_share'))
)
select * from final
