"""Choices of a project's roles and of its calendar plan."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectRoleKind(models.TextChoices):
    """The single roles of a project besides its leader (the card's leader) and its team."""

    CURATOR = "curator", _("Project curator")
    ADMINISTRATOR = "administrator", _("Project administrator")


class PlanItemKind(models.TextChoices):
    ACTIVITY = "activity", _("Activity")
    POINT = "point", _("Control point")


class PlanItemStatus(models.TextChoices):
    """A point is planned, then done by the team (with its evidence), then accepted by the
    office or returned to the team; an activity is planned, in progress or done."""

    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done, awaiting the office")
    ACCEPTED = "accepted", _("accepted")
    RETURNED = "returned", _("returned to the team")


# Statuses of a point that count as reached (not overdue any more).
REACHED = (PlanItemStatus.DONE, PlanItemStatus.ACCEPTED)


class PlanAction(models.TextChoices):
    """Audit actions of roles and the calendar plan."""

    ROLE_ASSIGNED = "role_assigned", _("project role assigned")
    ROLE_REMOVED = "role_removed", _("project role removed")
    SHARE_SET = "share_set", _("share of working time set")
    PLAN_ITEM_ADDED = "plan_item_added", _("plan item added")
    PLAN_ITEM_CHANGED = "plan_item_changed", _("plan item changed")
    FORECAST_SET = "forecast_set", _("forecast set")
    POINT_DONE = "point_done", _("control point marked done")
    POINT_ACCEPTED = "point_accepted", _("control point accepted")
    POINT_RETURNED = "point_returned", _("control point returned")
    PLAN_IMPORTED = "plan_imported", _("plan imported from a file")
    POINT_REMINDED = "point_reminded", _("reminder of a control point sent")
    CURATOR_AGREED = "curator_agreed", _("agreed by the curator")
    CURATOR_OBJECTED = "curator_objected", _("objections of the curator")
