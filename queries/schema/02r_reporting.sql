-- Reporting: the units that send figures, the office's changes to who sends which, the rounds that
-- ask for a year's figures by a deadline, and the submissions units sent (tracker/reporting/).
-- A submission is a batch of kind 'observations' in state 'submitted' (not in force); accepting it
-- copies its rows into an ordinary applied batch (tracker/reporting/review.py) and marks it 'accepted';
-- returning it marks it 'returned'. The batch state is the one place a submission's state is kept.
create table units (
    unit_id     varchar primary key,         -- a district's code; 'office' for the plan office
    name_zh     varchar not null,
    name_en     varchar not null,
    kind        varchar not null check (kind in ('department', 'district')),
    area_code   varchar not null              -- the district's code, or the city's for a city department
);

create table assignments (
    indicator_id  varchar not null,            -- the office's choice of unit for one target and area,
    area_code     varchar not null,            -- over the default rule (queries/schema/12a_assigned_cells.sql)
    unit_id       varchar not null,
    primary key (indicator_id, area_code)
);

create table rounds (
    round_id    varchar primary key,
    plan_id     varchar not null,
    year        integer not null,
    deadline    date not null,
    opened_by   varchar not null,
    opened_at   timestamp not null
);

create table submissions (
    batch_id      varchar primary key,         -- the batch that holds its rows (batches.state: its state)
    round_id      varchar not null,
    unit_id       varchar not null,
    submitted_at  timestamp not null,
    reviewed_by   varchar,
    reviewed_at   timestamp,
    reason        varchar,                     -- why it was returned
    applied_batch varchar                      -- the applied batch its accepted rows went into
);
