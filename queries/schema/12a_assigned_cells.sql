-- model: assigned_cells (stored)
-- grain: one row per target and area a figure is expected for, whatever the year: the city (targets
--        scoped city or each_district), the region (region-scoped), each district (each_district, and
--        city targets whose figure adds up or averages over the districts), each counted township
--        (township_share: the district figures are their roll-up), with the unit that sends it
-- read by: 12b (a round's items, which round_cells.sql reads), units.sql, tracker/reporting/units.py
-- invariants: one row per indicator_id and area_code; unit_id is a unit of table units (the office's
--             choice in table assignments when it names a unit, else the district for a district's or
--             a township's figure, else the department named as the target's lead unit (indicators.
--             lead_unit_zh or _en equal to a department's name) for the city's or region's, else the
--             office, unit_id 'office')
-- stored: the view assigned_cells_live computes it and the table assigned_cells holds it, refreshed with
--         every write (tracker.build.refresh_stored; the unit and assignment writes of
--         tracker/reporting/units.py call it too), rows in the order the round's items are read
create view assigned_cells_live as
with
city as (select area_code from areas where kind = 'city'),
expected as (
    select i.indicator_id, i.plan_id, c.area_code, 'city' as area_kind, null::varchar as district_code
    from indicators as i cross join city as c
    where i.scope in ('city', 'each_district')
    union all
    select i.indicator_id, i.plan_id, a.area_code, 'region', null
    from indicators as i join areas as a on a.kind = 'region'
    where i.scope = 'region'
    union all
    select i.indicator_id, i.plan_id, a.area_code, 'district', a.area_code
    from indicators as i join areas as a on a.kind = 'district'
    where i.scope = 'each_district' or (i.scope = 'city' and i.aggregation <> 'none')
    union all
    select i.indicator_id, i.plan_id, t.township_code, 'township', t.district_code
    from indicators as i join townships as t on t.counted
    where i.scope = 'township_share'
),
district_units as (
    select area_code as district_code, min(unit_id) as unit_id from units where kind = 'district' group by area_code
),
lead_units as (
    select i.indicator_id, min(u.unit_id) as unit_id
    from indicators as i
    join units as u on u.kind = 'department'
                   and (u.name_zh = trim(i.lead_unit_zh) or u.name_en = trim(i.lead_unit_en))
    group by i.indicator_id
),
chosen as (
    select s.indicator_id, s.area_code, s.unit_id
    from assignments as s
    semi join units as u using (unit_id)
),
final as (
    select e.indicator_id, e.plan_id, e.area_code, e.area_kind, e.district_code,
           coalesce(c.unit_id, d.unit_id, l.unit_id, 'office') as unit_id,
           c.unit_id is not null as is_chosen
    from expected as e
    left join district_units as d using (district_code)
    left join lead_units as l on l.indicator_id = e.indicator_id and e.district_code is null
    left join chosen as c on c.indicator_id = e.indicator_id and c.area_code = e.area_code
    order by unit_id, indicator_id, area_code
)
select * from final;
create table assigned_cells as select * from assigned_cells_live with no data;
