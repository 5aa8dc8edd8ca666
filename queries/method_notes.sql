-- grain: one row per target of one plan whose catalogue note is not empty: how the plan's wording was
--        read (text slips, missing comparators, readings chosen)
-- params: $plan_id
-- invariants: a note is written "Chinese / English"; note_zh is the part before the first " / ",
--             note_en the rest (the whole note when there is no separator)
-- order: as stored (action_no, indicator_id): a select from one table keeps its row order
-- reads: indicator_coverage (note_zh and note_en are null without a note), stored with every write
--        (queries/schema/11a_indicator_coverage.sql)
with
final as (
    select indicator_id, action_no, name_zh, name_en, source_quote, note_zh, note_en
    from indicator_coverage
    where plan_id = $plan_id and note_zh is not null
)
select * from final
