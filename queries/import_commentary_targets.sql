-- grain: one row per target per area per year with commentary in force: what a commentary import
--        compares its rows with (new, revised or unchanged) and fills a blank cell from
-- params: none
-- reads: target_commentary_current, stored with every write (queries/schema/03a_target_commentary_current.sql)
with
final as (
    select indicator_id, area_code, year, cause_zh, cause_en, measures_zh, measures_en, batch_id
    from target_commentary_current
)
select * from final
