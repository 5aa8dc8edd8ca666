-- grain: one row per area per year for one indicator: the value in force, the plotted quantity,
--        that year's status, and where the figure comes from (its source, note and batch kind: demo or not)
-- params: $indicator_id; $area_code (null = every area with data)
-- invariants: plot_value is the value itself, or for count_new the running sum of the additions after
--             the baseline year (0 in that year); areas in the order city, districts, regions
-- reads: values_in_force, stored with every write (queries/schema/08b_values_in_force.sql)
with
final as (
    select
        indicator_id, area_code, area_name_zh, area_name_en, area_kind, year,
        value, milestone, plot_value, status, projected_value, source, note, batch_id, batch_kind
    from values_in_force
    where indicator_id = $indicator_id and ($area_code is null or area_code = $area_code)
    order by area_order, area_code, year
)
select * from final
