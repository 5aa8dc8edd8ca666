-- grain: one row: whether the values in force include demo data, and the years with data
-- params: none
-- reads: data_coverage, stored with every write (queries/schema/11d_data_coverage.sql)
with
final as (
    select is_demo, count_real, count_values, first_year, last_year from data_coverage
)
select * from final
