-- model: as_of_states (table macro as_of_states(p_including_values))
-- grain: one row per plan and state: the distinct answers a plan's "latest status up to $year" can
--        have. The answer changes only in a year with a status row of the plan (or, with
--        p_including_values, a value in force of one of its targets): one state per such year (as_of),
--        answering $year from that year up to the next such year, the last one unbounded above (and
--        answering null); and one state before any (as_of null, unbounded below), in which nothing
--        has a status yet.
-- read by: every "as of" model (06d, 07a, 07b, 08a, 09a-09c)
-- invariants: per plan, the states' [year_from, next_year) spans cover every year exactly once.
--
-- Screens ask for each target's latest status up to a year ($year, null = the latest). Rather than
-- working that out on every read, every write stores the answers (tracker.build.refresh_stored, in the
-- same transaction as the status table), and each query file becomes a select from one stored table.
-- A stored table X is computed by the view X_live. Rows of an "as of" table carry year_from and
-- next_year and answer each $year from year_from up to, not including, next_year (the macro
-- answers_year in 05_macros.sql). Rows are stored in the order of the query that reads them, which
-- therefore needs no ORDER BY: a select from one table, filtered, keeps the table's row order (DuckDB's
-- documented order preservation; tests/test_queries.py checks it for every such query).
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
