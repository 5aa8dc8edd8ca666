-- grain: one row per target asked for, with its plan's nearly_pct: what the progress method needs to
--        judge a submission's effect before it is accepted (tracker/reporting/review.py)
-- params: $indicator_ids (a list of ids)
with
final as (
    select i.*, p.nearly_pct
    from indicators as i
    left join plans as p using (plan_id)
    where list_contains($indicator_ids, i.indicator_id)
    order by i.indicator_id
)
select * from final
