-- model: township_rollup (stored)
-- grain: one row per indicator, year and area (each district with township rows, and the city)
--        for which township rows are in force: the townships covered, the townships reported, the
--        townships the area has (zone offices left out of all three), and the value these give:
--        100 × covered / townships: every counted township is in the denominator, so a township not
--        reported counts as not covered (one township reported out of 156 is not a 100% city)
-- read by: 03 (these values replace the district and city figures of that indicator and year),
--          10a (the map's "x of y"), township_totals.sql; the table macro township_rollup_with by
--          import_rollup.sql (the import's dry run and the review of a submission)
-- invariants: reported ≤ townships; covered ≤ reported; value is null only when nothing is reported
-- stored: the view township_rollup_live computes it and the table township_rollup holds it,
--         refreshed with every write (tracker.build.refresh_stored)
-- the rule is written once, in the table macro township_rollup_with(laid): the roll-up of the
-- townships' values in force with the rows ``laid`` (a list of structs indicator_id, area_code, year,
-- value: rows not yet written, each replacing the value in force for its township, indicator and
-- year) laid over them. The view passes no rows; a dry run passes its file's.
create macro township_rollup_with(laid) as table
with
city as (
    select area_code from areas where kind = 'city' order by area_code limit 1
),
places as (      -- each area and the districts whose townships it counts: a district itself, the city all
    select distinct district_code as area_code, district_code, 1 as area_order from townships where counted
    union all
    select distinct c.area_code, t.district_code, 0 from townships as t cross join city as c where t.counted
),
sizes as (
    select p.area_code, count(*) as townships
    from places as p
    join townships as t on t.district_code = p.district_code and t.counted
    group by p.area_code
),
staged as (      -- the rows laid over the values in force, townships' only
    select s.indicator_id, s.area_code, s.year, s.value, t.district_code, t.counted
    from (select unnest(laid, recursive := true)) as s
    join townships as t on t.township_code = s.area_code
),
in_force as (
    select v.indicator_id, v.area_code, v.year, v.value, v.district_code, v.counted, v.obs_seq, v.batch_id
    from township_current_live as v
    anti join staged as s using (indicator_id, area_code, year)
    -- with rows laid, only their targets' (the filter reaches the scan of observations)
    where laid is null or list_contains(list_transform(laid, lambda r: r.indicator_id), v.indicator_id)
    union all
    select indicator_id, area_code, year, value, district_code, counted, null::bigint, null::varchar
    from staged
),
rows as (
    select p.area_code, p.area_order, v.indicator_id, v.year, v.value, v.obs_seq, v.batch_id
    from in_force as v
    join places as p on p.district_code = v.district_code
    where v.counted and v.value is not null
),
final as (
    select
        r.indicator_id, r.area_code, r.year,
        count(*) filter (where r.value >= 1)::integer as covered,
        count(*)::integer as reported,
        any_value(s.townships)::integer as townships,
        100.0 * count(*) filter (where r.value >= 1) / any_value(s.townships) as value,
        arg_max(r.batch_id, r.obs_seq) as batch_id
    from rows as r
    join sizes as s using (area_code)
    group by r.indicator_id, r.area_code, r.year, r.area_order
    order by r.indicator_id, r.year, r.area_order, r.area_code
)
select * from final;
create view township_rollup_live as
select * from township_rollup_with(null::struct(indicator_id varchar, area_code varchar, year integer, value double)[]);
create table township_rollup as select * from township_rollup_live with no data;
