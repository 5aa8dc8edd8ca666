-- model: plan_commentary_current (stored)
-- grain: one row per plan per year per section with text in force: the newest row of a batch that
--        is still applied, left out when both its texts are blank (a row that clears the section)
-- read by: commentary_plan.sql (the briefing's sections), import_commentary_plan.sql (the import's
--          comparison), batch_coverage (11c)
-- invariants: one row per plan_id, year and section; text_zh or text_en not null.
-- stored: the view plan_commentary_current_live computes it and the table plan_commentary_current
--         holds it, refreshed with every write (tracker.build.refresh_stored)
create view plan_commentary_current_live as
with
applied as (
    select c.*
    from plan_commentary as c
    join batches as b using (batch_id)
    where b.state = 'applied'
),
newest as (
    select *
    from applied
    qualify row_number() over (partition by plan_id, year, section order by seq desc) = 1
),
final as (
    select seq, plan_id, year, section, text_zh, text_en, batch_id
    from newest
    where coalesce(text_zh, text_en) is not null
    order by plan_id, year, section
)
select * from final;
create table plan_commentary_current as select * from plan_commentary_current_live with no data;
