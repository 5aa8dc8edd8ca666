-- model: district_standing_as_of (stored)
-- grain: one row per plan, state of as_of_states(false) and district, when some district has a status
--        for a target of the plan: district_standing.sql's row (ranked among all districts)
-- read by: district_standing.sql (the district page)
-- invariants: every district is judged on the same targets (those with a status row in some
--             district); count_good and count_off_track use the macros is_good and is_off_track
--             (statuses.GOOD, statuses.OFF_TRACK); rank_by_score 1 = the best mean score, ties share
--             the better rank, no score no rank.
-- stored: the view district_standing_as_of_live computes it and the table district_standing_as_of holds it, refreshed with every write
--         (tracker.build.refresh_stored), rows in the order its readers return them
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
        status_summary(status, score, null::double, null::double) as summary
    from target_status
    group by plan_id, year_from, area_code
),
counts as (
    select
        plan_id, year_from, next_year, area_code,
        summary.count_targets, summary.count_good, summary.count_off_track, summary.count_no_data,
        summary.mean_score
    from summary
),
ranked as (
    select
        *,
        case when mean_score is not null
             then rank() over (partition by plan_id, year_from order by mean_score desc nulls last) end as rank_by_score,
        count(mean_score) over (partition by plan_id, year_from) as count_ranked
    from counts
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
