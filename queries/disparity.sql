-- grain: one row per indicator with district figures per year from its baseline year: the spread of
--        the district values in force, for levels and shares that are rates, not totals
--        (aggregation weighted or none: district totals differ by size, not by how well off people are)
-- params: $plan_id; $indicator_id (null = every such indicator of the plan)
-- invariants: cv = population std / mean, null with fewer than two districts or a zero mean;
--             best_worst_ratio = best/worst for "up", worst/best for "down" (max/min either way, so
--             above 1 is a wider spread), null unless every value is positive; is_narrowing compares
--             the cv of the latest year with one against the first, null with fewer than two such
--             years. Mirrors tracker.rollup.disparity.
with
district_indicators as (
    select indicator_id, direction, baseline_year
    from indicators
    where plan_id = $plan_id
      and ($indicator_id is null or indicator_id = $indicator_id)
      and measure in ('level', 'share')
      and aggregation <> 'sum'
),
districts as (
    select area_code from areas where kind = 'district'
),
current_values as (
    select indicator_id, area_code, year, value from obs_current where value is not null
),
district_values as (
    select v.indicator_id, v.year, v.value, i.direction
    from current_values as v
    join district_indicators as i using (indicator_id)
    join districts as d using (area_code)
    where v.year >= i.baseline_year
),
per_year as (
    select
        indicator_id, year,
        any_value(direction) as direction,
        count(*) as count_districts,
        avg(value) as mean_value,
        stddev_pop(value) as std_value,
        min(value) as min_value,
        max(value) as max_value
    from district_values
    group by indicator_id, year
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
        s.indicator_id, s.year, s.count_districts, s.mean_value, s.std_value, s.cv,
        s.min_value, s.max_value, s.best_value, s.worst_value, s.best_worst_ratio,
        t.first_year, t.first_cv, t.latest_year, t.latest_cv,
        case when t.latest_year > t.first_year then t.latest_cv < t.first_cv end as is_narrowing
    from spread as s
    join trend as t using (indicator_id)
    order by s.indicator_id, s.year
)
select * from final
