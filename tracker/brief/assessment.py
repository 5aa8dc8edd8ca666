"""The final assessment (终期评估) drawn from the gathered figures: the four parts every plan
evaluation has (总体评价, 主要成效, 存在问题及原因, 下一步建议), the district ranking with its change
since the year before, and the annex rows. Facts only: the office's own words (tracker/brief/office.py)
are added where it wrote them, and a blank is said as blank ("原因待填报"), never filled in.

The deck (tracker/brief/deck.py) and the report (tracker/brief/report.py) both lay these out, so
the two say the same thing in the same order.
"""
from __future__ import annotations

from tracker import judgement
from tracker.brief.content import Brief, Target
from tracker.brief.words import number, pct, w
from tracker.views import districts
from tracker.views.districts import Rank

TOP_GAINS = 5           # the largest gains named in 主要成效
TOP_DISTRICTS = 3       # the best districts named there
MIN_TARGETS = 3         # an action named best or worst in 总体评价 has at least this many targets
MAX_YEARS = 10          # beyond this many years at the present pace, say that the pace must rise


def ranking(b: Brief) -> tuple[Rank, ...]:
    """The districts by the share of their targets completed (the heatmap's statuses), best first,
    with each one's rank the year before (tracker.views.districts.by_completion)."""
    return districts.by_completion(b.heatmap, b.heat_before)


def own_rank(b: Brief) -> Rank | None:
    return districts.own(ranking(b), b.area_code)


# ---- the numbers of a target ------------------------------------------------------------------

def _amount(value: float, t: Target, lang: str, signed: bool = False) -> str:
    """A difference in the target's unit: '+3.2个百分点' for a percentage, '+12所' otherwise."""
    shown = number(abs(value))
    sign = ("+" if value > 0 else "−" if value < 0 else "") if signed else ""
    if t.unit == "%":
        return f"{sign}{shown}{w('unit.points', lang)}"
    if not t.unit:
        return f"{sign}{shown}"
    return f"{sign}{shown} {t.unit}" if lang == "en" else f"{sign}{shown}{t.unit}"


def change(t: Target) -> float | None:
    """The value against the base (actual − base), None for a milestone or without both."""
    if t.is_qualitative or t.value is None or t.baseline_value is None:
        return None
    return t.value - t.baseline_value


def change_text(t: Target, lang: str) -> str:
    delta = change(t)
    return "—" if delta is None else _amount(delta, t, lang, signed=True)


def gain(t: Target) -> float | None:
    """The relative change against the base in the target's direction (a fall counts for a 'down'
    target), in %: what '主要成效' ranks the largest gains by."""
    delta = change(t)
    if delta is None or not t.baseline_value:
        return None
    return 100.0 * delta / abs(t.baseline_value) * (-1.0 if t.direction == "down" else 1.0)


def gap(t: Target) -> float | None:
    """How far the value is from the target (≥ 0), in the target's unit; None for a milestone."""
    if t.is_qualitative or t.value is None or t.target_value is None:
        return None
    if t.direction == "down":
        return max(t.value - t.target_value, 0.0)
    return max(t.target_value - t.value, 0.0)


def gap_text(t: Target, lang: str) -> str:
    found = gap(t)
    return w("gap.milestone", lang) if t.is_qualitative else "—" if found is None else _amount(found, t, lang)


def pace(t: Target) -> float | None:
    """The mean yearly change since the base year, toward the target positive."""
    if t.value is None or t.baseline_value is None or t.status_year is None or t.baseline_year is None \
            or t.status_year <= t.baseline_year or t.is_qualitative:
        return None
    per_year = (t.value - t.baseline_value) / (t.status_year - t.baseline_year)
    return -per_year if t.direction == "down" else per_year


def still_needed(t: Target, lang: str) -> str:
    """下一步建议 for an unfinished target when the office wrote none: the gap and the years it takes
    at the pace since the base year, or that the trend has to turn."""
    if t.is_qualitative:
        return w("next.milestone", lang)
    found, speed = gap(t), pace(t)
    if found is None:
        return w("next.no_figure", lang)
    if speed is None or speed <= 0:
        return w("next.turn", lang, gap=_amount(found, t, lang), base=t.baseline_year)
    years = max(1, -(-found // speed))
    if years > MAX_YEARS:
        return w("next.faster", lang, gap=_amount(found, t, lang), base=t.baseline_year,
                 pace=_amount(speed if t.direction != "down" else -speed, t, lang, signed=True), n=MAX_YEARS)
    return w("next.years", lang, gap=_amount(found, t, lang), base=t.baseline_year,
             pace=_amount(speed if t.direction != "down" else -speed, t, lang, signed=True), n=int(years))


# ---- the four parts ---------------------------------------------------------------------------

def finished(b: Brief) -> tuple[Target, ...]:
    """Completed targets (early ones first), catalogue order within."""
    done = [t for t in b.targets if t.done]
    return tuple(sorted(done, key=lambda t: (t.status != "completed_early", t.action_no, t.indicator_id)))


def largest_gains(b: Brief, k: int = TOP_GAINS) -> tuple[Target, ...]:
    rows = [t for t in finished(b) if gain(t) is not None and gain(t) > 0]
    return tuple(sorted(rows, key=lambda t: -gain(t))[:k])


def unfinished(b: Brief) -> tuple[Target, ...]:
    """The targets not completed (and nearly completed), the largest gap to target first: the lowest
    完成进度, milestones and those without a progress figure after."""
    rows = [t for t in b.targets if t.unfinished]
    return tuple(sorted(rows, key=lambda t: (t.progress_pct is None, t.progress_pct or 0.0, t.action_no,
                                             t.indicator_id)))


def without_data(b: Brief) -> tuple[Target, ...]:
    return tuple(t for t in b.targets if t.status == "no_data")


def facts(b: Brief) -> list[str]:
    """总体评价's paragraph from the facts: the verdict counts, the actions done best and worst, the
    districts (or a district's rank), the largest gap."""
    lang = b.lang
    out = [b.lead()]
    scored = [(judgement.completed(a.verdicts) / sum(a.verdicts.values()) if b.is_final and sum(a.verdicts.values())
               else None, a) for a in b.actions]
    scored = [(s, a) for s, a in scored if s is not None and sum(a.verdicts.values()) >= MIN_TARGETS]
    if len(scored) > 1:
        best = max(scored, key=lambda x: x[0])[1]
        worst = min(scored, key=lambda x: x[0])[1]
        if best is not worst:
            out.append(w("facts.actions", lang, best=w("action.title", lang, no=best.action_no, name=best.name),
                         bd=judgement.completed(best.verdicts), bn=sum(best.verdicts.values()),
                         worst=w("action.title", lang, no=worst.action_no, name=worst.name),
                         wd=judgement.completed(worst.verdicts), wn=sum(worst.verdicts.values())))
    ranks = ranking(b)
    mine = own_rank(b)
    if mine is not None:
        out.append(rank_sentence(b, mine))
    elif len(ranks) > 1 and ranks[0].rate is not None:
        out.append(w("facts.districts", lang, best=ranks[0].name, br=pct(ranks[0].rate), worst=ranks[-1].name,
                     wr=pct(ranks[-1].rate)))
    left = unfinished(b)
    if left and left[0].progress_pct is not None:
        out.append(w("facts.gap", lang, n=len(left), name=left[0].name, p=pct(left[0].progress_pct)))
    return out


def rank_sentence(b: Brief, mine: Rank) -> str:
    lang = b.lang
    n = len(b.heatmap.districts)
    if mine.rank_before is None:
        return w("rank.sentence_new", lang, area=b.area_name, n=n, rank=mine.rank, rate=pct(mine.rate))
    step = mine.rank_before - mine.rank
    move = w("rank.up", lang, k=step) if step > 0 else w("rank.down", lang, k=-step) if step < 0 else w("rank.held", lang)
    return w("rank.sentence", lang, area=b.area_name, n=n, rank=mine.rank, rate=pct(mine.rate),
             before=mine.rank_before, year=b.year - 1, move=move)


def cause(t: Target, lang: str) -> str:
    return t.cause or w("cause.none", lang)


def measures(t: Target, lang: str) -> str:
    return t.measures or still_needed(t, lang)


def lead_unit(t: Target, lang: str) -> str:
    return t.lead_unit          # commentary.lead_unit: 未指定 / Not assigned when the catalogue names none


def latest(t: Target, b: Brief) -> str:
    """The value, with its year only when it is not the year shown (keeps table cells on one line)."""
    if t.is_qualitative:
        return t.status_text
    if t.value is None or t.status_year is None:
        return "—"
    return t.value_text if t.status_year == b.year else t.latest(b.lang)


def bare(text: str, t: Target) -> str:
    """A figure's text without its unit (the annex has a unit column): '≥ 60%' stays, '12所' → '12'."""
    if not t.unit or t.unit == "%" or not text.endswith(t.unit):
        return text
    return text[:-len(t.unit)].rstrip()


def annex_values(t: Target, b: Brief) -> tuple[str, str, str]:
    """(基期值, 目标值, 实际值) for the annex: without the unit, which has its own column; the actual
    value's year when it is not the year shown."""
    actual = latest(t, b)
    if not t.is_qualitative and t.value is not None and t.status_year is not None:
        actual = bare(t.value_text, t) + ("" if t.status_year == b.year else
                                          f"（{t.status_year}）" if b.lang == "zh" else f" ({t.status_year})")
    return bare(t.baseline_text, t), bare(t.target_text, t), actual


def source(t: Target, lang: str) -> str:
    """The annex's 来源: demo, the rolled-up townships, or the source named on import."""
    if not t.provenance:
        return "—"
    first = t.provenance[0]
    if first == w("prov.demo", lang):
        return w("source.demo", lang)
    return first.split("：", 1)[-1].split(": ", 1)[-1]
