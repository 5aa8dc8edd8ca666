-- grain: one row per plan per year per section with text in force: what a commentary import compares
--        its rows with (new, revised or unchanged) and fills a blank cell from
-- params: none
-- reads: plan_commentary_current, stored with every write (queries/schema/03b_plan_commentary_current.sql)
with
final as (
    select plan_id, year, section, text_zh, text_en, batch_id
    from plan_commentary_current
)
select * from final
