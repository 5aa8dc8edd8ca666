-- Observations and the batches that brought them. Every import is a batch; a later value for the
-- same indicator, area and year is a revision: earlier rows stay, and the current value is the
-- newest row from a batch that is still applied (see the view obs_current).
create table batches (
    batch_id     varchar primary key,
    kind         varchar not null check (kind in ('demo', 'observations', 'milestones', 'catalog', 'rollback', 'commentary')),
    file_name    varchar,
    sha256       varchar,
    row_count    integer not null,
    created_by   varchar not null,
    created_at   timestamp not null,
    state        varchar not null check (state in ('applied', 'rolled_back', 'submitted', 'accepted', 'returned')),
    note         varchar
);

create table observations (
    obs_seq       bigint primary key,       -- insertion order; the newest applied row wins
    indicator_id  varchar not null,
    area_code     varchar not null,
    year          integer not null,
    value         double,                   -- numeric targets
    milestone     varchar check (milestone in ('not_started', 'in_progress', 'done')),
    source        varchar,
    note          varchar,
    batch_id      varchar not null
);

create table meta (
    key    varchar primary key,
    value  varchar
);
