-- model: target_commentary_current (stored)
-- grain: one row per target per area per year with commentary in force: the newest row of a batch
--        that is still applied, left out when its every text is blank (a row that clears the text)
-- read by: commentary_targets.sql (cards, the indicator page, the briefing), commentary_notes.sql,
--          import_commentary_targets.sql (the import's comparison), batch_coverage (11c), round_items (12b)
-- invariants: one row per indicator_id, area_code and year; at least one of the four texts not null.
-- stored: the view target_commentary_current_live computes it and the table target_commentary_current
--         holds it, refreshed with every write (tracker.build.refresh_stored)
create view target_commentary_current_live as
with
applied as (
    select c.*
    from target_commentary as c
    join batches as b using (batch_id)
    where b.state = 'applied'
),
newest as (
    select *
    from applied
    qualify row_number() over (partition by indicator_id, area_code, year order by seq desc) = 1
),
final as (
    select seq, indicator_id, area_code, year, cause_zh, cause_en, measures_zh, measures_en, batch_id
    from newest
    where coalesce(cause_zh, cause_en, measures_zh, measures_en) is not null
    order by indicator_id, area_code, year
)
select * from final;
create table target_commentary_current as select * from target_commentary_current_live with no data;
