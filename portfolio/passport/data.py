"""The passport as data: what the portal knows (the card, its roles, indicators and their period
plans, the calendar plan) joined to what the team adds; the same dict is shown on the page,
frozen as an approved version and laid out in the PDF and the DOCX.

An indicator's value of a calendar year comes from the period plans of that year: the last of the
year for a cumulative indicator, the sum of the year for an additive one.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext as _

from initiatives.models import Indicator, Initiative, TeamMember
from portfolio.models import PassportAgreement, PlanItem, ProjectRole
from portfolio.passport.enums import Accumulation, FundingSource, GoalLevel, PassportSection


def number_text(value):
    if value is None or value == "":
        return "—"
    value = Decimal(str(value))
    text = f"{value:,.2f}".replace(",", " ").replace(".", ",")
    return text[:-3] if text.endswith(",00") else text


def rubles(value):
    return f"{Decimal(str(value)):,.2f}".replace(",", " ").replace(".", ",")


def _d(value):
    return value.strftime("%d.%m.%Y") if value else ""


def _passport_rows(prefix=""):
    return [f"{prefix}national_projects", f"{prefix}results", f"{prefix}funding",
            Prefetch(f"{prefix}agreements",
                     queryset=PassportAgreement.objects.select_related("person")),
            f"{prefix}versions"]


def project_for_passport(pk):
    """The project with everything the passport reads, its passport joined to it, in a constant
    number of queries (one per kind of row, the people read with their rows)."""
    return (
        Initiative.objects.select_related("organisation", "leader", "direction", "passport")
        .prefetch_related(
            "strategy_goals",
            Prefetch("project_roles",
                     queryset=ProjectRole.objects.select_related("person", "invitation")),
            Prefetch("team", queryset=TeamMember.objects.select_related("person", "share")),
            Prefetch("indicators", queryset=Indicator.objects.select_related("passport")
                     .prefetch_related("plans")),
            Prefetch("plan_items", queryset=PlanItem.objects.select_related("responsible")),
            *_passport_rows("passport__"),
        )
        .filter(pk=pk).first()
    )


def passport_of(project):
    """The project's passport row with its own rows, or None before the team starts it (read
    with the project when it comes from :func:`project_for_passport`)."""
    passport = getattr(project, "passport", None)  # a missing one is an AttributeError too
    if passport is not None:
        prefetch_related_objects([passport], *_passport_rows())  # nothing again if read already
    return passport


def year_values(indicator, accumulation):
    """{year: value} from the indicator's period plans."""
    by_year = defaultdict(list)
    for plan in sorted(indicator.plans.all(), key=lambda p: (p.period_end, p.pk)):
        by_year[plan.period_end.year].append(plan.planned)
    if accumulation == Accumulation.ADDITIVE:
        return {year: sum(values, Decimal(0)) for year, values in sorted(by_year.items())}
    return {year: values[-1] for year, values in sorted(by_year.items())}


def _indicator_row(indicator):
    details = getattr(indicator, "passport", None)
    accumulation = details.accumulation if details else Accumulation.CUMULATIVE
    level = details.level if details else GoalLevel.PROJECT
    values = year_values(indicator, accumulation)
    return {
        "id": indicator.pk, "name": indicator.name, "unit": indicator.unit,
        "baseline": number_text(indicator.baseline),
        "baseline_on": _d(details.baseline_on) if details else "",
        "target": number_text(indicator.target),
        "accumulation": str(Accumulation(accumulation).label),
        "level": str(GoalLevel(level).label),
        "method": details.method if details else "",
        "values": {str(y): number_text(v) for y, v in values.items()},
    }


def _years(project, indicators, results, funding):
    years = set()
    if project.starts_on and project.ends_on:
        years.update(range(project.starts_on.year, project.ends_on.year + 1))
    for row in indicators:
        years.update(int(y) for y in row["values"])
    years.update(r.year for r in results)
    years.update(f.year for f in funding)
    return sorted(years)


def build(project, passport):
    """The passport of ``project`` as a JSON-ready dict (sections as rows and as text)."""
    roles = {r.role: r for r in project.project_roles.all()}
    indicators = [_indicator_row(i) for i in project.indicators.all()]
    results = list(passport.results.all()) if passport else []
    funding = list(passport.funding.all()) if passport else []
    years = _years(project, indicators, results, funding)
    amounts = {(f.year, f.source): f.amount for f in funding}
    funding_rows = []
    for source in FundingSource:
        cells = [amounts.get((y, source.value)) for y in years]
        total = sum((c for c in cells if c is not None), Decimal(0))
        funding_rows.append({"source": str(source.label),
                             "values": [rubles(c) if c is not None else "—" for c in cells],
                             "total": rubles(total)})
    totals = [sum((amounts.get((y, s.value)) or Decimal(0) for s in FundingSource), Decimal(0))
              for y in years]
    curator, administrator = roles.get("curator"), roles.get("administrator")
    main = {
        "short_name": (passport.short_name if passport else "") or project.title,
        "full_name": (passport.full_name if passport else "") or project.title,
        "starts_on": _d(project.starts_on), "ends_on": _d(project.ends_on),
        "curator": curator.display_name if curator else "",
        "leader": project.leader.full_name if project.leader_id else "",
        "administrator": administrator.display_name if administrator else "",
        "organisation": project.organisation.short_name or project.organisation.name,
        "municipal_programme": passport.municipal_programme if passport else "",
        "national_projects": [str(n) for n in passport.national_projects.all()]
        if passport else [],
        "regional_projects": passport.regional_projects if passport else "",
        "strategy_goals": [str(g) for g in project.strategy_goals.all()],
        "goal": project.goal,
        "main_product": project.main_product,
    }
    team = [{"name": m.display_name, "position": m.position,
             "share": m.share.percent if hasattr(m, "share") and m.share else None}
            for m in project.team.all()]
    plan = [{"number": i.number, "kind": i.kind, "title": i.title, "result": i.result,
             "document": i.evidence_document, "responsible": i.responsible_display,
             "start": _d(i.planned_start), "end": _d(i.planned_end),
             "forecast": _d(i.forecast_end), "actual": _d(i.actual_on)}
            for i in project.plan_items.all()]
    data = {
        "title": main["full_name"],
        "main": main,
        "years": [str(y) for y in years],
        "indicators": indicators,
        "results": [{"id": r.pk, "title": r.title, "unit": r.unit, "year": r.year,
                     "value": number_text(r.value), "characteristic": r.characteristic}
                    for r in results],
        "funding": funding_rows,
        "funding_totals": [rubles(t) for t in totals],
        "funding_total": rubles(sum(totals, Decimal(0))),
        "team": team,
        "participants": passport.participants if passport else "",
        "additional": passport.additional_info if passport else "",
        "plan": plan,
    }
    data["sections"] = section_texts(data)
    return data


def section_texts(data):
    """Each section as plain text, the unit the word diff compares."""
    m = data["main"]
    main = "\n".join([
        _("Short name: %s") % m["short_name"], _("Full name: %s") % m["full_name"],
        _("Dates: %(start)s – %(end)s") % {"start": m["starts_on"], "end": m["ends_on"]},
        _("Curator: %s") % m["curator"], _("Project leader: %s") % m["leader"],
        _("Administrator: %s") % m["administrator"],
        _("Municipal programme: %s") % m["municipal_programme"],
        _("National projects: %s") % "; ".join(m["national_projects"]),
        _("Regional projects: %s") % m["regional_projects"],
        _("Strategy goals: %s") % "; ".join(m["strategy_goals"]),
    ])
    goal = "\n".join([_("Goal: %s") % m["goal"]] + [
        f"{i['name']} ({i['unit']}): {i['baseline']} {i['baseline_on']} → {i['target']}; "
        + "; ".join(f"{y}: {v}" for y, v in i["values"].items())
        + f"; {i['level']}; {i['accumulation']}; {i['method']}"
        for i in data["indicators"]])
    results = "\n".join([_("Main product: %s") % m["main_product"]] + [
        f"{r['title']} — {r['year']}: {r['value']} {r['unit']}. {r['characteristic']}"
        for r in data["results"]])
    funding = "\n".join(f"{row['source']}: " + "; ".join(
        f"{y}: {v}" for y, v in zip(data["years"], row["values"], strict=True))
        + f"; {row['total']}" for row in data["funding"])
    participants = "\n".join(
        [f"{t['name']}, {t['position']}" + (f", {t['share']} %" if t["share"] else "")
         for t in data["team"]] + [data["participants"]])
    plan = "\n".join(f"{p['number']} {p['title']}: {p['start']} – {p['end']}; "
                     f"{p['responsible']}; {p['document']}" for p in data["plan"])
    return {
        PassportSection.MAIN.value: main, PassportSection.GOAL.value: goal,
        PassportSection.RESULTS.value: results, PassportSection.FUNDING.value: funding,
        PassportSection.PARTICIPANTS.value: participants,
        PassportSection.ADDITIONAL.value: data["additional"],
        PassportSection.PLAN.value: plan,
    }
