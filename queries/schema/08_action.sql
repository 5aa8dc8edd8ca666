-- Stored answers, part 3: what the action and indicator pages read.

-- grain: one row per plan, state of as_of_states(false), asked district (null = the headline, which
--        every code that is not a district gets) and target: action_targets.sql's row; each row also
--        carries district_codes, every district's code, so that the query can tell a district from
--        any other code without reading a second table
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

-- grain: one row per indicator per area per year with a value in force (obs_current), with what the
--        screens and exports show beside it: its plan and action, the batch's kind, the quantity
--        plotted (plot_value: the value, or for count_new the running sum of the additions after the
--        baseline year, 0 in that year), that year's status, and the area's names (series.sql,
--        action_series.sql, observations_export.sql, import_current.sql)
create view values_in_force_live as
with
current_values as (
    select o.*, i.plan_id, i.action_no, i.measure, i.baseline_year, b.kind as batch_kind
    from obs_current as o
    join indicators as i using (indicator_id)
    join batches as b using (batch_id)
),
plotted as (
    select
        *,
        case
            when measure <> 'count_new' then value
            when year < baseline_year then null
            else sum(case when year > baseline_year then coalesce(value, 0) else 0 end)
                 over (partition by indicator_id, area_code order by year rows unbounded preceding)
        end as plot_value
    from current_values
),
final as (
    select
        p.plan_id, p.action_no, p.indicator_id, p.area_code,
        a.name_zh as area_name_zh, a.name_en as area_name_en, a.kind as area_kind,
        case a.kind when 'city' then 0 when 'district' then 1 else 2 end as area_order,
        p.year, p.value, p.milestone, p.plot_value, s.status, s.projected_value,
        p.source, p.note, p.batch_id, p.batch_kind
    from plotted as p
    left join areas as a using (area_code)
    left join status as s using (indicator_id, area_code, year)
    order by p.plan_id, p.indicator_id, p.area_code, p.year
)
select * from final;
create table values_in_force as select * from values_in_force_live with no data;

-- grain: one row per action of every plan with how many targets it has: actions.sql's rows
create view action_target_counts_live as
with
counts as (
    select plan_id, action_no,
           count(*) as count_targets,
           count(*) filter (where comparator <> 'qualitative') as count_numeric,
           count(*) filter (where comparator = 'qualitative') as count_qualitative
    from indicators
    group by plan_id, action_no
),
final as (
    select a.*, coalesce(c.count_targets, 0) as count_targets,
           coalesce(c.count_numeric, 0) as count_numeric,
           coalesce(c.count_qualitative, 0) as count_qualitative
    from actions as a
    left join counts as c using (plan_id, action_no)
    order by a.plan_id, a.action_no
)
select * from final;
create table action_target_counts as select * from action_target_counts_live with no data;
