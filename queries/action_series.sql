-- grain: one row per target of one action per area shown per year up to $year, with each figure's
--        source, note and batch kind (demo or not)
-- params: $plan_id, $action_no; $year (null = every year); $area_code (null = the city and regions
--         only; a code = that area too)
-- invariants: plot_value is the quantity compared with the target: the value itself, or for
--             count_new the running sum of the additions after the baseline year (0 in that year).
--             The page keeps, for each target, the area that action_targets.sql shows.
-- reads: values_in_force, stored with every write (queries/schema/08b_values_in_force.sql)
with
final as (
    select indicator_id, area_code, year, value, milestone, plot_value, status, projected_value,
           source, note, batch_kind
    from values_in_force
    where plan_id = $plan_id and action_no = $action_no and ($year is null or year <= $year)
      and (area_kind in ('city', 'region') or area_code = $area_code)
    order by indicator_id, area_code, year
)
select * from final
