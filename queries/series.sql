-- grain: one row per area per year for one indicator: the value in force, the plotted quantity and
--        that year's status
-- params: $indicator_id; $area_code (null = every area with data)
-- invariants: plot_value is the value itself, or for count_new the running sum of the additions after
--             the baseline year (0 in that year); areas in the order city, districts, regions
with
target as (
    select indicator_id, measure, baseline_year from indicators where indicator_id = $indicator_id
),
area_names as (
    select area_code, name_zh as area_name_zh, name_en as area_name_en, kind as area_kind,
           case kind when 'city' then 0 when 'district' then 1 else 2 end as area_order
    from areas
),
current_values as (
    select indicator_id, area_code, year, value, milestone, source, batch_id
    from obs_current
    where indicator_id = $indicator_id and ($area_code is null or area_code = $area_code)
),
plotted as (
    select
        v.*,
        case
            when t.measure <> 'count_new' then v.value
            when v.year < t.baseline_year then null
            else sum(case when v.year > t.baseline_year then coalesce(v.value, 0) else 0 end)
                 over (partition by v.area_code order by v.year rows unbounded preceding)
        end as plot_value
    from current_values as v
    join target as t using (indicator_id)
),
indicator_status as (
    select area_code, year, status, projected_value
    from status
    where indicator_id = $indicator_id
),
final as (
    select
        p.indicator_id, p.area_code, a.area_name_zh, a.area_name_en, a.area_kind, p.year,
        p.value, p.milestone, p.plot_value, s.status, s.projected_value, p.source, p.batch_id
    from plotted as p
    left join area_names as a using (area_code)
    left join indicator_status as s using (area_code, year)
    order by a.area_order, p.area_code, p.year
)
select * from final
