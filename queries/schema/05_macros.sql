-- Shared building blocks for query files (one statement each cannot share a CTE).
-- status_as_of: one row per indicator per area of one plan: its latest status row up to a year
-- (null = the latest year with data).
create macro status_as_of(p_plan_id, p_year) as table
    select *
    from status
    where plan_id = p_plan_id and (p_year is null or year <= p_year)
    qualify row_number() over (partition by indicator_id, area_code order by year desc) = 1;

-- answers_year: whether a stored row answers a query's $year (null = the latest). Each row of a stored
-- "as of" table (see 06_as_of.sql) holds the answer for the years from year_from up to, not including,
-- next_year, null meaning unbounded on that side; the row unbounded above also answers null.
create macro answers_year(year_from, next_year, p_year) as
    case when p_year is null then next_year is null
         else coalesce(year_from <= p_year, true) and coalesce(p_year < next_year, true) end;
