-- grain: one row per target of one plan, optionally one action
-- params: $plan_id, $action_no (null = every action)
-- order: as stored (action_no, indicator_id): a select from one table keeps its row order
-- reads: indicator_coverage (every column of indicators), stored with every write
--        (queries/schema/11a_indicator_coverage.sql)
with
final as (
    select
        indicator_id, plan_id, action_no, name_zh, name_en, unit_zh, unit_en, comparator,
        target_value, target_high, target_year, baseline_year, direction, measure, method, scope,
        map_layer, aggregation, source_quote, note, lead_unit_zh, lead_unit_en
    from indicator_coverage
    where plan_id = $plan_id and ($action_no is null or action_no = $action_no)
)
select * from final
