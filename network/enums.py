from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.TextChoices):
    """Legal forms of the municipality's organisations, shown as their Russian abbreviations."""

    MAOU = "maou", _("MAOU")
    MBOU = "mbou", _("MBOU")
    MKOU = "mkou", _("MKOU")
    MADOU = "madou", _("MADOU")
    MBDOU = "mbdou", _("MBDOU")
    MBU = "mbu", _("MBU")
    MBU_DO = "mbu_do", _("MBU DO")
    MBOU_DO = "mbou_do", _("MBOU DO")
    MKOU_DPO = "mkou_dpo", _("MKOU DPO")
    OTHER = "other", _("other")


class MembershipAction(models.TextChoices):
    ORGANISATION_CREATED = "organisation_created", _("organisation created")
    ORGANISATION_UPDATED = "organisation_updated", _("organisation updated")
    ORGANISATION_ARCHIVED = "organisation_archived", _("organisation archived")
    ORGANISATION_RESTORED = "organisation_restored", _("organisation restored from the archive")
    ORGANISATIONS_IMPORTED = "organisations_imported", _("organisations imported from a table")
    TEAM_LEAD_SET = "team_lead_set", _("team lead handed over")
    POSITION_CHANGED = "position_changed", _("position in the team changed")


class NetworkKind(models.TextChoices):
    METHODICAL_NETWORK = "methodical_network", _("innovation methodical network")
    CLUSTER = "cluster", _("methodical cluster")
    EXPERIENCE_CENTRE = "experience_centre", _("centre of innovative experience")
    RESOURCE_CENTRE = "resource_centre", _("resource centre")


class RulesAdoption(models.TextChoices):
    """How a network agrees its rules: by the members' vote, or by coordinators after discussion."""

    VOTE = "vote", _("members' vote")
    COORDINATORS = "coordinators", _("coordinators' acceptance after discussion")


class MemberRole(models.TextChoices):
    COORDINATOR = "coordinator", _("coordinator")
    MEMBER = "member", _("member")


class MemberStatus(models.TextChoices):
    REQUESTED = "requested", _("asked to join")
    ACTIVE = "active", _("active")
    DECLINED = "declined", _("declined")
    LEFT = "left", _("left")


class ProposalStatus(models.TextChoices):
    OPEN = "open", _("under discussion")
    ADOPTED = "adopted", _("adopted")
    REJECTED = "rejected", _("rejected")


class VoteChoice(models.TextChoices):
    FOR = "for", _("for")
    AGAINST = "against", _("against")


class EventKind(models.TextChoices):
    SEMINAR = "seminar", _("seminar")
    MASTER_CLASS = "master_class", _("master class")
    REFLEXIVE_MEETING = "reflexive_meeting", _("reflexive meeting")
    OPEN_LESSON = "open_lesson", _("open lesson")
    CONFERENCE = "conference", _("conference")
    OTHER = "other", _("other")


class ProductKind(models.TextChoices):
    DEVELOPMENT = "development", _("methodical development")
    ARTICLE = "article", _("article")
    LESSON_PLAN = "lesson_plan", _("lesson plan")
    PM_DOCUMENT = "pm_document", _("methodical document on project management")
    CASE = "case", _("case")


class ProductStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("awaiting moderation")
    PUBLISHED = "published", _("published")
    RETURNED = "returned", _("returned for revision")


class HealthStatus(models.TextChoices):
    SELF_SUSTAINING = "self_sustaining", _("lives on its own")
    ONE_ORGANISER = "one_organiser", _("depends on one organiser")
    ONE_ORGANISATION = "one_organisation", _("depends on one organisation")
    FADING = "fading", _("fading")
    NO_DATA = "no_data", _("not enough data")


class NetworkAction(models.TextChoices):
    NETWORK_CREATED = "network_created", _("network created")
    NETWORK_UPDATED = "network_updated", _("network updated")
    JOIN_REQUESTED = "join_requested", _("asked to join the network")
    JOIN_ACCEPTED = "join_accepted", _("join request accepted")
    JOIN_DECLINED = "join_declined", _("join request declined")
    MEMBER_LEFT = "member_left", _("left the network")
    ORGANISATION_ADDED = "organisation_added", _("organisation joined the network")
    RULE_PROPOSED = "rule_proposed", _("rule change proposed")
    RULE_ADOPTED = "rule_adopted", _("rule change adopted")
    RULE_REJECTED = "rule_rejected", _("rule change rejected")
    EVENT_CREATED = "event_created", _("event created")
    EVENT_UPDATED = "event_updated", _("event updated")
    EVENT_CANCELLED = "event_cancelled", _("event cancelled")
    ATTENDANCE_MARKED = "attendance_marked", _("attendance marked")
    PRODUCT_CREATED = "product_created", _("methodical product created")
    PRODUCT_SUBMITTED = "product_submitted", _("submitted for moderation")
    PRODUCT_PUBLISHED = "product_published", _("published in the library")
    PRODUCT_RETURNED = "product_returned", _("returned for revision")
    HEALTH_COMPUTED = "health_computed", _("network health computed")


EDITABLE_PRODUCT_STATES = (ProductStatus.DRAFT, ProductStatus.RETURNED)
