"""Domain functions of the portfolio reference data: portfolios and their directions.

One function per change; keyword-only arguments; each runs in one transaction, validates and
writes an audit record. A portfolio or a direction that something refers to is archived, never
deleted: it keeps its projects and disappears from the choices of new cards.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts import audit
from accounts.errors import DomainError
from accounts.models import User
from accounts.rules import is_office
from initiatives.enums import MonitoringAction
from initiatives.models import Direction, ExpertDirection, Initiative, Portfolio


def _text(value, limit=20000):
    return (value or "").replace("\x00", "").strip()[:limit]


def _check_office(by):
    if by is None or not is_office.test(by):
        raise DomainError(_("Only the project office keeps the reference data."))


def _clean(obj):
    try:
        obj.full_clean()
    except ValidationError as e:
        field, messages = next(iter(e.message_dict.items()))
        raise DomainError(" ".join(messages), field=None if field == "__all__" else field) from e


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
    _check_office(by)
    portfolio = instance or Portfolio()
    before = portfolio.name
    portfolio.name, portfolio.description, portfolio.order = (
        _text(name, 300), _text(description), order or 0)
    if Portfolio.objects.filter(name=portfolio.name).exclude(pk=portfolio.pk).exists():
        raise DomainError(_("A portfolio with this name already exists."), field="name")
    _clean(portfolio)
    portfolio.save()
    audit.record(portfolio, actor=by, action=MonitoringAction.PORTFOLIO_SAVED,
                 from_value=before, to_value=portfolio.name)
    return portfolio


@transaction.atomic
def save_direction(*, by: User, instance: Direction | None = None, portfolio: Portfolio,
                   name: str, description: str = "", order: int = 0) -> Direction:
    _check_office(by)
    direction = instance or Direction()
    before = direction.name
    direction.portfolio, direction.name = portfolio, _text(name, 300)
    direction.description, direction.order = _text(description), order or 0
    if Direction.objects.filter(portfolio=portfolio, name=direction.name).exclude(
            pk=direction.pk).exists():
        raise DomainError(_("This portfolio already has a direction with this name."),
                          field="name")
    _clean(direction)
    direction.save()
    audit.record(direction, actor=by, action=MonitoringAction.DIRECTION_SAVED,
                 from_value=before, to_value=direction.name)
    return direction


def _set_active(model, obj, *, by, active, action):
    _check_office(by)
    obj = model.objects.select_for_update().get(pk=obj.pk)
    if obj.is_active == active:
        raise DomainError(_("It is already in use.") if active else _("It is already archived."))
    obj.is_active = active
    obj.save(update_fields=["is_active"])
    audit.record(obj, actor=by, action=action, to_value=obj.name)
    return obj


@transaction.atomic
def archive_portfolio(portfolio: Portfolio, *, by: User) -> Portfolio:
    """Neither the portfolio nor its directions are offered for new cards; projects keep them."""
    return _set_active(Portfolio, portfolio, by=by, active=False,
                       action=MonitoringAction.PORTFOLIO_ARCHIVED)


@transaction.atomic
def restore_portfolio(portfolio: Portfolio, *, by: User) -> Portfolio:
    return _set_active(Portfolio, portfolio, by=by, active=True,
                       action=MonitoringAction.PORTFOLIO_RESTORED)


@transaction.atomic
def archive_direction(direction: Direction, *, by: User) -> Direction:
    """The direction is not offered for new cards; its projects and experts keep it."""
    return _set_active(Direction, direction, by=by, active=False,
                       action=MonitoringAction.DIRECTION_ARCHIVED)


@transaction.atomic
def restore_direction(direction: Direction, *, by: User) -> Direction:
    return _set_active(Direction, direction, by=by, active=True,
                       action=MonitoringAction.DIRECTION_RESTORED)


def direction_is_referenced(direction: Direction) -> bool:
    return (Initiative.objects.filter(direction=direction).exists()
            or ExpertDirection.objects.filter(direction=direction).exists())


@transaction.atomic
def delete_direction(direction: Direction, *, by: User) -> None:
    """Delete a direction nothing refers to; one with projects or experts is archived instead."""
    _check_office(by)
    direction = Direction.objects.select_for_update().get(pk=direction.pk)
    if direction_is_referenced(direction):
        raise DomainError(_("Projects or experts refer to this direction: archive it instead."))
    audit.record(direction, actor=by, action=MonitoringAction.DIRECTION_DELETED,
                 from_value=direction.name)
    direction.delete()


@transaction.atomic
def delete_portfolio(portfolio: Portfolio, *, by: User) -> None:
    """Delete a portfolio without directions; one with directions is archived instead."""
    _check_office(by)
    portfolio = Portfolio.objects.select_for_update().get(pk=portfolio.pk)
    if portfolio.directions.exists():
        raise DomainError(_("The portfolio has directions: archive it instead."))
    audit.record(portfolio, actor=by, action=MonitoringAction.PORTFOLIO_DELETED,
                 from_value=portfolio.name)
    portfolio.delete()
