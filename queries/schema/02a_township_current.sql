-- model: township_current (stored)
-- grain: one row per indicator per township per year: the township's value in force (1 covered,
--        0 not covered), the newest row of a batch that is still applied, with the township's names,
--        kind, district and whether it counts in shares, and the batch's kind
-- read by: 02b (the roll-up, which 03 puts in place of the district and city figures),
--          import_current.sql, township_rows.sql, township_coverage.sql
-- invariants: one row per indicator_id, area_code (a township code) and year
-- stored: the view township_current_live computes it and the table township_current holds it,
--         refreshed with every write (tracker.build.refresh_stored)
create view township_current_live as
with
applied as (
    select o.*, b.kind as batch_kind
    from observations as o
    join batches as b using (batch_id)
    join townships as t on t.township_code = o.area_code
    where b.state = 'applied'
),
ranked as (
    select *, row_number() over (partition by indicator_id, area_code, year order by obs_seq desc) as revision_rank
    from applied
),
final as (
    select
        r.obs_seq, r.indicator_id, r.area_code, r.year, r.value, r.source, r.note, r.batch_id, r.batch_kind,
        t.name_zh, t.name_en, t.kind, t.district_code, t.counted
    from ranked as r
    join townships as t on t.township_code = r.area_code
    where r.revision_rank = 1
    order by r.indicator_id, r.year, r.area_code
)
select * from final;
create table township_current as select * from township_current_live with no data;
