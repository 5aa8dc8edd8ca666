-- grain: one page of the stored observation rows of one indicator (every revision, rolled-back batches
--        included), newest first (by obs_seq, the order rows were stored), with the area's names,
--        which revision of its area and year each row is, whether it is in force, and its batch
-- params: $indicator_id; $limit (rows per page; null = 100); $offset (rows skipped, newest first; null = 0)
-- invariants: the same rows and columns as revisions.sql for those rows; revision_no counts the
--             rows stored for that area and year up to this one (1 = the first figure)
with
page as (
    select obs_seq, indicator_id, area_code, year, value, milestone, batch_id
    from observations
    where indicator_id = $indicator_id
    order by obs_seq desc
    limit coalesce($limit, 100) offset coalesce($offset, 0)
),
revision as (
    select p.obs_seq, count(*) as revision_no
    from page as p
    join observations as o on o.area_code = p.area_code and o.year = p.year and o.obs_seq <= p.obs_seq
    where o.indicator_id = $indicator_id
    group by p.obs_seq
),
in_force as (
    select obs_seq, true as is_current
    from obs_current
    where indicator_id = $indicator_id and obs_seq in (select obs_seq from page)
),
final as (
    select
        p.indicator_id, p.area_code, coalesce(a.name_zh, tw.name_zh) as area_name_zh,
        coalesce(a.name_en, tw.name_en) as area_name_en, tw.township_code is not null as is_township, p.year, p.value,
        p.milestone, p.batch_id, b.kind as batch_kind, b.file_name, b.created_by, b.created_at,
        b.state as batch_state, coalesce(c.is_current, false) as is_current, r.revision_no, p.obs_seq
    from page as p
    join revision as r using (obs_seq)
    join batches as b using (batch_id)
    left join areas as a using (area_code)
    left join townships as tw on tw.township_code = p.area_code
    left join in_force as c using (obs_seq)
    order by p.obs_seq desc
)
select * from final
