-- Stored answers, part 2: what the overview, meeting mode and the roll-ups read, for every plan, state
-- of as_of_states(false) (year_from, next_year) and asked area (asked_area, null = the headline).
-- The rules for which targets count for an area are those documented in the query files that read
-- these tables (overview_targets.sql, action_rollup.sql).

-- grain: one row per plan, state, asked area and target of the plan (a regional target once per region
--        with a status): overview_targets.sql's rows for that $year and $area_code
create view overview_targets_as_of_live as
with
judged_in_area as (
    select distinct plan_id, indicator_id, area_code from status
),
regions_with_status as (
    select distinct plan_id, as_of, indicator_id, area_code
    from status_at_states
    where area_kind = 'region'
),
targets as (
    select
        st.as_of, st.year_from, st.next_year, c.asked_area,
        i.indicator_id, i.plan_id, i.action_no, i.name_zh, i.name_en, i.unit_zh, i.unit_en, i.comparator,
        i.target_value, i.target_high, i.target_year, i.scope, i.aggregation, i.measure,
        case when c.kind = 'city' and i.scope = 'region' then r.area_code else c.area_code end as area_code,
        case when c.kind = 'city' then false
             when c.kind = 'region' then i.scope <> 'region'
             else j.indicator_id is null end as is_city_only
    from as_of_states(false) as st
    join indicators as i using (plan_id)
    cross join asked_areas as c
    left join regions_with_status as r
        on r.plan_id = st.plan_id and r.as_of = st.as_of and r.indicator_id = i.indicator_id
       and c.kind = 'city' and i.scope = 'region'
    left join judged_in_area as j
        on j.plan_id = st.plan_id and j.indicator_id = i.indicator_id and j.area_code = c.area_code
),
final as (
    select
        t.year_from, t.next_year, t.asked_area,
        t.plan_id, t.action_no, t.indicator_id, t.name_zh, t.name_en, t.unit_zh, t.unit_en,
        t.comparator, t.target_value, t.target_high, t.target_year, t.scope, t.aggregation, t.measure,
        t.area_code, t.is_city_only,
        case when t.is_city_only then null else coalesce(s.status, 'no_data') end as status,
        s.year as status_year, s.value, s.score, s.progress_pct, s.time_pct, s.ratio
    from targets as t
    left join status_at_states as s
        on s.plan_id = t.plan_id and s.as_of = t.as_of and s.indicator_id = t.indicator_id
       and s.area_code = t.area_code and not t.is_city_only
    order by t.plan_id, t.asked_area, t.year_from, t.action_no, t.indicator_id, t.area_code
)
select * from final;
create table overview_targets_as_of as select * from overview_targets_as_of_live with no data;

-- grain: one row per plan, state, asked area and action of the plan (every action):
--        overview_actions.sql's rows; asked_area '' stands for any code that is not an area
create view overview_actions_as_of_live as
with
asked as (
    select asked_area from asked_areas
    union all
    select ''
),
action_summary as (
    select
        plan_id, year_from, asked_area, action_no,
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
    from overview_targets_as_of
    group by plan_id, year_from, asked_area, action_no
),
final as (
    select
        st.year_from, st.next_year, c.asked_area,
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
    from as_of_states(false) as st
    join actions as a using (plan_id)
    cross join asked as c
    left join action_summary as s
        on s.plan_id = a.plan_id and s.year_from is not distinct from st.year_from
       and s.asked_area is not distinct from c.asked_area and s.action_no = a.action_no
    order by a.plan_id, c.asked_area, st.year_from, a.action_no
)
select * from final;
create table overview_actions_as_of as select * from overview_actions_as_of_live with no data;

-- rollup_targets: for every plan, state and asked area, the targets that count for it in the roll-ups
-- (action_rollup.sql's rule) with their status as of that state. A view, not stored: the two roll-up
-- tables below read it.
create view rollup_targets as
with
regions_with_status as (
    select distinct plan_id, as_of, indicator_id, area_code
    from status_at_states
    where area_kind = 'region'
),
targets as (
    select
        st.as_of, st.year_from, st.next_year, c.asked_area, c.kind as asked_kind,
        i.plan_id, i.action_no, i.indicator_id,
        case when c.kind = 'city' and i.scope = 'region' then r.area_code else c.area_code end as area_code
    from as_of_states(false) as st
    join indicators as i using (plan_id)
    cross join asked_areas as c
    left join regions_with_status as r
        on r.plan_id = st.plan_id and r.as_of = st.as_of and r.indicator_id = i.indicator_id
       and c.kind = 'city' and i.scope = 'region'
    where c.kind = 'city'
       or (c.kind = 'district' and i.scope in ('each_district', 'township_share'))
       or (c.kind = 'region' and i.scope = 'region')
),
final as (
    select t.*, coalesce(s.status, 'no_data') as status, s.score, s.progress_pct, s.time_pct
    from targets as t
    left join status_at_states as s
        on s.plan_id = t.plan_id and s.as_of = t.as_of and s.indicator_id = t.indicator_id
       and s.area_code = t.area_code
)
select * from final;

-- grain: one row per plan, state, asked area and action with targets that count there:
--        action_rollup.sql's rows
create view action_rollup_as_of_live as
with
action_summary as (
    select
        year_from, any_value(next_year) as next_year, asked_area,
        plan_id, action_no,
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
    from rollup_targets
    group by plan_id, year_from, asked_area, action_no
),
final as (
    select
        *,
        case
            when count_with_data > 0 and count_achieved + count_milestone_done = count_with_data then 'achieved'
            when mean_score >= 2.5 then 'on_track'
            when mean_score >= 0 then 'accelerate'
            when mean_score >= -2.5 then 'limited'
            when mean_score is not null then 'backwards'
            when count_milestone_not_started > 0 then 'milestone_not_started'
            when count_milestone_in_progress > 0 then 'milestone_in_progress'
            else 'no_data'
        end as rollup_status
    from action_summary
    order by plan_id, asked_area, year_from, action_no
)
select * from final;
create table action_rollup_as_of as select * from action_rollup_as_of_live with no data;

-- grain: one row per plan, state and asked area with targets that count there: plan_rollup.sql's row;
--        for a district also its names and rank_by_score among the districts (district_rollup.sql)
create view plan_rollup_as_of_live as
with
plan_summary as (
    select
        year_from, any_value(next_year) as next_year, asked_area, any_value(asked_kind) as asked_kind,
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
    from rollup_targets
    group by plan_id, year_from, asked_area
),
plan_actions as (
    select
        plan_id, year_from, asked_area,
        count(*) as count_actions,
        count(*) filter (where count_off_track > 0) as count_actions_off_track,
        avg(mean_score) as mean_action_score
    from action_rollup_as_of
    group by plan_id, year_from, asked_area
),
district_ranks as (
    select
        plan_id, year_from, asked_area,
        case when mean_score is not null
             then rank() over (partition by plan_id, year_from order by mean_score desc nulls last) end as rank_by_score
    from plan_summary
    where asked_kind = 'district'
),
final as (
    select
        s.* exclude (asked_kind),
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
        a.mean_action_score,
        s.asked_kind,
        n.name_zh as asked_name_zh,
        n.name_en as asked_name_en,
        r.rank_by_score
    from plan_summary as s
    join plan_actions as a
        on a.plan_id = s.plan_id and a.year_from is not distinct from s.year_from
       and a.asked_area is not distinct from s.asked_area
    left join areas as n on n.area_code = s.asked_area
    left join district_ranks as r
        on r.plan_id = s.plan_id and r.year_from is not distinct from s.year_from and r.asked_area = s.asked_area
    order by s.plan_id, s.asked_area, s.year_from
)
select * from final;
create table plan_rollup_as_of as select * from plan_rollup_as_of_live with no data;

-- grain: one row per plan and year with a status row of the plan: the years the overview, the
--        action page and (where count_district_targets > 0) the comparison offer
create view plan_years_live as
with
final as (
    select
        s.plan_id, s.year,
        count(distinct s.indicator_id) filter (where a.kind = 'district') as count_district_targets
    from status as s
    left join areas as a using (area_code)
    group by s.plan_id, s.year
    order by s.plan_id, s.year desc
)
select * from final;
create table plan_years as select * from plan_years_live with no data;
