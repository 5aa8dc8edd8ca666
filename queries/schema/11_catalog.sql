-- Stored answers, part 6: the catalogue with what the data in force covers (lists, the data page).

-- grain: one row per target (every column of indicators) with its plan's years and what the data
--        covers: any district value in force, its status rows, whether the city has a status value,
--        the years with a district status value, and its note split into Chinese and English
--        (district_city_only.sql, method_targets.sql, map_targets.sql, method_notes.sql, import_targets.sql)
create view indicator_coverage_live as
with
district_values as (
    select distinct o.indicator_id
    from obs_current as o
    join areas as a using (area_code)
    where a.kind = 'district'
),
status_rows as (
    select
        s.indicator_id,
        count(*) as count_status_rows,
        count(s.value) filter (where a.kind = 'city') > 0 as has_city_value,
        count(distinct s.year) filter (where a.kind = 'district' and s.value is not null) as count_district_years,
        max(s.year) filter (where a.kind = 'district' and s.value is not null) as latest_district_year
    from status as s
    left join areas as a using (area_code)
    group by s.indicator_id
),
notes as (
    select indicator_id, trim(note) as note, strpos(trim(note), ' / ') as separator_at
    from indicators
    where note is not null and trim(note) <> ''
),
final as (
    select
        i.*,
        p.baseline_year as plan_baseline_year,
        p.target_year as plan_target_year,
        d.indicator_id is not null as has_district_values,
        coalesce(s.count_status_rows, 0) as count_status_rows,
        coalesce(s.has_city_value, false) as has_city_value,
        coalesce(s.count_district_years, 0) as count_district_years,
        s.latest_district_year,
        case when n.separator_at > 0 then trim(left(n.note, n.separator_at - 1)) else n.note end as note_zh,
        case when n.separator_at > 0 then trim(substr(n.note, n.separator_at + 3)) else n.note end as note_en
    from indicators as i
    left join plans as p using (plan_id)
    left join district_values as d using (indicator_id)
    left join status_rows as s using (indicator_id)
    left join notes as n using (indicator_id)
    order by i.plan_id, i.action_no, i.indicator_id
)
select * from final;
create table indicator_coverage as select * from indicator_coverage_live with no data;

-- grain: one row per plan with how many values are in force for its targets and the latest year
--        (plans.sql)
create view plan_coverage_live as
with
coverage as (
    select i.plan_id, count(o.year) as count_values, max(o.year) as last_year
    from indicators as i
    join obs_current as o using (indicator_id)
    group by i.plan_id
),
final as (
    select p.plan_id, p.name_zh, p.name_en, p.start_year, p.target_year, p.baseline_year,
           coalesce(c.count_values, 0) as count_values, c.last_year
    from plans as p
    left join coverage as c using (plan_id)
    order by (coalesce(c.count_values, 0) > 0) desc, p.target_year desc, p.plan_id
)
select * from final;
create table plan_coverage as select * from plan_coverage_live with no data;

-- grain: one row per batch with how many of its rows are values in force and whether it can be rolled
--        back (batches.sql)
create view batch_coverage_live as
with
rows_in_force as (
    select batch_id, count(*) as count_in_force
    from obs_current
    group by batch_id
),
final as (
    select b.batch_id, b.kind, b.file_name, b.sha256, b.row_count, b.created_by, b.created_at,
           b.state, b.note, coalesce(r.count_in_force, 0) as count_in_force,
           b.state = 'applied' and b.kind in ('demo', 'observations', 'milestones') as is_reversible
    from batches as b
    left join rows_in_force as r using (batch_id)
    order by b.created_at desc, b.batch_id desc
)
select * from final;
create table batch_coverage as select * from batch_coverage_live with no data;

-- grain: one row: whether the values in force include demo data, and the years with data
--        (data_mode.sql)
create view data_coverage_live as
with
final as (
    select
        count(*) filter (where b.kind = 'demo') > 0 as is_demo,
        count(*) filter (where b.kind <> 'demo') as count_real,
        count(*) as count_values,
        min(o.year) as first_year,
        max(o.year) as last_year
    from obs_current as o
    join batches as b using (batch_id)
)
select * from final;
create table data_coverage as select * from data_coverage_live with no data;

-- grain: one row per qualitative target per area with a milestone in force: the milestone of its
--        latest year, and when it was entered (import_milestones.sql)
create view milestones_in_force_live as
with
targets as (
    select indicator_id, plan_id, action_no, name_zh, name_en
    from indicators
    where comparator = 'qualitative'
),
latest as (
    select o.*
    from obs_current as o
    join targets as t using (indicator_id)
    where o.milestone is not null
    qualify row_number() over (partition by o.indicator_id, o.area_code order by o.year desc) = 1
),
final as (
    select t.plan_id, t.action_no, l.indicator_id, t.name_zh, t.name_en, l.area_code, l.year, l.milestone,
           l.note, l.batch_id, b.kind as batch_kind, b.created_by, b.created_at
    from latest as l
    join targets as t using (indicator_id)
    join batches as b using (batch_id)
    order by t.plan_id, t.action_no, l.indicator_id, l.area_code
)
select * from final;
create table milestones_in_force as select * from milestones_in_force_live with no data;

-- grain: one row per city or district: its number of townships (乡镇（街道）), and how many of each kind
--        its townships_source names ("9 街道; 7 镇; 1 乡", 0 when not named), city first
--        (method_townships.sql)
create view area_townships_live as
with
places as (
    select area_code, name_zh, name_en, kind, townships, coalesce(townships_source, '') as townships_source
    from areas
    where kind in ('city', 'district')
),
final as (
    select
        area_code, name_zh, name_en, kind, townships,
        coalesce(try_cast(nullif(regexp_extract(townships_source, '(\d+) 街道', 1), '') as integer), 0) as count_subdistricts,
        coalesce(try_cast(nullif(regexp_extract(townships_source, '(\d+) 镇', 1), '') as integer), 0) as count_towns,
        coalesce(try_cast(nullif(regexp_extract(townships_source, '(\d+) 乡', 1), '') as integer), 0) as count_xiang,
        starts_with(townships_source, 'approximate') as is_approximate
    from places
    order by case kind when 'city' then 0 else 1 end, area_code
)
select * from final;
create table area_townships as select * from area_townships_live with no data;
