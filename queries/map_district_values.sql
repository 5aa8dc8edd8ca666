-- grain: one row per area (the city first, then each district) for one indicator and one year: the
--        value in force, its note ("covered/total" for township shares), the area's township count,
--        the status assessed for that year, and the district's rank
-- params: $indicator_id, $year
-- invariants: every district appears, with a null value and status no_data when it has none;
--             rank_in_city 1 = the best district by the target's direction, ties share the better
--             rank, districts without a value have no rank; is_baseline_year when $year is at or
--             before the target's baseline year (a starting point, not assessed)
with
target as (
    select indicator_id, direction, baseline_year from indicators where indicator_id = $indicator_id
),
places as (
    select area_code, name_zh, name_en, kind, townships
    from areas
    where kind in ('city', 'district')
),
current_values as (
    select area_code, value, note
    from obs_current
    where indicator_id = $indicator_id and year = $year
),
assessed as (
    select area_code, status, score, progress_pct, time_pct, baseline_value
    from status
    where indicator_id = $indicator_id and year = $year
),
joined as (
    select
        p.area_code, p.name_zh, p.name_en, p.kind, p.townships,
        v.value, v.note,
        coalesce(s.status, 'no_data') as status,
        s.score, s.progress_pct, s.time_pct, s.baseline_value,
        t.direction,
        $year <= t.baseline_year as is_baseline_year
    from places as p
    cross join target as t
    left join current_values as v using (area_code)
    left join assessed as s using (area_code)
),
ranked as (
    select
        *,
        case when kind = 'district' and value is not null then
            rank() over (
                partition by kind, value is null
                order by case when direction = 'down' then value else -value end
            )
        end as rank_in_city,
        count(value) filter (where kind = 'district') over () as count_ranked
    from joined
),
final as (
    select * exclude (direction)
    from ranked
    order by kind = 'district', area_code
)
select * from final
