-- model: asked_areas (view)
-- grain: one row per $area_code a screen may pass for "the area shown": null (the plan's headline,
--        read at the city) and each area, with its kind and the area whose figures it reads
-- read by: 07a_overview_targets_as_of.sql, 07b_overview_actions_as_of.sql
-- invariants: asked_area is unique (null once); area_code is never null when areas has a city.
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
