-- grain: one row per district: how its judged targets stand as of one year, and its place among the
--        districts
-- params: $plan_id; $year (null = latest): each target's latest status up to $year; $district (null =
--         every district)
-- invariants: judged targets = those with a status row in some district (the engine leaves city totals
--             split by district unjudged); a judged target with no status up to $year counts as
--             no_data; rank_by_score 1 = the best mean score among all districts (ranked before the
--             $district filter), ties share the better rank, no score no rank; count_ranked =
--             districts with a score
with
districts as (
    select area_code, name_zh, name_en from areas where kind = 'district'
),
district_status as (
    select s.indicator_id, s.area_code, s.year, s.status, s.score
    from status as s
    join districts as d using (area_code)
    where s.plan_id = $plan_id
),
judged as (
    select distinct indicator_id from district_status
),
latest_status as (
    select * from district_status
    where $year is null or year <= $year
    qualify row_number() over (partition by indicator_id, area_code order by year desc) = 1
),
targets as (
    select j.indicator_id, d.area_code
    from judged as j
    cross join districts as d
),
target_status as (
    select t.*, coalesce(s.status, 'no_data') as status, s.score
    from targets as t
    left join latest_status as s using (indicator_id, area_code)
),
summary as (
    select
        area_code,
        count(*) as count_targets,
        count(*) filter (where status in ('achieved', 'on_track')) as count_good,
        count(*) filter (where status in ('accelerate', 'limited', 'backwards')) as count_off_track,
        count(*) filter (where status = 'no_data') as count_no_data,
        avg(score) as mean_score
    from target_status
    group by area_code
),
ranked as (
    select
        *,
        case when mean_score is not null then rank() over (order by mean_score desc nulls last) end as rank_by_score,
        count(mean_score) over () as count_ranked
    from summary
),
final as (
    select d.area_code, d.name_zh, d.name_en, r.* exclude (area_code)
    from ranked as r
    join districts as d using (area_code)
    where $district is null or r.area_code = $district
    order by d.area_code
)
select * from final
