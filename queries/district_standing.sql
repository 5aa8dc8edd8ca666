-- grain: one row per district: how its judged targets stand as of one year, and its place among the
--        districts
-- params: $plan_id; $year (null = latest): each target's latest status up to $year; $district (null =
--         every district)
-- invariants: judged targets = those with a status row in some district (the engine leaves city totals
--             split by district unjudged); a judged target with no status up to $year counts as
--             no_data; rank_by_score 1 = the best mean score among all districts (ranked before the
--             $district filter), ties share the better rank, no score no rank; count_ranked =
--             districts with a score
-- order: as stored (area_code): a select from one table keeps its row order
-- reads: district_standing_as_of, stored with every write (queries/schema/09a_district_standing_as_of.sql)
with
final as (
    select
        area_code, name_zh, name_en, count_targets, count_good, count_off_track, count_no_data,
        mean_score, rank_by_score, count_ranked
    from district_standing_as_of
    where plan_id = $plan_id and answers_year(year_from, next_year, $year)
      and ($district is null or area_code = $district)
)
select * from final
