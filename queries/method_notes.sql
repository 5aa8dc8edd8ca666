-- grain: one row per target of one plan whose catalogue note is not empty: how the plan's wording was
--        read (text slips, missing comparators, readings chosen)
-- params: $plan_id
-- invariants: a note is written "Chinese / English"; note_zh is the part before the first " / ",
--             note_en the rest (the whole note when there is no separator)
with
noted as (
    select indicator_id, action_no, name_zh, name_en, source_quote, trim(note) as note
    from indicators
    where plan_id = $plan_id and note is not null and trim(note) <> ''
),
split as (
    select
        *,
        strpos(note, ' / ') as separator_at
    from noted
),
final as (
    select
        indicator_id, action_no, name_zh, name_en, source_quote,
        case when separator_at > 0 then trim(left(note, separator_at - 1)) else note end as note_zh,
        case when separator_at > 0 then trim(substr(note, separator_at + 3)) else note end as note_en
    from split
    order by action_no, indicator_id
)
select * from final
