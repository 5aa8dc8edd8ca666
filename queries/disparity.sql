-- grain: one row per indicator with district figures per year from its baseline year: the spread of
--        the district values in force, for levels and shares that are rates, not totals
--        (aggregation weighted or none: district totals differ by size, not by how well off people are)
-- params: $plan_id; $indicator_id (null = every such indicator of the plan)
-- invariants: cv = population std / mean, null with fewer than two districts or a zero mean;
--             best_worst_ratio = best/worst for "up", worst/best for "down" (max/min either way, so
--             above 1 is a wider spread), null unless every value is positive; is_narrowing compares
--             the cv of the latest year with one against the first, null with fewer than two such
--             years. Mirrors disparity in tests/reference_rollup.py.
-- order: as stored (indicator_id, year): a select from one table keeps its row order
-- reads: disparity_by_year, stored with every write (queries/schema/09d_disparity_by_year.sql)
with
final as (
    select
        indicator_id, year, count_districts, mean_value, std_value, cv,
        min_value, max_value, best_value, worst_value, best_worst_ratio,
        first_year, first_cv, latest_year, latest_cv, is_narrowing
    from disparity_by_year
    where plan_id = $plan_id and ($indicator_id is null or indicator_id = $indicator_id)
)
select * from final
