-- model: obs_current (stored)
-- grain: one row per indicator per area (city, district, region) per year: the value in force (the
--        newest row of a batch that is still applied); where township rows are in force for the
--        indicator and year, the district and city figures are their roll-up instead (02b), with no
--        row of their own (obs_seq null) and the batch of the newest township row
-- read by: every model that reads values (06a, 06c, 08b, 09b, 09d, 10a, 10b, 11a-11e), revisions.sql,
--          revisions_page.sql, method_series.sql, import_rollup.sql (the figure a township file replaces),
--          tracker.build.refresh_status (the progress engine)
-- invariants: one row per indicator_id, area_code and year (the primary key); no township codes
--             (they are in township_current); tracker.build.check_snapshot compares its count with
--             obs_current_live's.
-- stored: the view obs_current_live computes it and the table obs_current holds it, refreshed by
--         tracker.build.refresh_current in the same transaction as every write (a snapshot is
--         immutable, so the stored copy never goes stale, and readers skip a window over every
--         revision on each query). It is refreshed before the status table, not by refresh_stored.
create view obs_current_live as
with
applied as (
    select o.*
    from observations as o
    join batches as b using (batch_id)
    where b.state = 'applied'
      and o.area_code not in (select township_code from townships)
),
ranked as (
    select *, row_number() over (partition by indicator_id, area_code, year order by obs_seq desc) as revision_rank
    from applied
),
rolled as (
    select
        null::bigint as obs_seq, indicator_id, area_code, year, value, null::varchar as milestone,
        null::varchar as source,
        '乡镇汇总 township roll-up: ' || covered || '/' || reported || ' covered (' || townships || ' townships)' as note,
        batch_id
    from township_rollup_live
),
final as (
    select r.obs_seq, r.indicator_id, r.area_code, r.year, r.value, r.milestone, r.source, r.note, r.batch_id
    from ranked as r
    anti join rolled as u using (indicator_id, area_code, year)
    where r.revision_rank = 1
    union all
    select * from rolled
)
select * from final;

create table obs_current (
    obs_seq       bigint,                   -- null for a figure rolled up from township rows
    indicator_id  varchar not null,
    area_code     varchar not null,
    year          integer not null,
    value         double,
    milestone     varchar,
    source        varchar,
    note          varchar,
    batch_id      varchar not null,
    primary key (indicator_id, area_code, year)
);
