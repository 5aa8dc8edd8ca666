-- grain: one row per year in which one plan has any target status, latest first (the years the
--        overview, meeting mode and the action page offer)
-- params: $plan_id
-- order: as stored (year descending): a select from one table keeps its row order
-- reads: plan_years, stored with every write (queries/schema/07c_plan_years.sql)
with
final as (
    select year from plan_years where plan_id = $plan_id
)
select * from final
