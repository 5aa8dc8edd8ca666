-- grain: one row per target of one action per area shown per year up to $year
-- params: $plan_id, $action_no; $year (null = every year); $area_code (null = the city and regions
--         only; a code = that area too)
-- invariants: plot_value is the quantity compared with the target: the value itself, or for
--             count_new the running sum of the additions after the baseline year (0 in that year).
--             The page keeps, for each target, the area that action_targets.sql shows.
with
targets as (
    select indicator_id, measure, baseline_year from indicators
    where plan_id = $plan_id and action_no = $action_no
),
areas_shown as (
    select area_code from areas where kind in ('city', 'region') or area_code = $area_code
),
current_values as (
    select o.indicator_id, o.area_code, o.year, o.value, o.milestone, t.measure, t.baseline_year
    from obs_current as o
    join targets as t using (indicator_id)
    join areas_shown as a using (area_code)
    where $year is null or o.year <= $year
),
plotted as (
    select
        *,
        case
            when measure <> 'count_new' then value
            when year < baseline_year then null
            else sum(case when year > baseline_year then coalesce(value, 0) else 0 end)
                 over (partition by indicator_id, area_code order by year rows unbounded preceding)
        end as plot_value
    from current_values
),
year_status as (
    select indicator_id, area_code, year, status, projected_value
    from status
    where plan_id = $plan_id and action_no = $action_no and ($year is null or year <= $year)
),
final as (
    select
        p.indicator_id, p.area_code, p.year, p.value, p.milestone, p.plot_value,
        s.status, s.projected_value
    from plotted as p
    left join year_status as s using (indicator_id, area_code, year)
    order by p.indicator_id, p.area_code, p.year
)
select * from final
