-- grain: one row per indicator per area per year: the value in force (newest applied revision)
-- obs_current_live computes it; obs_current stores it, refreshed by tracker.build.refresh_status in
-- the same transaction as every write (a snapshot is immutable, so the stored copy never goes
-- stale, and readers skip a window over every revision on each query).
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
