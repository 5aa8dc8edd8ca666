-- Shared building blocks for query files (one statement each cannot share a CTE).
-- answers_year: whether a stored row answers a query's $year (null = the latest). Each row of a stored
-- "as of" table (see 06_as_of.sql) holds the answer for the years from year_from up to, not including,
-- next_year, null meaning unbounded on that side; the row unbounded above also answers null.
create macro answers_year(year_from, next_year, p_year) as
    case when p_year is null then next_year is null
         else coalesce(year_from <= p_year, true) and coalesce(p_year < next_year, true) end;
