-- grain: one row per year with at least one assessed target in one plan, latest first
-- params: $plan_id
-- order: as stored (year descending): a select from one table keeps its row order
-- reads: plan_years, stored with every write (queries/schema/07_overview.sql)
with
final as (
    select year from plan_years where plan_id = $plan_id
)
select * from final
