from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.choices import ChoiceLabelsMixin
from meetings.enums import AgendaKind, AttendanceStatus, MeetingStatus, OfficeRoleInOffice


class MeetingFormat(models.Model):
    """A format of meeting (заседание, рефлексивная встреча…): data the office extends."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("offered for new meetings"), default=True)
    is_project_committee = models.BooleanField(
        _("project committee"), default=False,
        help_text=_("Meetings of this format approve passports of projects and the changes "
                    "of their goal, indicator values, dates and funding."))

    class Meta:
        verbose_name = _("meeting format")
        verbose_name_plural = _("meeting formats")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class OfficeMember(ChoiceLabelsMixin, models.Model):
    """A person's membership of the project office, for a period; the quorum counts these."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="office_memberships", verbose_name=_("person"))
    role = models.CharField(_("role in the office"), max_length=20,
                            choices=OfficeRoleInOffice.choices, default=OfficeRoleInOffice.MEMBER)
    since = models.DateField(_("member since"))
    until = models.DateField(_("member until"), null=True, blank=True)

    class Meta:
        verbose_name = _("office member")
        verbose_name_plural = _("office members")
        ordering = ["since", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(until__isnull=True) | models.Q(until__gte=models.F("since")),
                name="office_member_until_after_since",
            )
        ]

    def __str__(self):
        return f"{self.person} — {self.get_role_display()}"


class Meeting(ChoiceLabelsMixin, models.Model):
    """A meeting of the project office. Its number counts within the school year."""

    number = models.PositiveIntegerField(_("number"))
    school_year = models.CharField(_("school year"), max_length=9, db_index=True,
                                   help_text=_("Derived from the date, e.g. 2020/2021."))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), max_length=500, blank=True)
    format = models.ForeignKey(MeetingFormat, on_delete=models.PROTECT, related_name="meetings",
                               verbose_name=_("format"))
    topic = models.CharField(_("topic"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=MeetingStatus.choices,
                              default=MeetingStatus.PLANNED)
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+", verbose_name=_("chair"))
    secretary = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="+",
                                  verbose_name=_("secretary"))
    minutes_approved_at = models.DateTimeField(_("minutes approved at"), null=True, blank=True)
    minutes_approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                            null=True, blank=True, related_name="+",
                                            verbose_name=_("minutes approved by"))
    minutes_pdf = models.FileField(_("minutes PDF"), upload_to="meetings/minutes/", blank=True)
    minutes_pdf_built_at = models.DateTimeField(_("minutes PDF built at"), null=True, blank=True)
    invitations_sent_at = models.DateTimeField(_("invitations sent at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["school_year", "number"],
                                    name="meeting_number_in_school_year"),
            models.CheckConstraint(condition=models.Q(ends_at__gte=models.F("starts_at")),
                                   name="meeting_ends_after_start"),
        ]

    def __str__(self):
        return gettext("№ %(n)s of %(date)s") % {"n": self.number,
                                                  "date": f"{self.local_date:%d.%m.%Y}"}

    def get_absolute_url(self):
        return reverse("meetings:detail", kwargs={"pk": self.pk})

    @property
    def local_date(self):
        return timezone.localtime(self.starts_at).date()


class AgendaItem(ChoiceLabelsMixin, models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items",
                                verbose_name=_("meeting"))
    order = models.PositiveIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=30, choices=AgendaKind.choices,
                            default=AgendaKind.OTHER)
    title = models.CharField(_("title"), max_length=500)
    initiative = models.ForeignKey("initiatives.Initiative", on_delete=models.PROTECT, null=True,
                                   blank=True, related_name="agenda_items",
                                   verbose_name=_("initiative or project"))
    work_plan = models.ForeignKey("meetings.WorkPlan", on_delete=models.PROTECT, null=True,
                                  blank=True, related_name="agenda_items",
                                  verbose_name=_("work plan"))
    presenter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                  blank=True, related_name="+", verbose_name=_("presenter"))
    presenter_name = models.CharField(_("presenter (not on the portal)"), max_length=300,
                                      blank=True)
    starts_at = models.TimeField(_("from"), null=True, blank=True)
    minutes = models.PositiveIntegerField(
        _("minutes"), null=True, blank=True, validators=[MinValueValidator(1),
                                                         MaxValueValidator(600)])
    heard = models.TextField(_("heard"), blank=True)
    spoke = models.TextField(_("spoke"), blank=True)
    decided = models.TextField(_("decided"), blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "order", "pk"]

    def __str__(self):
        return self.title

    @property
    def presenter_display(self):
        return self.presenter.full_name if self.presenter_id else self.presenter_name


class Attendance(ChoiceLabelsMixin, models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance",
                                verbose_name=_("meeting"))
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="meeting_attendance", verbose_name=_("person"))
    status = models.CharField(_("attendance"), max_length=20, choices=AttendanceStatus.choices)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["meeting", "person__last_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attendance_once")
        ]

    def __str__(self):
        return f"{self.person} — {self.get_status_display()}"
