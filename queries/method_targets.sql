-- grain: one row per target of one plan that has at least one status row: the choices for the worked
--        example
-- params: $plan_id
-- invariants: has_city_value = the city has a status row with a value; listed by action and id
-- order: as stored (action_no, indicator_id): a select from one table keeps its row order
-- reads: indicator_coverage, stored with every write (queries/schema/11a_indicator_coverage.sql)
with
final as (
    select
        indicator_id, plan_id, action_no, name_zh, name_en, unit_zh, unit_en, comparator,
        target_value, target_high, target_year, baseline_year, direction, measure, method, scope,
        map_layer, aggregation, source_quote, note, count_status_rows, has_city_value
    from indicator_coverage
    where plan_id = $plan_id and count_status_rows > 0
)
select * from final
