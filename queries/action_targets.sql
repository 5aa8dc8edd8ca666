-- grain: one row per target of one action: the target and how it stands as of one year in the area shown
-- params: $plan_id, $action_no; $year (null = latest): each target's latest status up to that year;
--         $area_code (null or the city = the city's row, or the region's row for a regional target;
--         a district = that district's row where the district is assessed, else the city's or the
--         region's row with is_city_only true)
-- invariants: one row per target of the action, in catalogue order; no status up to $year = no_data
with
targets as (
    select * from indicators
    where plan_id = $plan_id and action_no = $action_no
),
defaults as (
    select
        min(area_code) filter (where kind = 'city') as city_code,
        min(area_code) filter (where kind = 'region') as region_code,
        coalesce(max(kind) filter (where area_code = $area_code) = 'district', false) as is_district_asked
    from areas
),
latest_status as (
    select s.*, a.kind as area_kind
    from status as s
    join areas as a using (area_code)
    where s.plan_id = $plan_id and s.action_no = $action_no and ($year is null or s.year <= $year)
      and (a.kind in ('city', 'region') or s.area_code = $area_code)
    qualify row_number() over (partition by s.indicator_id, s.area_code order by s.year desc) = 1
),
chosen as (
    select l.*
    from latest_status as l
    join targets as t using (indicator_id)
    where (l.area_kind = 'district')
       or (l.area_kind = 'region' and t.scope = 'region')
       or (l.area_kind = 'city' and t.scope <> 'region')
    qualify row_number() over (
        partition by l.indicator_id
        order by case l.area_kind when 'district' then 1 when 'region' then 2 else 3 end, l.area_code
    ) = 1
),
final as (
    select
        t.*,
        coalesce(c.area_code, case when t.scope = 'region' then d.region_code else d.city_code end) as area_code,
        d.is_district_asked and coalesce(c.area_kind, '') <> 'district' as is_city_only,
        c.year as status_year,
        c.baseline_value,
        c.value,
        c.progress_pct,
        c.time_pct,
        c.ratio,
        coalesce(c.status, 'no_data') as status,
        c.score,
        c.projected_value,
        c.required_annual_change,
        c.achieved_annual_change
    from targets as t
    cross join defaults as d
    left join chosen as c using (indicator_id)
    order by t.indicator_id
)
select * from final
