-- grain: one row per area (the city first, then each district) for one indicator and one year: the
--        value in force, its note, the area's township count and, for a township-scoped target with
--        township rows, the townships covered and reported,
--        the status assessed for that year, and the district's rank
-- params: $indicator_id, $year
-- invariants: every district appears, with a null value and status no_data when it has none;
--             rank_in_city 1 = the best district by the target's direction, ties share the better
--             rank, districts without a value have no rank; is_baseline_year when $year is at or
--             before the target's baseline year (a starting point, not assessed)
-- order: as stored (the city first, then area_code): a select from one table keeps its row order
-- reads: map_values_by_year, stored with every write (queries/schema/10a_map_values_by_year.sql): the rows of
--        $year, or (year null) those for a year without data
with
final as (
    select
        area_code, name_zh, name_en, kind, townships, covered, reported, value, note, status, score, progress_pct,
        time_pct, baseline_value, $year <= baseline_year as is_baseline_year, rank_in_city, count_ranked
    from map_values_by_year
    where indicator_id = $indicator_id
      and (year = $year or (year is null and not coalesce(list_contains(data_years, $year), false)))
)
select * from final
