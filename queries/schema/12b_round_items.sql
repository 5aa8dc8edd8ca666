-- model: round_items (stored)
-- grain: one row per reporting round per figure it expects (a target and area of the round's plan, in
--        the round's year: queries/schema/12a_assigned_cells.sql), with the unit that sends it and where it
--        stands: the newest row its units sent in that round (the state of that submission's batch:
--        submitted, accepted or returned), or missing; whether the status in force leaves the target
--        unfinished there (is_unfinished) and whether a cause is in force for it (has_cause)
-- read by: round_cells.sql (tracker/reporting/rounds.py, submit.py, the Reporting and Data screens)
-- invariants: one row per round_id, indicator_id and area_code; is_on_time only for a submitted or
--             accepted figure sent by the end of the deadline day
-- stored: the view round_items_live computes it and the table round_items holds it, refreshed with every
--         write (tracker.build.refresh_stored; opening a round calls it too); item_no numbers the rows in
--         the order round_cells.sql returns them: round, the office first, unit, action, target, the
--         city and region, then districts, then townships, by code
create view round_items_live as
with

cells as (
    select r.round_id, c.unit_id, c.indicator_id, c.area_code, c.area_kind, c.district_code, r.year, r.deadline
    from assigned_cells as c
    join rounds as r using (plan_id)
),
sent as (
    select s.round_id, o.indicator_id, o.area_code, o.year, o.value, o.milestone, o.source, o.note, o.obs_seq,
           s.batch_id, s.submitted_at, s.reason, b.state
    from submissions as s
    join batches as b using (batch_id)
    join observations as o using (batch_id)
    where b.state in ('submitted', 'accepted', 'returned')
),
newest as (
    select * from sent
    qualify row_number() over (partition by round_id, indicator_id, area_code, year order by obs_seq desc) = 1
),
unfinished as (     -- the status in force says the target falls short there (off track: 05_macros.sql; or 滞后)
    select indicator_id, area_code, year
    from status
    where is_off_track(status) or grade = 'behind'
),
caused as (         -- a cause in force for it (commentary: queries/schema/03a_target_commentary_current.sql)
    select indicator_id, area_code, year
    from target_commentary_current
    where coalesce(trim(cause_zh), '') <> '' or coalesce(trim(cause_en), '') <> ''
),
places as (
    select area_code, name_zh, name_en from areas
    union all
    select township_code, name_zh, name_en from townships
),
final as (
    select
        row_number() over (order by c.round_id, c.unit_id <> 'office', c.unit_id, i.action_no, c.indicator_id,
            case c.area_kind when 'city' then 0 when 'region' then 1 when 'district' then 2 else 3 end,
            c.area_code) as item_no,
        c.round_id, c.unit_id, u.name_zh as unit_name_zh, u.name_en as unit_name_en,
        c.indicator_id, i.name_zh as indicator_name_zh, i.name_en as indicator_name_en,
        i.unit_zh, i.unit_en,
        c.area_code, p.name_zh as area_name_zh, p.name_en as area_name_en, c.area_kind, c.district_code,
        c.year, coalesce(n.state, 'missing') as cell_state, n.value, n.milestone, n.source, n.note,
        n.batch_id, n.submitted_at, n.reason,
        coalesce(n.state in ('submitted', 'accepted') and n.submitted_at::date <= c.deadline, false) as is_on_time,
        f.indicator_id is not null as is_unfinished, k.indicator_id is not null as has_cause
    from cells as c
    join indicators as i on i.indicator_id = c.indicator_id
    left join units as u on u.unit_id = c.unit_id
    left join places as p on p.area_code = c.area_code
    left join newest as n on n.round_id = c.round_id and n.indicator_id = c.indicator_id and n.area_code = c.area_code and n.year = c.year
    left join unfinished as f on f.indicator_id = c.indicator_id and f.area_code = c.area_code and f.year = c.year
    left join caused as k on k.indicator_id = c.indicator_id and k.area_code = c.area_code and k.year = c.year
    order by item_no
)
select * from final;
create table round_items as select * from round_items_live with no data;
