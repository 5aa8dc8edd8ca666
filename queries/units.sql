-- grain: one row per reporting unit (the office first, then departments, then districts by code), with
--        how many figures are assigned to it and which targets
-- params: none
with
counted as (
    select unit_id, count(*) as count_assigned,
           string_agg(distinct indicator_id, ' ' order by indicator_id) as indicator_ids
    from assigned_cells
    group by unit_id
),
final as (
    select u.unit_id, u.name_zh, u.name_en, u.kind, u.area_code,
           coalesce(c.count_assigned, 0) as count_assigned, coalesce(c.indicator_ids, '') as indicator_ids
    from units as u
    left join counted as c using (unit_id)
    order by u.unit_id <> 'office', u.kind = 'district', u.unit_id
)
select * from final
