-- Stored answers, part 4: what the district and comparison pages read.

-- grain: one row per plan, state of as_of_states(false) and district, when some district has a status
--        for a target of the plan: district_standing.sql's row (ranked among all districts)
create view district_standing_as_of_live as
with
districts as (
    select area_code, name_zh, name_en from areas where kind = 'district'
),
judged as (
    select distinct s.plan_id, s.indicator_id
    from status as s
    join districts as d using (area_code)
),
targets as (
    select st.plan_id, st.as_of, st.year_from, st.next_year, j.indicator_id, d.area_code
    from as_of_states(false) as st
    join judged as j using (plan_id)
    cross join districts as d
),
target_status as (
    select t.*, coalesce(s.status, 'no_data') as status, s.score
    from targets as t
    left join status_at_states as s
        on s.plan_id = t.plan_id and s.as_of = t.as_of and s.indicator_id = t.indicator_id
       and s.area_code = t.area_code
),
summary as (
    select
        plan_id, year_from, any_value(next_year) as next_year, area_code,
        count(*) as count_targets,
        count(*) filter (where status in ('achieved', 'on_track')) as count_good,
        count(*) filter (where status in ('accelerate', 'limited', 'backwards')) as count_off_track,
        count(*) filter (where status = 'no_data') as count_no_data,
        avg(score) as mean_score
    from target_status
    group by plan_id, year_from, area_code
),
ranked as (
    select
        *,
        case when mean_score is not null
             then rank() over (partition by plan_id, year_from order by mean_score desc nulls last) end as rank_by_score,
        count(mean_score) over (partition by plan_id, year_from) as count_ranked
    from summary
),
final as (
    select
        r.year_from, r.next_year, r.plan_id,
        d.area_code, d.name_zh, d.name_en,
        r.count_targets, r.count_good, r.count_off_track, r.count_no_data, r.mean_score,
        r.rank_by_score, r.count_ranked
    from ranked as r
    join districts as d using (area_code)
    order by r.plan_id, r.year_from, d.area_code
)
select * from final;
create table district_standing_as_of as select * from district_standing_as_of_live with no data;

-- grain: one row per plan, state of as_of_states(true) (values count too), target and district with a
--        figure up to that year: district_scorecard.sql's row
create view district_scorecard_as_of_live as
with
states as (
    select * from as_of_states(true) where as_of is not null
),
plan_indicators as (
    select indicator_id, plan_id, action_no, name_zh, name_en, unit_zh, unit_en, comparator, target_value,
           target_high, target_year, baseline_year, direction, measure, method, scope
    from indicators
    where comparator <> 'qualitative'
),
places as (
    select area_code, kind from areas where kind in ('city', 'district')
),
current_values as (
    select
        st.as_of, o.indicator_id, o.area_code, a.kind, i.direction, o.year, o.value,
        case when i.measure = 'count_new' or i.method = 'cumulative' then 'sum'
             when i.measure = 'growth_rate' then 'mean' else 'latest' end as compared_as,
        o.year > i.baseline_year as is_after_base,
        o.year >= i.baseline_year as is_from_base
    from obs_current as o
    join places as a using (area_code)
    join plan_indicators as i using (indicator_id)
    join states as st on st.plan_id = i.plan_id and o.year <= st.as_of
    where o.value is not null
),
quantities as (
    select
        as_of, indicator_id, area_code, kind, direction,
        case compared_as
            when 'sum' then sum(value) filter (where is_after_base)
            when 'mean' then avg(value) filter (where is_after_base)
            else arg_max(value, year) filter (where is_from_base)
        end as quantity,
        max(year) as value_year
    from current_values
    group by as_of, indicator_id, area_code, kind, direction, compared_as
),
latest_status as (
    select st.as_of, s.indicator_id, s.area_code, s.year, s.value, s.status, s.score, s.ratio,
           s.progress_pct, s.time_pct
    from states as st
    join status_in_force as s
        on s.plan_id = st.plan_id and s.year <= st.as_of
       and (s.next_status_year is null or st.as_of < s.next_status_year)
    where s.area_kind in ('city', 'district')
),
figures as (
    select
        q.as_of, q.indicator_id, q.area_code, q.kind, q.direction, q.value_year,
        coalesce(s.value, q.quantity) as value,
        s.year as status_year, s.status, s.score, s.ratio, s.progress_pct, s.time_pct
    from quantities as q
    left join latest_status as s using (as_of, indicator_id, area_code)
),
district_ranks as (
    select
        *,
        rank() over (partition by as_of, indicator_id
                     order by round(case when direction = 'down' then value else -value end, 9) nulls last) as raw_rank,
        count(value) over (partition by as_of, indicator_id) as count_ranked,
        count(status) over (partition by as_of, indicator_id) as count_judged
    from figures
    where kind = 'district'
),
city as (
    select as_of, indicator_id, value as city_value, status as city_status from figures where kind = 'city'
),
final as (
    select
        st.year_from, st.next_year, i.plan_id,
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
    join states as st on st.plan_id = i.plan_id and st.as_of = r.as_of
    left join city as c on c.as_of = r.as_of and c.indicator_id = r.indicator_id
    order by i.plan_id, r.area_code, st.year_from, i.action_no, i.indicator_id
)
select * from final;
create table district_scorecard_as_of as select * from district_scorecard_as_of_live with no data;

-- grain: one row per plan, state of as_of_states(false), district-level target (one that some district
--        has a status for up to that year) and district: compare_heatmap.sql's cell
create view compare_cells_as_of_live as
with
districts as (
    select area_code, name_zh as area_name_zh, name_en as area_name_en from areas where kind = 'district'
),
district_status as (
    select * from status_at_states where area_kind = 'district'
),
district_targets as (
    select distinct plan_id, as_of, indicator_id from district_status
),
cells as (
    select
        st.as_of, st.year_from, st.next_year, i.plan_id,
        i.indicator_id, i.action_no, i.name_zh, i.name_en, i.unit_zh, i.unit_en, i.comparator,
        i.target_value, i.target_high, i.direction, i.measure, i.scope, i.aggregation,
        d.area_code, d.area_name_zh, d.area_name_en
    from as_of_states(false) as st
    join district_targets as t on t.plan_id = st.plan_id and t.as_of = st.as_of
    join indicators as i on i.indicator_id = t.indicator_id
    cross join districts as d
),
final as (
    select
        c.* exclude (as_of),
        s.year,
        s.value,
        coalesce(s.status, 'no_data') as status,
        s.score,
        s.progress_pct,
        s.time_pct
    from cells as c
    left join district_status as s
        on s.plan_id = c.plan_id and s.as_of = c.as_of and s.indicator_id = c.indicator_id
       and s.area_code = c.area_code
    order by c.plan_id, c.year_from, c.action_no, c.indicator_id, c.area_code
)
select * from final;
create table compare_cells_as_of as select * from compare_cells_as_of_live with no data;

-- grain: one row per indicator with district figures per year from its baseline year: disparity.sql's
--        rows, for every plan (the spread of the district values in force of levels and shares that are
--        rates, not totals)
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
