"""Celery tasks of the portfolio: thin wrappers around its domain functions."""

import datetime

from celery import shared_task

from portfolio import calendar_plan


@shared_task
def remind_control_points(today=None):
    """Daily: remind each team once of each control point due within a week (again only when
    its date moved). ``today`` (ISO date) is for tests and catching up."""
    day = datetime.date.fromisoformat(today) if today else None
    return calendar_plan.remind_control_points(today=day)
