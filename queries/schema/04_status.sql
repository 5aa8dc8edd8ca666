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
                                'milestone_done', 'milestone_in_progress', 'milestone_not_started')),
    score                   double,           -- Open SDG score, -5 to 5
    projected_value         double,           -- at the target year, from the recent trend
    required_annual_change  double,           -- per year, from this year to the target year
    achieved_annual_change  double,           -- per year, from the base year to this year
    primary key (indicator_id, area_code, year)
);
