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
