-- grain: one row per year in which at least one district has a value for one indicator, newest first
-- params: $indicator_id
-- order: as stored (year descending): a select from one table keeps its row order
-- reads: district_value_years, stored with every write (queries/schema/10b_district_value_years.sql)
with
final as (
    select year, count_districts
    from district_value_years
    where indicator_id = $indicator_id
)
select * from final
