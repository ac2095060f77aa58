"""Reports that fill themselves: what the calendar plan, the indicators and the risks say about
a reporting period, laid out for the team to comment.

A period of up to 45 days (a month) reports on itself; a longer one (a quarter, a half-year, a
year) accumulates from the start of its calendar year (or the project's start, if later). The
final report on closing sets the project against its last approved passport.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from initiatives.enums import ReviewStatus, RiskStatus
from portfolio.models import IndicatorActual, IndicatorPlan, PassportVersion, PlanItem
from portfolio.passport.data import number_text
from portfolio.passport.enums import PassportStatus
from portfolio.plan.enums import REACHED, PlanItemKind
from portfolio.plan.services import deviation_days

MONTHLY_DAYS = 45


def _d(value):
    return value.strftime("%d.%m.%Y") if value else "—"


@dataclass
class Facts:
    starts_on: datetime.date
    ends_on: datetime.date
    cumulative: bool
    due: list = field(default_factory=list)        # points due in the span
    done: list = field(default_factory=list)       # points done in the span (or due and done)
    deviations: list = field(default_factory=list)  # (item, days) late or overdue
    indicators: list = field(default_factory=list)  # rows: name, unit, period, planned, actual
    risks: list = field(default_factory=list)
    upcoming: list = field(default_factory=list)   # points due in the 30 days after the span


def span_of(period):
    """(start, end, cumulative) of what the period's report covers."""
    if (period.ends_on - period.starts_on).days <= MONTHLY_DAYS:
        return period.starts_on, period.ends_on, False
    start = datetime.date(period.ends_on.year, 1, 1)
    project_start = period.initiative.starts_on
    if project_start and project_start > start:
        start = project_start
    return min(start, period.starts_on), period.ends_on, True


def _last_actual(plan):
    actuals = [a for a in plan.actuals.all() if a.status != ReviewStatus.RETURNED]
    accepted = [a for a in actuals if a.status == ReviewStatus.ACCEPTED]
    chosen = (accepted or actuals)
    return chosen[-1] if chosen else None


def facts_of(period, *, today=None):
    """The facts of the period's span, read in a constant number of queries."""
    initiative = period.initiative
    start, end, cumulative = span_of(period)
    facts = Facts(starts_on=start, ends_on=end, cumulative=cumulative)
    today = today or end
    horizon = end + datetime.timedelta(days=30)
    items = PlanItem.objects.filter(initiative=initiative, kind=PlanItemKind.POINT).filter(
        planned_end__lte=horizon).order_by("planned_end", "order", "pk")
    for item in items:
        reached = item.status in REACHED
        if start <= item.planned_end <= end:
            facts.due.append(item)
        if reached and item.actual_on and start <= item.actual_on <= end:
            facts.done.append(item)
        if item.planned_end > end:
            facts.upcoming.append(item)
            continue
        days = deviation_days(item)
        if not reached and item.planned_end < min(end, today):
            days = max(days, (min(end, today) - item.planned_end).days)
        if days and (item.planned_end >= start or not reached):
            facts.deviations.append((item, days))
    plans = (IndicatorPlan.objects.filter(indicator__initiative=initiative,
                                          period_end__gte=start, period_end__lte=end)
             .select_related("indicator")
             .prefetch_related(Prefetch("actuals", queryset=IndicatorActual.objects.order_by(
                 "measured_on", "entered_at", "pk")))
             .order_by("indicator__order", "indicator_id", "period_end"))
    for plan in plans:
        actual = _last_actual(plan)
        facts.indicators.append({
            "name": plan.indicator.name, "unit": plan.indicator.unit,
            "period": plan.period_label, "planned": number_text(plan.planned),
            "actual": number_text(actual.value) if actual else "",
            "accepted": bool(actual and actual.status == ReviewStatus.ACCEPTED),
        })
    facts.risks = list(initiative.risks.filter(status=RiskStatus.OPEN).order_by("pk"))
    return facts


def prefill(facts):
    """The report's four texts as the facts write them; the team comments and corrects."""
    done = [_("Control points reached from %(start)s to %(end)s:")
            % {"start": _d(facts.starts_on), "end": _d(facts.ends_on)}]
    done += [f"— {p.number} {p.title} ({_d(p.actual_on)})".replace("  ", " ")
             for p in facts.done] or [_("— none.")]
    results = [_("Indicators against the plan:")]
    results += [f"— {r['name']}, {r['period']}: " + (_("plan %(plan)s, fact %(fact)s %(unit)s")
                                                     % {"plan": r["planned"],
                                                        "fact": r["actual"] or "—",
                                                        "unit": r["unit"] if r["actual"]
                                                        else ""}).rstrip()
                for r in facts.indicators] or [_("— no plan values in the period.")]
    problems = [_("Deviations from the calendar plan:")]
    problems += [_("— %(point)s: planned %(date)s, %(days)s days late")
                 % {"point": f"{p.number} {p.title}".strip(), "date": _d(p.planned_end),
                    "days": days} for p, days in facts.deviations] or [_("— none.")]
    if facts.risks:
        problems += [_("Open risks:")] + [f"— {r.title}" for r in facts.risks]
    steps = [_("Control points of the next 30 days:")]
    steps += [f"— {p.number} {p.title} ({_d(p.planned_end)})".replace("  ", " ")
              for p in facts.upcoming] or [_("— none.")]
    return {"done": "\n".join(done), "results": "\n".join(results),
            "problems": "\n".join(problems), "next_steps": "\n".join(steps)}


def last_approved_passport(initiative):
    """The last approved version of the project's passport, or None."""
    return (PassportVersion.objects.filter(passport__initiative=initiative,
                                           passport__status=PassportStatus.APPROVED)
            .order_by("-number").first())


def against_passport(initiative):
    """The final report's summary: each indicator of the last approved passport with its
    target and its last value; the plan's control points planned and reached."""
    version = last_approved_passport(initiative)
    if version is None:
        return None
    from_actuals = {}
    for actual in IndicatorActual.objects.filter(indicator__initiative=initiative).exclude(
            status=ReviewStatus.RETURNED).order_by("measured_on", "entered_at", "pk"):
        from_actuals[actual.indicator_id] = actual
    indicators = [{"name": row["name"], "unit": row["unit"], "target": row["target"],
                   "actual": number_text(from_actuals[row["id"]].value)
                   if row["id"] in from_actuals else "—"}
                  for row in version.snapshot.get("indicators", [])]
    points = list(PlanItem.objects.filter(initiative=initiative, kind=PlanItemKind.POINT))
    return {"version": version, "indicators": indicators,
            "points": len(points), "reached": sum(1 for p in points if p.status in REACHED)}


def final_initial(initiative):
    """The final report's form opens with the project against its last approved passport."""
    summary = against_passport(initiative)
    if summary is None:
        return {}
    version = summary["version"]
    lines = [_("Against the passport, version %(n)s (%(basis)s):")
             % {"n": version.number, "basis": version.basis}]
    lines += [_("— %(name)s: target %(target)s, reached %(actual)s %(unit)s")
              % row for row in summary["indicators"]]
    lines.append(_("Control points reached: %(reached)s of %(points)s.") % summary)
    return {"summary": "\n".join(lines)}
