"""The sections of the card, declared once: their labels, what a complete section needs, and
their plain-text form used by versions and their word-by-word comparison."""

from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    field: str  # the form field beside which a missing section's message appears
    required: bool = True
    message: str = ""


SECTIONS = (
    Section("organisation", _("Organisation"), "organisation"),
    Section("title", _("Title"), "title", message=_("Give the project a title.")),
    Section("team", _("Project leader and team"), "team",
            message=_("Name the project leader: add a team member marked as the leader.")),
    Section("annotation", _("Short annotation"), "annotation",
            message=_("Write a short annotation of the project.")),
    Section("problem", _("Problem analysis"), "problem",
            message=_("Describe the problem the project answers.")),
    Section("idea", _("The idea"), "idea", message=_("Describe the idea of the project.")),
    Section("timeframe", _("Timeframe"), "starts_on",
            message=_("Give the start and the end dates of the project.")),
    Section("goal", _("Goal"), "goal", message=_("State the goal of the project.")),
    Section("tasks", _("Tasks"), "tasks_text", message=_("List at least one task, one per line.")),
    Section("results_people", _("Expected changes in people"), "results_people",
            message=_("Describe the expected changes in people.")),
    Section("results_process", _("Expected changes in the process"), "results_process",
            message=_("Describe the expected changes in the process.")),
    Section("main_product", _("Main product"), "main_product",
            message=_("Name the main product of the project.")),
    Section("indicators", _("Target indicators"), "indicators",
            message=_("Add at least one target indicator.")),
    Section("direction", _("Portfolio direction"), "direction",
            message=_("Choose the portfolio direction the project serves.")),
    Section("strategy_goals", _("Alignment with the strategy and the national project"),
            "strategy_goals",
            message=_("Choose at least one goal of the strategy or the national project.")),
    Section("network", _("Network the initiative is born in"), "network", required=False),
)
BY_KEY = {s.key: s for s in SECTIONS}


def _leader_named(initiative):
    return initiative.leader_id is not None or any(m.is_leader for m in initiative.team.all())


def _filled(initiative, key):
    if key == "organisation":
        return initiative.organisation_id is not None
    if key == "team":
        return _leader_named(initiative)
    if key == "timeframe":
        return initiative.starts_on is not None and initiative.ends_on is not None
    if key == "tasks":
        return any(str(t).strip() for t in initiative.tasks or [])
    if key == "indicators":
        return bool(initiative.indicators.all())
    if key == "direction":
        return initiative.direction_id is not None
    if key == "strategy_goals":
        return bool(initiative.strategy_goals.all())
    return bool(str(getattr(initiative, key) or "").strip())


def completeness(initiative):
    """[(section, filled)] for the indicator on the card and the edit page."""
    return [(s, _filled(initiative, s.key)) for s in SECTIONS if s.required]


def missing(initiative):
    """Required sections not filled yet: {form field: message}."""
    return {s.field: s.message for s, ok in completeness(initiative) if not ok}


def _number(value):
    if value is None:
        return "—"
    return f"{value.normalize():f}".replace(".", ",")


def section_texts(initiative):
    """Every section as plain text, the content of a frozen version."""
    team = []
    leader_in_team = False
    for m in initiative.team.all():
        leader_in_team |= m.is_leader
        suffix = " (руководитель проекта)" if m.is_leader else ""
        team.append(f"{m.display_name}{', ' + m.position if m.position else ''}{suffix}")
    if initiative.leader_id and not leader_in_team:
        team.insert(0, f"{initiative.leader.full_name} (руководитель проекта)")
    timeframe = ""
    if initiative.starts_on or initiative.ends_on:
        start = date_format(initiative.starts_on, "d.m.Y") if initiative.starts_on else "…"
        end = date_format(initiative.ends_on, "d.m.Y") if initiative.ends_on else "…"
        timeframe = f"{start} — {end}"
        if initiative.academic_year:
            timeframe += f" ({initiative.academic_year})"
    direction = ""
    if initiative.direction_id:
        direction = f"{initiative.direction.portfolio} — {initiative.direction}"
    return {
        "organisation": str(initiative.organisation),
        "title": initiative.title,
        "team": "\n".join(team),
        "annotation": initiative.annotation,
        "problem": initiative.problem,
        "idea": initiative.idea,
        "timeframe": timeframe,
        "goal": initiative.goal,
        "tasks": "\n".join(f"{n}. {t}" for n, t in enumerate(initiative.tasks or [], 1)),
        "results_people": initiative.results_people,
        "results_process": initiative.results_process,
        "main_product": initiative.main_product,
        "indicators": "\n".join(
            f"{i.name}, {i.unit}: {_number(i.baseline)} → {_number(i.target)}"
            f"{' (' + i.period + ')' if i.period else ''}"
            for i in initiative.indicators.all()
        ),
        "direction": direction,
        "strategy_goals": "\n".join(str(g) for g in initiative.strategy_goals.all()),
        "network": str(initiative.network) if initiative.network_id else "",
    }
