-- grain: one row per stored observation row of one indicator (every revision, rolled-back batches
--        included), with its area's names and the batch that brought it; newest first within each
--        area and year
-- params: $indicator_id
-- invariants: at most one row per area and year has is_current (the value in force; none when every
--             batch that brought a value there was rolled back)
-- bulk: the whole history (every monthly revision at scale; the page shows revisions_page.sql): handed
--       to pandas through Arrow
with
stored as (select * from observations where indicator_id = $indicator_id),
areas as (     -- the city, districts and regions, and the townships (by name: never a bare code)
    select area_code, name_zh as area_name_zh, name_en as area_name_en, false as is_township from areas
    union all
    select township_code, name_zh, name_en, true from townships
),
batches as (
    select batch_id, kind as batch_kind, file_name, created_by, created_at, state as batch_state
    from batches
),
current_values as (select obs_seq, true as is_current from obs_current where indicator_id = $indicator_id),
final as (
    select
        s.indicator_id, s.area_code, a.area_name_zh, a.area_name_en, coalesce(a.is_township, false) as is_township,
        s.year, s.value, s.milestone,
        s.source, s.note, s.batch_id, b.batch_kind, b.file_name, b.created_by, b.created_at, b.batch_state,
        coalesce(c.is_current, false) as is_current,
        row_number() over (partition by s.area_code, s.year order by s.obs_seq) as revision_no,
        s.obs_seq
    from stored as s
    join batches as b using (batch_id)
    left join areas as a using (area_code)
    left join current_values as c using (obs_seq)
    order by s.area_code, s.year, s.obs_seq desc
)
select * from final
