-- Stored answers, part 1: statuses "as of" a year. Screens ask for each target's latest status up to
-- a year ($year, null = the latest). Rather than working that out on every read, every write stores
-- the answers (tracker.build.refresh_stored, in the same transaction as the status table), and each
-- query file becomes a select from one stored table. A stored table X is computed by the view X_live
-- (as obs_current is by obs_current_live). Rows of an "as of" table carry year_from and next_year: they
-- answer each $year from year_from up to, not including, next_year (the macro answers_year in
-- 05_macros.sql). Rows are stored in the order of the query that reads them, which therefore needs no
-- ORDER BY: a select from one table, filtered, keeps the table's row order (DuckDB's documented order
-- preservation; tests/test_queries.py checks it for every such query).

-- as_of_states: the distinct answers a plan's "latest status up to $year" can have. The answer
-- changes only in a year with a status row of the plan (or, with p_including_values, a value in force
-- of one of its targets): one state per such year (as_of), answering $year from that year up to the
-- next such year, the last one unbounded above (and answering null); and one state before any (as_of
-- null, unbounded below), in which nothing has a status yet.
create macro as_of_states(p_including_values) as table
    with
    plan_years as (
        select plan_id, year from status
        union
        select i.plan_id, o.year
        from obs_current as o
        join indicators as i using (indicator_id)
        where p_including_values
    ),
    assessed as (
        select plan_id, year as as_of, year as year_from,
               lead(year) over (partition by plan_id order by year) as next_year
        from plan_years
    ),
    before_any as (
        select p.plan_id, null::integer as as_of, null::integer as year_from, min(y.year) as next_year
        from plans as p
        left join plan_years as y using (plan_id)
        group by p.plan_id
    ),
    final as (
        select * from assessed
        union all
        select * from before_any
    )
    select * from final;

-- asked_areas: every $area_code a screen may pass for "the area shown": null (the plan's headline, read
-- at the city) and each area, with the area whose figures it reads.
create view asked_areas as
with
final as (
    select null::varchar as asked_area, 'city' as kind,
           (select min(area_code) from areas where kind = 'city') as area_code
    union all
    select area_code as asked_area, kind, area_code
    from areas
)
select * from final;

-- grain: one row per status row: the status row, its target's and area's labels, and next_status_year,
--        the year of its target and area's next status row (null while it is the latest): it is their
--        latest status, and answers $year, when year <= $year < next_status_year
create view status_in_force_live as
with
spans as (
    select *, lead(year) over (partition by indicator_id, area_code order by year) as next_status_year
    from status
),
final as (
    select
        s.*,
        i.name_zh, i.name_en, i.unit_zh, i.unit_en, i.comparator, i.measure, i.method, i.scope,
        a.name_zh as area_name_zh, a.name_en as area_name_en, a.kind as area_kind
    from spans as s
    join indicators as i using (indicator_id)
    left join areas as a using (area_code)
    order by s.plan_id, s.action_no, s.indicator_id, s.area_code, s.year
)
select * from final;
create table status_in_force as select * from status_in_force_live with no data;

-- status_at_states: for each state of as_of_states(false), every target and area's status row in
-- force (its latest up to the state's year); the building block of the stored roll-ups below.
create view status_at_states as
with
final as (
    select t.as_of, t.year_from, t.next_year, s.*
    from as_of_states(false) as t
    join status_in_force as s
        on s.plan_id = t.plan_id and s.year <= t.as_of
       and (s.next_status_year is null or t.as_of < s.next_status_year)
)
select * from final;
