-- Macros: the shared rules the models and query files apply (one statement each cannot share a CTE).
-- Not a model: this file creates no table or view. Every rule about statuses lives here once:
-- is_off_track and is_good take their lists from tracker/statuses.py (OFF_TRACK, GOOD;
-- tests/test_sql_models.py checks they agree), status_summary is the roll-up's counts and means, and
-- rollup_status turns a summary into the status of an action, a plan or an area.

-- compared_as: what a target's figures are compared with the target as: 'sum' (the additions since the
-- base year summed: a count of new facilities, or a method that measures so, from progress_methods),
-- 'mean' (the mean yearly growth) or 'latest' (the value itself); tracker.methods.sums says the same.
create macro compared_as(measure, method) as
    case when measure = 'count_new'
              or method in (select m.method from progress_methods as m where m.measures_as = 'sum') then 'sum'
         when measure = 'growth_rate' then 'mean' else 'latest' end;

-- answers_year: whether a stored row answers a query's $year (null = the latest). Each row of a stored
-- "as of" table (see 06a_as_of_states.sql) holds the answer for the years from year_from up to, not
-- including, next_year, null meaning unbounded on that side; the row unbounded above also answers null.
create macro answers_year(year_from, next_year, p_year) as
    case when p_year is null then next_year is null
         else coalesce(year_from <= p_year, true) and coalesce(p_year < next_year, true) end;

-- is_off_track: the statuses that belong in an "off track" list and count (statuses.OFF_TRACK).
create macro is_off_track(status) as
    status in ('backwards', 'not_completed', 'limited', 'accelerate', 'nearly_completed', 'milestone_not_started');

-- is_good: the statuses that count as "on track or achieved" in roll-ups (statuses.GOOD).
create macro is_good(status) as
    status in ('achieved', 'on_track', 'milestone_done', 'completed', 'completed_early');

-- final_status: the status a row shows when a screen asks for year p_year: at and after the target
-- year a figure of an earlier year is shown with its year and not judged (tracker/judgement.py), so
-- its status reads no_data; otherwise the row's own status.
create macro final_status(status, year, target_year, p_year) as
    case when p_year >= target_year and year < target_year then 'no_data' else status end;

-- is_stale_final: whether final_status turned the row's status into no_data (its score and 完成进度
-- then count in no mean).
create macro is_stale_final(year, target_year, p_year) as
    coalesce(p_year >= target_year and year < target_year, false);

-- status_summary: an aggregate over target rows (use it with GROUP BY), as one struct: how many targets
-- (rows with a status: a null status is a target that does not count there), how many in each status,
-- off track, on track or achieved (count_good) and with data, the mean score, the share on track or
-- achieved among those with data, and the mean 完成进度 and 序时进度. Expand it with `summary.*`.
-- invariant: count_targets = the sum of the thirteen count_<status> fields.
create macro status_summary(status, score, progress_pct, time_pct) as {
    'count_targets': count(status),
    'count_achieved': count(*) filter (where status = 'achieved'),
    'count_on_track': count(*) filter (where status = 'on_track'),
    'count_accelerate': count(*) filter (where status = 'accelerate'),
    'count_limited': count(*) filter (where status = 'limited'),
    'count_backwards': count(*) filter (where status = 'backwards'),
    'count_no_data': count(*) filter (where status = 'no_data'),
    'count_milestone_done': count(*) filter (where status = 'milestone_done'),
    'count_milestone_in_progress': count(*) filter (where status = 'milestone_in_progress'),
    'count_milestone_not_started': count(*) filter (where status = 'milestone_not_started'),
    'count_completed_early': count(*) filter (where status = 'completed_early'),
    'count_completed': count(*) filter (where status = 'completed'),
    'count_nearly_completed': count(*) filter (where status = 'nearly_completed'),
    'count_not_completed': count(*) filter (where status = 'not_completed'),
    'count_off_track': count(*) filter (where is_off_track(status)),
    'count_good': count(*) filter (where is_good(status)),
    'count_with_data': count(*) filter (where status <> 'no_data'),
    'mean_score': avg(score),
    'on_track_or_achieved_pct': 100.0 * count(*) filter (where is_good(status))
                                / nullif(count(*) filter (where status <> 'no_data'), 0),
    'mean_progress_pct': avg(progress_pct),
    'mean_time_pct': avg(time_pct)
};

-- rollup_status: the status of a group of targets from its status_summary (_summary in tests/reference_rollup.py).
-- At the end of the plan (any verdict among the targets, tracker/judgement.py): completed when every
-- target with data is completed (early or not), not completed when any is not, else nearly completed;
-- an action is never "on track" while a target is unfinished. Before it: achieved when every target
-- with data is achieved or completed; otherwise from the mean Open SDG
-- score (status_from_score in tests/reference_rollup.py: 2.5, 0 and -2.5 are the score's images of the ratio
-- thresholds 0.95, 0.6 and 0); with no score, the least advanced milestone; otherwise no data.
create macro rollup_status(summary) as
    case
        when summary.count_completed_early + summary.count_completed + summary.count_nearly_completed
             + summary.count_not_completed > 0 then
            case when summary.count_completed_early + summary.count_completed = summary.count_with_data then 'completed'
                 when summary.count_not_completed > 0 then 'not_completed'
                 else 'nearly_completed' end
        when summary.count_with_data > 0
             and summary.count_achieved + summary.count_milestone_done = summary.count_with_data then 'achieved'
        when summary.mean_score >= 2.5 then 'on_track'
        when summary.mean_score >= 0 then 'accelerate'
        when summary.mean_score >= -2.5 then 'limited'
        when summary.mean_score is not null then 'backwards'
        when summary.count_milestone_not_started > 0 then 'milestone_not_started'
        when summary.count_milestone_in_progress > 0 then 'milestone_in_progress'
        else 'no_data'
    end;

-- status_rank: how far along a status is, worse lower (tracker/statuses.py `order`, worst first);
-- a change of status is "worse" when the rank falls and "better" when it rises.
create macro status_rank(status) as
    case status
        when 'backwards' then 0 when 'not_completed' then 1 when 'limited' then 2 when 'accelerate' then 3
        when 'nearly_completed' then 4 when 'milestone_not_started' then 5 when 'milestone_in_progress' then 6
        when 'no_data' then 7 when 'on_track' then 8 when 'milestone_done' then 9 when 'completed' then 10
        when 'achieved' then 11 when 'completed_early' then 12
    end;
