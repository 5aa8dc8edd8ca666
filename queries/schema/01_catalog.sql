-- The plan as data: plans, actions, mechanisms, indicators (one row per target), areas.
-- Loaded from data/catalog/*.csv and data/geo/areas.csv by `python -m tracker build`.
create table plans (
    plan_id        varchar primary key,
    name_zh        varchar not null,
    name_en        varchar not null,
    start_year     integer not null,
    target_year    integer not null,
    baseline_year  integer not null,
    nearly_pct     double default 90     -- 完成进度 at or above which an unmet target is 基本完成 (DESIGN §6)
);

create table actions (
    plan_id     varchar not null,
    action_no   integer not null,
    name_zh     varchar not null,
    name_en     varchar not null,
    group_zh    varchar,
    group_en    varchar,
    summary_zh  varchar,
    summary_en  varchar,
    in_source   boolean not null,
    primary key (plan_id, action_no)
);

create table mechanisms (
    plan_id       varchar not null,
    mechanism_no  integer not null,
    name_zh       varchar not null,
    name_en       varchar not null,
    summary_zh    varchar,
    summary_en    varchar,
    primary key (plan_id, mechanism_no)
);

create table indicators (
    indicator_id   varchar primary key,
    plan_id        varchar not null,
    action_no      integer not null,
    name_zh        varchar not null,
    name_en        varchar not null,
    unit_zh        varchar,
    unit_en        varchar,
    comparator     varchar not null check (comparator in ('>=', '<=', 'range', 'qualitative')),
    target_value   double,
    target_high    double,
    target_year    integer not null,
    baseline_year  integer not null,
    direction      varchar not null check (direction in ('up', 'down')),
    measure        varchar not null check (measure in ('level', 'share', 'count_new', 'growth_rate', 'qualitative')),
    method         varchar not null,   -- a progress method of tracker/methods/ (the catalogue load and import check it)
    scope          varchar not null check (scope in ('city', 'region', 'each_district', 'township_share')),
    map_layer      varchar,
    aggregation    varchar not null check (aggregation in ('sum', 'weighted', 'none')),
    source_quote   varchar not null,
    note           varchar,
    release_lag_months integer,         -- months after the year ends by which its figure is due (null: 3)
    lead_unit_zh   varchar,             -- 牵头单位 (null: 未指定 / Not assigned; the plan text names none)
    lead_unit_en   varchar
);

create table areas (
    area_code         varchar primary key,
    name_zh           varchar not null,
    name_en           varchar not null,
    kind              varchar not null check (kind in ('city', 'district', 'region')),
    parent            varchar,
    region_tags       varchar,
    townships         integer,
    townships_source  varchar
);

-- The township-level units (乡镇（街道）) of each district, from the statistics bureau's division
-- codes (data/geo/townships.csv, written by data/geo/build_townships.py). Township-scoped coverage
-- targets take one observation per township (1 covered, 0 not); zone offices are listed so that a
-- row naming one can be refused by name, and are left out of every share (counted false).
create table townships (
    township_code  varchar primary key,     -- 9 digits: the district's 6, then the township's 3
    name_zh        varchar not null,
    name_en        varchar not null,
    kind           varchar not null check (kind in ('subdistrict', 'town', 'xiang', 'zone')),
    district_code  varchar not null,
    counted        boolean not null
);
