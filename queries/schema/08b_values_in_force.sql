-- model: values_in_force (stored)
-- grain: one row per indicator per area per year with a value in force (obs_current), with what the
--        screens and exports show beside it: its plan and action, the batch's kind, the quantity
--        plotted (plot_value: the value, or for a summed quantity (compared_as) the running sum of the additions after the
--        baseline year, 0 in that year), that year's status, and the area's names
-- read by: series.sql, action_series.sql, observations_export.sql, import_current.sql, district_scorecard.sql,
--          indicator_districts.sql, figure_sources.sql, district_figure_sources.sql, demo_mixed_targets.sql
-- invariants: exactly one row per row of obs_current (tracker.build.ONE_ROW_EACH).
-- stored: the view values_in_force_live computes it and the table values_in_force holds it, refreshed with every write
--         (tracker.build.refresh_stored), rows in the order its readers return them
create view values_in_force_live as
with
current_values as (
    select o.*, i.plan_id, i.action_no, i.measure, i.method, i.baseline_year, b.kind as batch_kind
    from obs_current as o
    join indicators as i using (indicator_id)
    join batches as b using (batch_id)
),
plotted as (
    select
        *,
        case
            when compared_as(measure, method) <> 'sum' then value
            when year < baseline_year then null
            else sum(case when year > baseline_year then coalesce(value, 0) else 0 end)
                 over (partition by indicator_id, area_code order by year rows unbounded preceding)
        end as plot_value
    from current_values
),
final as (
    select
        p.plan_id, p.action_no, p.indicator_id, p.area_code,
        a.name_zh as area_name_zh, a.name_en as area_name_en, a.kind as area_kind,
        case a.kind when 'city' then 0 when 'district' then 1 else 2 end as area_order,
        p.year, p.value, p.milestone, p.plot_value, s.status, s.projected_value,
        p.source, p.note, p.batch_id, p.batch_kind
    from plotted as p
    left join areas as a using (area_code)
    left join status as s using (indicator_id, area_code, year)
    order by p.plan_id, p.indicator_id, p.area_code, p.year
)
select * from final;
create table values_in_force as select * from values_in_force_live with no data;
