-- grain: one row per target and area of one plan whose status as of $year differs between the moment
--        $since and now: the status and value then and now (null: none then), the years they are for,
--        the kind of change (worse, better, new: reported since, gone: rolled back since) and the batch
--        that made the latest change, with its time
-- params: $plan_id; $since (a timestamp); $year (null = each target and area's latest year with data)
-- invariants: nothing for a target and area whose status as of $year is the same then and now; the
--             state "then" is the newest status_log row per status row logged at or before $since
-- order: worse first, then new, better, gone; within each, by action, target and area
-- reads: status_log (appended by every write: queries/schema/04_status.sql), status, indicators, areas
with
then_rows as (
    select indicator_id, area_code, year, status, value
    from status_log
    where logged_at <= $since
    qualify row_number() over (partition by indicator_id, area_code, year order by log_seq desc) = 1
),
then_as_of as (
    select * from then_rows
    where status is not null and ($year is null or year <= $year)
    qualify row_number() over (partition by indicator_id, area_code order by year desc) = 1
),
now_as_of as (
    select indicator_id, area_code, year, status, value from status
    where $year is null or year <= $year
    qualify row_number() over (partition by indicator_id, area_code order by year desc) = 1
),
paired as (
    select
        coalesce(n.indicator_id, b.indicator_id) as indicator_id,
        coalesce(n.area_code, b.area_code) as area_code,
        b.status as status_before, n.status as status_now,
        b.value as value_before, n.value as value_now,
        b.year as year_before, n.year as year_now
    from now_as_of as n
    full outer join then_as_of as b using (indicator_id, area_code)
),
changed as (
    select *,
        case
            when status_before is null then 'new'
            when status_now is null then 'gone'
            when status_rank(status_now) < status_rank(status_before) then 'worse'
            else 'better'
        end as change
    from paired
    where status_before is distinct from status_now
),
latest_batch as (
    select indicator_id, area_code, batch_id, logged_at
    from status_log
    where logged_at > $since and ($year is null or year <= $year)
    qualify row_number() over (partition by indicator_id, area_code order by log_seq desc) = 1
),
final as (
    select
        i.plan_id, i.action_no, c.indicator_id, i.name_zh, i.name_en, c.area_code,
        a.name_zh as area_name_zh, a.name_en as area_name_en, a.kind as area_kind,
        c.change, c.status_before, c.status_now, c.value_before, c.value_now, c.year_before, c.year_now,
        l.batch_id, l.logged_at as changed_at
    from changed as c
    join indicators as i using (indicator_id)
    left join areas as a using (area_code)
    left join latest_batch as l using (indicator_id, area_code)
    where i.plan_id = $plan_id
    order by case c.change when 'worse' then 0 when 'new' then 1 when 'better' then 2 else 3 end,
             i.action_no, c.indicator_id, case a.kind when 'city' then 0 when 'district' then 1 else 2 end, c.area_code
)
select * from final
