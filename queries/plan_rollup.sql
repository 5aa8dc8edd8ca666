-- grain: one row per plan (the plan asked for): how all its targets stand in one year, for one area
-- params: $plan_id; $year (null = latest): each target's latest status up to that year;
--         $area_code (null or the city = the plan's headline: the city's row for city-wide and
--         district-level targets, the region's row for regional ones; a district = its
--         district-level targets; a region = its regional targets)
-- invariants: the summary columns are action_rollup's over every target of the plan; count_actions
--             counts actions with targets. Mirrors tracker.rollup.plan_rollup(target_status(...)).
with
plan_indicators as (
    select indicator_id, plan_id, action_no, scope
    from indicators
    where plan_id = $plan_id
),
area_kinds as (
    select area_code, kind from areas
),
latest_status as (
    select * from status_as_of($plan_id, $year)
),
chosen_area as (
    select
        case when $area_code is null then 'city'
             else (select kind from area_kinds where area_code = $area_code) end as kind,
        coalesce($area_code, (select min(area_code) from area_kinds where kind = 'city')) as area_code
),
regions_with_status as (
    select distinct s.indicator_id, s.area_code
    from latest_status as s
    join area_kinds as a using (area_code)
    where a.kind = 'region'
),
targets as (
    select
        i.plan_id, i.action_no, i.indicator_id,
        case when c.kind = 'city' and i.scope = 'region' then r.area_code else c.area_code end as area_code
    from plan_indicators as i
    cross join chosen_area as c
    left join regions_with_status as r
        on r.indicator_id = i.indicator_id and c.kind = 'city' and i.scope = 'region'
    where c.kind = 'city'
       or (c.kind = 'district' and i.scope in ('each_district', 'township_share'))
       or (c.kind = 'region' and i.scope = 'region')
),
target_status as (
    select t.*, coalesce(s.status, 'no_data') as status, s.score, s.progress_pct, s.time_pct
    from targets as t
    left join latest_status as s on s.indicator_id = t.indicator_id and s.area_code = t.area_code
),
action_summary as (
    select
        plan_id, action_no,
        avg(score) as mean_score,
        count(*) filter (where status in ('accelerate', 'limited', 'backwards', 'milestone_not_started')) as count_off_track
    from target_status
    group by plan_id, action_no
),
plan_actions as (
    select
        plan_id,
        count(*) as count_actions,
        count(*) filter (where count_off_track > 0) as count_actions_off_track,
        avg(mean_score) as mean_action_score
    from action_summary
    group by plan_id
),
plan_summary as (
    select
        plan_id,
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
    group by plan_id
),
final as (
    select
        s.*,
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
        a.count_actions,
        a.count_actions_off_track,
        a.mean_action_score
    from plan_summary as s
    join plan_actions as a using (plan_id)
)
select * from final
