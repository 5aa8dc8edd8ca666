-- model: action_targets_as_of (stored)
-- grain: one row per plan, state of as_of_states(false), asked district (null = the headline, which
--        every code that is not a district gets) and target: action_targets.sql's row
-- read by: action_targets.sql (the action page)
-- invariants: each row carries district_codes, every district's code, so that the query can tell a
--             district from any other code without reading a second table; an asked district's own
--             status row is preferred, then the region's row of a regional target, else the city's.
-- stored: the view action_targets_as_of_live computes it and the table action_targets_as_of holds it, refreshed with every write
--         (tracker.build.refresh_stored), rows in the order its readers return them
create view action_targets_as_of_live as
with
asked as (
    select null::varchar as asked_district
    union all
    select area_code from areas where kind = 'district'
),
defaults as (
    select
        min(area_code) filter (where kind = 'city') as city_code,
        min(area_code) filter (where kind = 'region') as region_code,
        coalesce(list(area_code order by area_code) filter (where kind = 'district'), []) as district_codes
    from areas
),
candidates as (
    -- an asked district's own rows first, then the region's row of a regional target, else the city's
    select s.area_code as asked_district, 1 as preference, s.*
    from status_at_states as s
    where s.area_kind = 'district'
    union all
    select c.asked_district, case s.area_kind when 'region' then 2 else 3 end as preference, s.*
    from status_at_states as s
    join indicators as t using (indicator_id)
    cross join asked as c
    where (s.area_kind = 'region' and t.scope = 'region') or (s.area_kind = 'city' and t.scope <> 'region')
),
chosen as (
    select * from candidates
    qualify row_number() over (
        partition by plan_id, as_of, asked_district, indicator_id order by preference, area_code
    ) = 1
),
final as (
    select
        st.year_from, st.next_year, c.asked_district,
        t.*,
        coalesce(h.area_code, case when t.scope = 'region' then d.region_code else d.city_code end) as area_code,
        c.asked_district is not null and coalesce(h.area_kind, '') <> 'district' as is_city_only,
        h.year as status_year,
        h.baseline_value,
        h.value,
        h.progress_pct,
        h.time_pct,
        h.ratio,
        coalesce(h.status, 'no_data') as status,
        h.score,
        h.projected_value,
        h.required_annual_change,
        h.achieved_annual_change,
        h.grade,
        h.first_met_year,
        h.updated_at,
        h.latest_year,
        d.district_codes
    from as_of_states(false) as st
    join indicators as t using (plan_id)
    cross join asked as c
    cross join defaults as d
    left join chosen as h
        on h.plan_id = t.plan_id and h.as_of = st.as_of and h.indicator_id = t.indicator_id
       and h.asked_district is not distinct from c.asked_district
    order by t.plan_id, t.action_no, c.asked_district, st.year_from, t.indicator_id
)
select * from final;
create table action_targets_as_of as select * from action_targets_as_of_live with no data;
