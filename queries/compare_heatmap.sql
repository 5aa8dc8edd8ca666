-- grain: one row per district-level target per district of one plan: the target's status in that
--        district as of one year (its latest status up to $year), for the chosen actions and districts
-- params: $plan_id; $year (null = latest); $action_nos (list of action numbers, null = every action);
--         $area_codes (list of district codes, null = every district)
-- invariants: a target is district-level when any district has a status for it; every chosen
--             district appears for every such target, with status no_data when it has none up to $year
-- order: as stored (action_no, indicator_id, area_code): a select from one table keeps its row order
-- reads: compare_cells_as_of, stored with every write (queries/schema/09c_compare_cells_as_of.sql)
with
final as (
    select
        indicator_id, action_no, name_zh, name_en, unit_zh, unit_en, comparator, target_value,
        target_high, direction, measure, scope, aggregation, area_code, area_name_zh, area_name_en,
        year, value, status, score, progress_pct, time_pct
    from compare_cells_as_of
    where plan_id = $plan_id and answers_year(year_from, next_year, $year)
      and ($action_nos is null or list_contains($action_nos, action_no))
      and ($area_codes is null or list_contains($area_codes, area_code))
)
select * from final
