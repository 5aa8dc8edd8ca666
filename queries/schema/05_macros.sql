-- Shared building blocks for query files (one statement each cannot share a CTE).
-- status_as_of: one row per indicator per area of one plan: its latest status row up to a year
-- (null = the latest year with data).
create macro status_as_of(p_plan_id, p_year) as table
    select *
    from status
    where plan_id = p_plan_id and (p_year is null or year <= p_year)
    qualify row_number() over (partition by indicator_id, area_code order by year desc) = 1;
