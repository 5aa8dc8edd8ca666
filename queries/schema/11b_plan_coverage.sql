-- model: plan_coverage (stored)
-- grain: one row per plan with how many values are in force for its targets and the latest year
-- read by: plans.sql
-- invariants: exactly one row per row of plans (tracker.build.ONE_ROW_EACH); plans with data first.
-- stored: the view plan_coverage_live computes it and the table plan_coverage holds it, refreshed with every write
--         (tracker.build.refresh_stored), rows in the order its readers return them
create view plan_coverage_live as
with
coverage as (
    select i.plan_id, count(o.year) as count_values, max(o.year) as last_year
    from indicators as i
    join obs_current as o using (indicator_id)
    group by i.plan_id
),
final as (
    select p.plan_id, p.name_zh, p.name_en, p.start_year, p.target_year, p.baseline_year, p.nearly_pct,
           coalesce(c.count_values, 0) as count_values, c.last_year
    from plans as p
    left join coverage as c using (plan_id)
    order by (coalesce(c.count_values, 0) > 0) desc, p.target_year desc, p.plan_id
)
select * from final;
create table plan_coverage as select * from plan_coverage_live with no data;
