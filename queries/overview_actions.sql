-- grain: one row per action of one plan (every action, also those not in the source text): how its
--        targets stand for one area in one year (the overview's action tiles)
-- params: $plan_id; $year (null = latest): each target's latest status up to that year;
--         $area_code (null or the city = the plan's headline; a district = every target the progress
--         engine judges for that district, as in overview_targets.sql)
-- invariants: count_targets = the sum of the nine count_<status> columns and counts only judged
--             targets; count_city_only counts the action's targets with no figures for the area;
--             rollup_status follows queries/action_rollup.sql (tracker.rollup.status_from_score).
with
plan_actions as (
    select plan_id, action_no, name_zh, name_en, group_zh, group_en, in_source
    from actions
    where plan_id = $plan_id
),
plan_indicators as (
    select indicator_id, action_no, scope
    from indicators
    where plan_id = $plan_id
),
area_kinds as (
    select area_code, kind from areas
),
chosen_area as (
    select
        case when $area_code is null then 'city'
             else (select kind from area_kinds where area_code = $area_code) end as kind,
        coalesce($area_code, (select min(area_code) from area_kinds where kind = 'city')) as area_code
),
plan_status as (
    select * from status where plan_id = $plan_id
),
latest_status as (
    select * from status_as_of($plan_id, $year)
),
judged_in_area as (
    select distinct s.indicator_id
    from plan_status as s
    join chosen_area as c using (area_code)
),
regions_with_status as (
    select distinct s.indicator_id, s.area_code
    from latest_status as s
    join area_kinds as a using (area_code)
    where a.kind = 'region'
),
targets as (
    select
        i.indicator_id, i.action_no,
        case when c.kind = 'city' and i.scope = 'region' then r.area_code else c.area_code end as area_code,
        case when c.kind = 'city' then false
             when c.kind = 'region' then i.scope <> 'region'
             else j.indicator_id is null end as is_city_only
    from plan_indicators as i
    cross join chosen_area as c
    left join regions_with_status as r
        on r.indicator_id = i.indicator_id and c.kind = 'city' and i.scope = 'region'
    left join judged_in_area as j on j.indicator_id = i.indicator_id
    where c.kind is not null
),
target_status as (
    select
        t.action_no, t.is_city_only,
        case when t.is_city_only then null else coalesce(s.status, 'no_data') end as status,
        s.score, s.progress_pct, s.time_pct
    from targets as t
    left join latest_status as s
        on s.indicator_id = t.indicator_id and s.area_code = t.area_code and not t.is_city_only
),
action_summary as (
    select
        action_no,
        count(*) filter (where not is_city_only) as count_targets,
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
        count(*) filter (where status is not null and status <> 'no_data') as count_with_data,
        count(*) filter (where is_city_only) as count_city_only,
        avg(score) as mean_score,
        avg(progress_pct) as mean_progress_pct,
        avg(time_pct) as mean_time_pct
    from target_status
    group by action_no
),
final as (
    select
        a.plan_id, a.action_no, a.name_zh, a.name_en, a.group_zh, a.group_en, a.in_source,
        coalesce(s.count_targets, 0) as count_targets,
        coalesce(s.count_achieved, 0) as count_achieved,
        coalesce(s.count_on_track, 0) as count_on_track,
        coalesce(s.count_accelerate, 0) as count_accelerate,
        coalesce(s.count_limited, 0) as count_limited,
        coalesce(s.count_backwards, 0) as count_backwards,
        coalesce(s.count_no_data, 0) as count_no_data,
        coalesce(s.count_milestone_done, 0) as count_milestone_done,
        coalesce(s.count_milestone_in_progress, 0) as count_milestone_in_progress,
        coalesce(s.count_milestone_not_started, 0) as count_milestone_not_started,
        coalesce(s.count_off_track, 0) as count_off_track,
        coalesce(s.count_with_data, 0) as count_with_data,
        coalesce(s.count_city_only, 0) as count_city_only,
        s.mean_score, s.mean_progress_pct, s.mean_time_pct,
        case
            when s.count_with_data > 0 and s.count_achieved + s.count_milestone_done = s.count_with_data then 'achieved'
            when s.mean_score >= 2.5 then 'on_track'
            when s.mean_score >= 0 then 'accelerate'
            when s.mean_score >= -2.5 then 'limited'
            when s.mean_score is not null then 'backwards'
            when s.count_milestone_not_started > 0 then 'milestone_not_started'
            when s.count_milestone_in_progress > 0 then 'milestone_in_progress'
            else 'no_data'
        end as rollup_status
    from plan_actions as a
    left join action_summary as s using (action_no)
    order by a.action_no
)
select * from final
