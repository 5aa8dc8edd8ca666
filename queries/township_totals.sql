-- grain: one row per township-scoped target (catalogue scope township_share) with township rows in
--        force for one area (a district, or the city: every district's townships) as of one year:
--        the latest year up to $year with township rows, the townships covered, the townships
--        reported and the townships the area has (zone offices left out of all three), and the share
--        they give (100 × covered / townships); for "x of y townships" on the district page and in
--        meeting mode
-- params: $area_code (a district or the city); $year (null = latest): the latest year up to $year
-- invariants: covered ≤ reported ≤ townships; a target without township rows for the area up to
--             $year has no row
-- order: indicator_id
-- reads: township_rollup, stored with every write (queries/schema/02b_township_rollup.sql)
with
ranked as (
    select *, row_number() over (partition by indicator_id order by year desc) as year_rank
    from township_rollup
    where area_code = $area_code and ($year is null or year <= $year)
),
final as (
    select indicator_id, area_code, year, covered, reported, townships, value
    from ranked
    where year_rank = 1
    order by indicator_id
)
select * from final
