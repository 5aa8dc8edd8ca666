-- model: plan_years (stored)
-- grain: one row per plan and year with a status row of the plan
-- read by: plan_years.sql (the years the overview, meeting mode and the action page offer),
--          compare_years.sql (the years where count_district_targets > 0)
-- invariants: count_district_targets counts distinct targets with a district status row that year.
-- stored: the view plan_years_live computes it and the table plan_years holds it, refreshed with every write
--         (tracker.build.refresh_stored), rows in the order its readers return them
create view plan_years_live as
with
final as (
    select
        s.plan_id, s.year,
        count(distinct s.indicator_id) filter (where a.kind = 'district') as count_district_targets
    from status as s
    left join areas as a using (area_code)
    group by s.plan_id, s.year
    order by s.plan_id, s.year desc
)
select * from final;
create table plan_years as select * from plan_years_live with no data;
