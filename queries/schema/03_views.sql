-- grain: one row per indicator per area per year: the value in force (newest applied revision)
create view obs_current as
with
applied as (
    select o.*
    from observations as o
    join batches as b using (batch_id)
    where b.state = 'applied'
),
ranked as (
    select *, row_number() over (partition by indicator_id, area_code, year order by obs_seq desc) as revision_rank
    from applied
),
final as (
    select obs_seq, indicator_id, area_code, year, value, milestone, source, note, batch_id
    from ranked
    where revision_rank = 1
)
select * from final;
