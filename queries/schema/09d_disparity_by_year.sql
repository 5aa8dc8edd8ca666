-- model: disparity_by_year (stored)
-- grain: one row per indicator with district figures per year from its baseline year: the spread of
--        the district values in force of levels and shares that are rates, not totals
-- read by: disparity.sql (the comparison page); disparity in tests/reference_rollup.py is its pandas reference
-- invariants: cv only with two or more districts and a non-zero mean; is_narrowing only when the
--             latest year with a cv is after the first.
-- stored: the view disparity_by_year_live computes it and the table disparity_by_year holds it, refreshed with every write
--         (tracker.build.refresh_stored), rows in the order its readers return them
create view disparity_by_year_live as
with
district_indicators as (
    select indicator_id, plan_id, direction, baseline_year
    from indicators
    where measure in ('level', 'share') and aggregation <> 'sum'
),
districts as (
    select area_code from areas where kind = 'district'
),
district_values as (
    select i.plan_id, v.indicator_id, v.year, v.value, i.direction
    from obs_current as v
    join district_indicators as i using (indicator_id)
    join districts as d using (area_code)
    where v.value is not null and v.year >= i.baseline_year
),
per_year as (
    select
        plan_id, indicator_id, year,
        any_value(direction) as direction,
        count(*) as count_districts,
        avg(value) as mean_value,
        stddev_pop(value) as std_value,
        min(value) as min_value,
        max(value) as max_value
    from district_values
    group by plan_id, indicator_id, year
),
spread as (
    select
        *,
        case when count_districts >= 2 and mean_value <> 0 then std_value / mean_value end as cv,
        case when direction = 'up' then max_value else min_value end as best_value,
        case when direction = 'up' then min_value else max_value end as worst_value,
        case when min_value > 0 then max_value / min_value end as best_worst_ratio
    from per_year
),
trend as (
    select
        indicator_id,
        min(year) filter (where cv is not null) as first_year,
        arg_min(cv, year) filter (where cv is not null) as first_cv,
        max(year) filter (where cv is not null) as latest_year,
        arg_max(cv, year) filter (where cv is not null) as latest_cv
    from spread
    group by indicator_id
),
final as (
    select
        s.plan_id,
        s.indicator_id, s.year, s.count_districts, s.mean_value, s.std_value, s.cv,
        s.min_value, s.max_value, s.best_value, s.worst_value, s.best_worst_ratio,
        t.first_year, t.first_cv, t.latest_year, t.latest_cv,
        case when t.latest_year > t.first_year then t.latest_cv < t.first_cv end as is_narrowing
    from spread as s
    join trend as t using (indicator_id)
    order by s.plan_id, s.indicator_id, s.year
)
select * from final;
create table disparity_by_year as select * from disparity_by_year_live with no data;
