-- grain: one row per district with district-level targets in one plan: how they stand in one year
-- params: $plan_id; $year (null = latest): each target's latest status up to that year
-- invariants: every district has the same targets (scope each_district or township_share); a target
--             with no status up to $year counts as no_data; rank_by_score 1 = the best mean score,
--             ties share the better rank, no score no rank. Mirrors tracker.rollup.district_rollup.
with
district_indicators as (
    select indicator_id, plan_id, action_no
    from indicators
    where plan_id = $plan_id and scope in ('each_district', 'township_share')
),
districts as (
    select area_code, name_zh, name_en from areas where kind = 'district'
),
latest_status as (
    select * from status_as_of($plan_id, $year)
),
targets as (
    select i.plan_id, i.action_no, i.indicator_id, d.area_code
    from district_indicators as i
    cross join districts as d
),
target_status as (
    select t.*, coalesce(s.status, 'no_data') as status, s.score, s.progress_pct, s.time_pct
    from targets as t
    left join latest_status as s on s.indicator_id = t.indicator_id and s.area_code = t.area_code
),
district_summary as (
    select
        area_code,
        count(*) as count_targets,
        count(*) filter (where status = 'achieved') as count_achieved,
        count(*) filter (where status = 'on_track') as count_on_track,
        count(*) filter (where status = 'accelerate') as count_accelerate,
        count(*) filter (where status = 'limited') as count_limited,
        count(*) filter (where status = 'backwards') as count_backwards,
        count(*) filter (where status = 'no_data') as count_no_data,
        count(*) filter (where status = 'milestone_done') as count_milestone_done,
        count(*) filter (where status = 'milestone_in_progress') as count_milestone_in_progress,
        count(*) filter (where status = 'milestone_not_started') as count_milestone_not_started,
        count(*) filter (where status in ('accelerate', 'limited', 'backwards', 'milestone_not_started')) as count_off_track,
        count(*) filter (where status <> 'no_data') as count_with_data,
        avg(score) as mean_score,
        100.0 * count(*) filter (where status in ('achieved', 'on_track', 'milestone_done'))
            / nullif(count(*) filter (where status <> 'no_data'), 0) as on_track_or_achieved_pct,
        avg(progress_pct) as mean_progress_pct,
        avg(time_pct) as mean_time_pct
    from target_status
    group by area_code
),
ranked as (
    select
        *,
        case when mean_score is not null
             then rank() over (order by mean_score desc nulls last) end as rank_by_score
    from district_summary
),
final as (
    select
        d.area_code, d.name_zh, d.name_en,
        r.* exclude (area_code, rank_by_score),
        case
            when count_with_data > 0 and count_achieved + count_milestone_done = count_with_data then 'achieved'
            when mean_score >= 2.5 then 'on_track'
            when mean_score >= 0 then 'accelerate'
            when mean_score >= -2.5 then 'limited'
            when mean_score is not null then 'backwards'
            when count_milestone_not_started > 0 then 'milestone_not_started'
            when count_milestone_in_progress > 0 then 'milestone_in_progress'
            else 'no_data'
        end as rollup_status,
        r.rank_by_score
    from ranked as r
    join districts as d using (area_code)
    order by d.area_code
)
select * from final
