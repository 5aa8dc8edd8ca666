-- The progress engine's output (tracker/progress.py), refreshed by every build and import inside
-- the same transaction as the data it summarises, and read by every screen.
-- grain: one row per indicator per area per year with an observation after the baseline year
create table status (
    plan_id                 varchar not null,
    indicator_id            varchar not null,
    action_no               integer not null,
    area_code               varchar not null,
    year                    integer not null,
    baseline_year           integer,          -- the base actually used (moved forward when 2020 is missing)
    baseline_value          double,
    value                   double,
    target_value            double,
    target_high             double,
    progress_pct            double,           -- 完成进度, percent
    time_pct                double,           -- 序时进度, percent
    ratio                   double,
    status                  varchar not null check (status in (
                                'achieved', 'on_track', 'accelerate', 'limited', 'backwards', 'no_data',
                                'milestone_done', 'milestone_in_progress', 'milestone_not_started',
                                'completed_early', 'completed', 'nearly_completed', 'not_completed')),
                                              -- before the target year a pace status or milestone stage;
                                              -- at and after it a verdict (tracker/judgement.py)
    score                   double,           -- Open SDG score, -5 to 5
    projected_value         double,           -- at the target year, from the recent trend
    required_annual_change  double,           -- per year, from this year to the target year
    achieved_annual_change  double,           -- per year, from the base year to this year
    grade                   varchar check (grade in (
                                'achieved_early', 'ahead', 'as_expected', 'behind', 'no_data')),
                                                  -- the mid-term grade, before the target year only
    first_met_year          integer,          -- the first year of the unbroken run of years meeting the target up to this one
    primary key (indicator_id, area_code, year)
);

-- Every change to the status table, write by write: what a target and area's status was at any past
-- moment, and what changed since (queries/changes_since.sql). tracker.build.refresh_status appends a
-- row for each status row that appeared, changed (status or value) or disappeared in the write, dated
-- by the write's batch. Append-only, like observations.
-- grain: one row per status row changed by one write
create table status_log (
    log_seq       bigint primary key,       -- append order
    batch_id      varchar,                  -- the write's batch; null for a recomputation without one (a migration)
    logged_at     timestamp not null,       -- the batch's created_at (or the recomputation's time)
    indicator_id  varchar not null,
    area_code     varchar not null,
    year          integer not null,
    status        varchar,                  -- null: the status row is gone (its values were rolled back)
    value         double
);
