-- model: obs_current (stored)
-- grain: one row per indicator per area per year: the value in force (the newest row of a batch that
--        is still applied)
-- read by: every model that reads values (06a, 08b, 09b, 09d, 10a, 10b, 11a-11e), revisions.sql,
--          revisions_page.sql, method_series.sql, tracker.build.refresh_status (the progress engine)
-- invariants: one row per indicator_id, area_code and year (tracker.build.check_snapshot compares
--             its count with obs_current_live's).
-- stored: the view obs_current_live computes it and the table obs_current holds it, refreshed by
--         tracker.build.refresh_current in the same transaction as every write (a snapshot is
--         immutable, so the stored copy never goes stale, and readers skip a window over every
--         revision on each query). Unlike the other stored models its table is declared with a
--         primary key, and it is refreshed before the status table, not by refresh_stored.
create view obs_current_live as
with
applied as (
    select o.*
    from observations as o
    join batches as b using (batch_id)
    where b.state = 'applied'
),
ranked as (
    select *, row_number() over (partition by indicator_id, area_code, year order by obs_seq desc) as revision_rank
    from applied
),
final as (
    select obs_seq, indicator_id, area_code, year, value, milestone, source, note, batch_id
    from ranked
    where revision_rank = 1
)
select * from final;

create table obs_current (
    obs_seq       bigint primary key,
    indicator_id  varchar not null,
    area_code     varchar not null,
    year          integer not null,
    value         double,
    milestone     varchar,
    source        varchar,
    note          varchar,
    batch_id      varchar not null
);
