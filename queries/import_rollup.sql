-- grain: one row per district and city figure that rows not yet written would set by their township
--        rows, for the import's dry run and the review of a submission: for each target and year the
--        rows hold township rows for, the city and each district they name a township of, with the
--        townships covered, reported and counted, the figure in force now (value_before, null when
--        none) and the roll-up once the rows are written (value_after); an area none of whose
--        townships would have a value has no row (its own figure stays in force)
-- params: $laid: the rows (a list of structs indicator_id, area_code, year, value), any area; only
--         townships' rows count, each replacing the township's value in force
-- invariants: the roll-up is the warehouse's own (the table macro township_rollup_with, which the
--             stored township_rollup reads with no rows laid), so the preview says what the import
--             then stores
-- order: indicator, year, the city first, then the districts by code
-- reads: township_rollup_with, townships, areas, obs_current (queries/schema/02b_township_rollup.sql)
with
staged as (
    select unnest($laid::struct(indicator_id varchar, area_code varchar, year integer, value double)[],
                  recursive := true)
),
city as (
    select area_code from areas where kind = 'city' order by area_code limit 1
),
touched as (     -- each target and year with township rows, and the areas they set: their districts, the city
    select distinct s.indicator_id, s.year, t.district_code as area_code, 1 as area_order
    from staged as s
    join townships as t on t.township_code = s.area_code and t.counted
    union
    select distinct s.indicator_id, s.year, c.area_code, 0
    from staged as s
    join townships as t on t.township_code = s.area_code and t.counted
    cross join city as c
),
rolled as (
    select *
    from township_rollup_with($laid::struct(indicator_id varchar, area_code varchar, year integer, value double)[])
),
final as (
    select
        w.indicator_id, w.area_code, w.year, r.covered, r.reported, r.townships,
        c.value as value_before, r.value as value_after
    from touched as w
    join rolled as r using (indicator_id, area_code, year)
    left join obs_current as c using (indicator_id, area_code, year)
    order by w.indicator_id, w.year, w.area_order, w.area_code
)
select * from final
