-- grain: one row per target of one plan that has no district figures: tracked for the city (or a
--        region) only
-- params: $plan_id
-- invariants: a target is listed when no district has a current observation for it in any year
--             (qualitative targets included); listed by action and id
-- order: as stored (action_no, indicator_id): a select from one table keeps its row order
-- reads: indicator_coverage, stored with every write (queries/schema/11a_indicator_coverage.sql)
with
final as (
    select indicator_id, action_no, name_zh, name_en, comparator, scope
    from indicator_coverage
    where plan_id = $plan_id and not has_district_values
)
select * from final
