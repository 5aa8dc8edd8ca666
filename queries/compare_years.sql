-- grain: one row per year in which some district has a status for a target of one plan, newest first
-- params: $plan_id
-- order: as stored (year descending): a select from one table keeps its row order
-- reads: plan_years, stored with every write (queries/schema/07c_plan_years.sql)
with
final as (
    select year, count_district_targets as count_targets
    from plan_years
    where plan_id = $plan_id and count_district_targets > 0
)
select * from final
