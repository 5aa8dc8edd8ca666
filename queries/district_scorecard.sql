-- grain: one row per target with district figures, for one district as of one year
-- params: $plan_id; $district (a district's area code); $year (null = latest): every figure is the
--         latest up to $year
-- invariants: is_judged = the engine assesses the target in each district (status rows); otherwise
--             the target is a city total split by district (aggregation sum): status is null and
--             share_of_city_pct = the district's figure / the city's, in percent. value is the figure
--             compared with the target (the status row's value; without one, the sum of additions
--             since the base year for counts of new, the mean yearly growth for growth rates, else
--             the latest value). rank_in_districts: 1 = best (highest value for "up", lowest for
--             "down"), ties (equal to 9 decimals) share the better rank, no value no rank;
--             count_ranked = districts with a value. A judged target with no status up to $year
--             counts as no_data.
with
plan_indicators as (
    select indicator_id, action_no, name_zh, name_en, unit_zh, unit_en, comparator, target_value,
           target_high, target_year, baseline_year, direction, measure, method, scope
    from indicators
    where plan_id = $plan_id and comparator <> 'qualitative'
),
areas as (
    select area_code, kind from areas where kind in ('city', 'district')
),
current_values as (
    select
        o.indicator_id, o.area_code, a.kind, i.direction, o.year, o.value,
        case when i.measure = 'count_new' or i.method = 'cumulative' then 'sum'
             when i.measure = 'growth_rate' then 'mean' else 'latest' end as compared_as,
        o.year > i.baseline_year as is_after_base,
        o.year >= i.baseline_year as is_from_base
    from obs_current as o
    join areas as a using (area_code)
    join plan_indicators as i using (indicator_id)
    where o.value is not null and ($year is null or o.year <= $year)
),
quantities as (
    select
        indicator_id, area_code, kind, direction,
        case compared_as
            when 'sum' then sum(value) filter (where is_after_base)
            when 'mean' then avg(value) filter (where is_after_base)
            else arg_max(value, year) filter (where is_from_base)
        end as quantity,
        max(year) as value_year
    from current_values
    group by indicator_id, area_code, kind, direction, compared_as
),
status_rows as (
    select s.indicator_id, s.area_code, s.year, s.value, s.status, s.score, s.ratio, s.progress_pct, s.time_pct
    from status as s
    where s.plan_id = $plan_id and s.area_code in (select area_code from areas)
      and ($year is null or s.year <= $year)
),
latest_status as (
    select * from status_rows
    qualify row_number() over (partition by indicator_id, area_code order by year desc) = 1
),
figures as (
    select
        q.indicator_id, q.area_code, q.kind, q.direction, q.value_year,
        coalesce(s.value, q.quantity) as value,
        s.year as status_year, s.status, s.score, s.ratio, s.progress_pct, s.time_pct
    from quantities as q
    left join latest_status as s using (indicator_id, area_code)
),
district_ranks as (
    select
        *,
        rank() over (partition by indicator_id
                     order by round(case when direction = 'down' then value else -value end, 9) nulls last) as raw_rank,
        count(value) over (partition by indicator_id) as count_ranked,
        count(status) over (partition by indicator_id) as count_judged
    from figures
    where kind = 'district'
),
city as (
    select indicator_id, value as city_value, status as city_status from figures where kind = 'city'
),
final as (
    select
        i.action_no, i.indicator_id, i.name_zh, i.name_en, i.unit_zh, i.unit_en, i.comparator,
        i.target_value, i.target_high, i.target_year, i.direction, i.measure, i.method, i.scope,
        r.area_code,
        r.count_judged > 0 as is_judged,
        r.value, r.value_year, r.status_year,
        case when r.count_judged > 0 then coalesce(r.status, 'no_data') end as status,
        r.score, r.ratio, r.progress_pct, r.time_pct,
        case when r.value is not null then r.raw_rank end as rank_in_districts,
        r.count_ranked,
        c.city_value, c.city_status,
        case when r.count_judged = 0 and c.city_value <> 0
             then 100.0 * r.value / c.city_value end as share_of_city_pct
    from district_ranks as r
    join plan_indicators as i using (indicator_id)
    left join city as c using (indicator_id)
    where r.area_code = $district
    order by i.action_no, i.indicator_id
)
select * from final
