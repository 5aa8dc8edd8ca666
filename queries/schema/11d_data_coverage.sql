-- model: data_coverage (stored)
-- grain: one row: whether the values in force include demo data, and the years with data
-- read by: data_mode.sql
-- invariants: exactly one row, also when nothing is in force (counts 0, years null).
-- stored: the view data_coverage_live computes it and the table data_coverage holds it, refreshed with every write
--         (tracker.build.refresh_stored), rows in the order its readers return them
create view data_coverage_live as
with
final as (
    select
        count(*) filter (where b.kind = 'demo') > 0 as is_demo,
        count(*) filter (where b.kind <> 'demo') as count_real,
        count(*) as count_values,
        min(o.year) as first_year,
        max(o.year) as last_year
    from obs_current as o
    join batches as b using (batch_id)
)
select * from final;
create table data_coverage as select * from data_coverage_live with no data;
