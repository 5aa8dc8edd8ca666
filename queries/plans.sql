-- grain: one row per plan, the plan with the newest data first (the default plan)
-- params: none
-- order: as stored (the plan with the newest data first): a select from one table keeps its row order
-- reads: plan_coverage, stored with every write (queries/schema/11b_plan_coverage.sql)
with
final as (
    select plan_id, name_zh, name_en, start_year, target_year, baseline_year, nearly_pct, count_values, last_year
    from plan_coverage
)
select * from final
