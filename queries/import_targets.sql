-- grain: one row per target of every plan, with its plan's years: what an import is checked against
-- params: none
-- order: as stored (plan_id, action_no, indicator_id): a select from one table keeps its row order
-- reads: indicator_coverage (a target whose plan is not in plans has no plan years and is left out),
--        stored with every write (queries/schema/11a_indicator_coverage.sql)
with
final as (
    select
        indicator_id, plan_id, action_no, name_zh, name_en, unit_zh, unit_en,
        comparator, target_value, target_high, target_year, measure, scope,
        plan_baseline_year, plan_target_year
    from indicator_coverage
    where plan_target_year is not null
)
select * from final
