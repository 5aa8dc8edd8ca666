-- model: status_in_force (stored)
-- grain: one row per status row: the status row, its target's and area's labels, and next_status_year,
--        the year of its target and area's next status row (null while it is the latest); how fresh
--        it is: updated_at, when the figure it judges was imported (its batch's time; for a township
--        roll-up, the newest township row's), and latest_year, the year of the target and area's
--        latest figure
-- read by: status_export.sql, method_status_rows.sql, indicator_districts.sql; 06d_status_at_states.sql,
--          09b_district_scorecard_as_of.sql
-- invariants: exactly one row per row of status (tracker.build.ONE_ROW_EACH); a row is its target and
--             area's latest status, and answers $year, when year <= $year < next_status_year.
-- stored: the view status_in_force_live computes it and the table status_in_force holds it, refreshed with every write
--         (tracker.build.refresh_stored), rows in the order its readers return them
create view status_in_force_live as
with
spans as (
    select *,
        lead(year) over (partition by indicator_id, area_code order by year) as next_status_year,
        max(year) over (partition by indicator_id, area_code) as latest_year
    from status
),
final as (
    select
        s.*,
        i.name_zh, i.name_en, i.unit_zh, i.unit_en, i.comparator, i.measure, i.method, i.scope, i.target_year,
        a.name_zh as area_name_zh, a.name_en as area_name_en, a.kind as area_kind,
        b.created_at as updated_at, i.release_lag_months
    from spans as s
    join indicators as i using (indicator_id)
    left join areas as a using (area_code)
    left join obs_current as o using (indicator_id, area_code, year)
    left join batches as b on b.batch_id = o.batch_id
    order by s.plan_id, s.action_no, s.indicator_id, s.area_code, s.year
)
select * from final;
create table status_in_force as select * from status_in_force_live with no data;
