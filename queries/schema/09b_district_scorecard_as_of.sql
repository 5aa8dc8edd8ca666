-- model: district_scorecard_as_of (stored)
-- grain: one row per plan, state of as_of_states(true) (values count too), numeric target and district
--        with a figure up to that year: district_scorecard.sql's row
-- read by: district_scorecard.sql (the district page)
-- invariants: status is null when no district has a status for the target (is_judged false);
--             rank_in_districts only for a district with a value.
-- stored: the view district_scorecard_as_of_live computes it and the table district_scorecard_as_of holds it, refreshed with every write
--         (tracker.build.refresh_stored), rows in the order its readers return them
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
        compared_as(i.measure, i.method) as compared_as,
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
    select st.as_of, s.indicator_id, s.area_code, s.year, s.value,
           final_status(s.status, s.year, s.target_year, st.as_of) as status,
           case when not is_stale_final(s.year, s.target_year, st.as_of) then s.score end as score, s.ratio,
           case when not is_stale_final(s.year, s.target_year, st.as_of) then s.progress_pct end as progress_pct,
           s.time_pct, s.updated_at
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
        s.year as status_year, s.status, s.score, s.ratio, s.progress_pct, s.time_pct, s.updated_at
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
        r.score, r.ratio, r.progress_pct, r.time_pct, r.updated_at,
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
