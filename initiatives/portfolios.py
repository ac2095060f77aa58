"""Domain functions of the portfolio reference data: portfolios and their directions, and the
goals of the strategy and the national project a card is aligned with.

One function per change; keyword-only arguments; each runs in one transaction, validates and
writes an audit record. A portfolio or a direction that something refers to is archived, never
deleted: it keeps its projects and disappears from the choices of new cards.
"""

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts import audit
from accounts.errors import DomainError
from accounts.models import User
from accounts.reference_data import (
    check_office,
    delete_unless_referenced,
    full_clean_or_refuse,
    set_active,
    text,
)
from initiatives.enums import MonitoringAction, StrategyGoalKind
from initiatives.models import Direction, Initiative, Portfolio, StrategyGoal


def active_directions(*, keep=None):
    """Directions offered for a card: those in use in portfolios in use, and ``keep`` (the
    card's own direction, even if it was archived since)."""
    offered = Q(is_active=True, portfolio__is_active=True)
    if keep is not None:
        offered |= Q(pk=keep)
    return Direction.objects.filter(offered).select_related("portfolio")


def active_portfolios(*, keep=None):
    offered = Q(is_active=True)
    if keep is not None:
        offered |= Q(pk=keep)
    return Portfolio.objects.filter(offered).order_by("order", "name")


@transaction.atomic
def save_portfolio(*, by: User, instance: Portfolio | None = None, name: str,
                   description: str = "", order: int = 0) -> Portfolio:
    check_office(by)
    portfolio = instance or Portfolio()
    before = portfolio.name
    portfolio.name, portfolio.description, portfolio.order = (
        text(name, 300), text(description), order or 0)
    if Portfolio.objects.filter(name=portfolio.name).exclude(pk=portfolio.pk).exists():
        raise DomainError(_("A portfolio with this name already exists."), field="name")
    full_clean_or_refuse(portfolio)
    portfolio.save()
    audit.record(portfolio, actor=by, action=MonitoringAction.PORTFOLIO_SAVED,
                 from_value=before, to_value=portfolio.name)
    return portfolio


@transaction.atomic
def save_direction(*, by: User, instance: Direction | None = None, portfolio: Portfolio,
                   name: str, description: str = "", order: int = 0) -> Direction:
    check_office(by)
    direction = instance or Direction()
    before = direction.name
    direction.portfolio, direction.name = portfolio, text(name, 300)
    direction.description, direction.order = text(description), order or 0
    if Direction.objects.filter(portfolio=portfolio, name=direction.name).exclude(
            pk=direction.pk).exists():
        raise DomainError(_("This portfolio already has a direction with this name."),
                          field="name")
    full_clean_or_refuse(direction)
    direction.save()
    audit.record(direction, actor=by, action=MonitoringAction.DIRECTION_SAVED,
                 from_value=before, to_value=direction.name)
    return direction


@transaction.atomic
def archive_portfolio(portfolio: Portfolio, *, by: User) -> Portfolio:
    """Neither the portfolio nor its directions are offered for new cards; projects keep them."""
    return set_active(portfolio, by=by, active=False,
                       action=MonitoringAction.PORTFOLIO_ARCHIVED)


@transaction.atomic
def restore_portfolio(portfolio: Portfolio, *, by: User) -> Portfolio:
    return set_active(portfolio, by=by, active=True,
                       action=MonitoringAction.PORTFOLIO_RESTORED)


@transaction.atomic
def archive_direction(direction: Direction, *, by: User) -> Direction:
    """The direction is not offered for new cards; its projects and experts keep it."""
    return set_active(direction, by=by, active=False,
                       action=MonitoringAction.DIRECTION_ARCHIVED)


@transaction.atomic
def restore_direction(direction: Direction, *, by: User) -> Direction:
    return set_active(direction, by=by, active=True,
                       action=MonitoringAction.DIRECTION_RESTORED)


# Checks of higher apps (the experts' preferred directions) whether a direction is in use; each
# registers one with ``register_direction_reference`` in its ``AppConfig.ready``.
_DIRECTION_REFERENCES = []


def register_direction_reference(check):
    """``check(direction) -> bool``: the direction is referenced by the registering app."""
    if check not in _DIRECTION_REFERENCES:
        _DIRECTION_REFERENCES.append(check)


def direction_is_referenced(direction: Direction) -> bool:
    return (Initiative.objects.filter(direction=direction).exists()
            or any(check(direction) for check in _DIRECTION_REFERENCES))


@transaction.atomic
def delete_direction(direction: Direction, *, by: User) -> None:
    """Delete a direction nothing refers to; one with projects or experts is archived instead."""
    delete_unless_referenced(
        direction, by=by, referenced=direction_is_referenced,
        refusal=_("Projects or experts refer to this direction: archive it instead."),
        action=MonitoringAction.DIRECTION_DELETED)


@transaction.atomic
def delete_portfolio(portfolio: Portfolio, *, by: User) -> None:
    """Delete a portfolio without directions; one with directions is archived instead."""
    delete_unless_referenced(
        portfolio, by=by, referenced=lambda p: p.directions.exists(),
        refusal=_("The portfolio has directions: archive it instead."),
        action=MonitoringAction.PORTFOLIO_DELETED)


@transaction.atomic
def save_strategy_goal(*, by: User, instance: StrategyGoal | None = None, kind: str,
                       title: str, order: int = 0) -> StrategyGoal:
    """Add or rename a goal of the municipal strategy or of the national project; the cards
    that chose it keep it."""
    check_office(by)
    goal = instance or StrategyGoal()
    before = goal.title
    if kind not in StrategyGoalKind.values:
        raise DomainError(_("Choose the kind of the goal."), field="kind")
    goal.kind, goal.title, goal.order = kind, text(title, 500), order or 0
    if not goal.title:
        raise DomainError(_("Write the goal."), field="title")
    if StrategyGoal.objects.filter(kind=goal.kind, title=goal.title).exclude(pk=goal.pk).exists():
        raise DomainError(_("This goal is already in the list."), field="title")
    full_clean_or_refuse(goal)
    goal.save()
    audit.record(goal, actor=by, action=MonitoringAction.STRATEGY_GOAL_SAVED,
                 from_value=before, to_value=goal.title)
    return goal


@transaction.atomic
def archive_strategy_goal(goal: StrategyGoal, *, by: User) -> StrategyGoal:
    """The goal is not offered for new cards; the cards that chose it keep it."""
    return set_active(goal, by=by, active=False, action=MonitoringAction.STRATEGY_GOAL_ARCHIVED)


@transaction.atomic
def restore_strategy_goal(goal: StrategyGoal, *, by: User) -> StrategyGoal:
    return set_active(goal, by=by, active=True, action=MonitoringAction.STRATEGY_GOAL_RESTORED)
