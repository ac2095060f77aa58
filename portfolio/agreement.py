"""The curator agrees (согласует) progress reports and change requests before the office
decides. A project without a curator is decided as before. With a curator, the office accepts a
report or approves a change only once the curator has agreed (to the report's current
submission); it may return or reject at any time."""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts import audit
from accounts.enums import NotificationKind
from accounts.errors import DomainError
from accounts.models import User
from accounts.notifications import notify
from initiatives.enums import ChangeStatus, ReviewStatus
from portfolio.models import ChangeRequest, CuratorAgreement, ProgressReport, ProjectRole
from portfolio.plan.enums import PlanAction, ProjectRoleKind


def curator_of(initiative):
    holder = ProjectRole.objects.filter(initiative=initiative, role=ProjectRoleKind.CURATOR,
                                        person__isnull=False).select_related("person").first()
    return holder.person if holder else None


def agreement_of(obj):
    """The curator's word on the report's current submission or on the change, or None."""
    if isinstance(obj, ProgressReport):
        return CuratorAgreement.objects.filter(report=obj, submitted_at=obj.submitted_at).first()
    return CuratorAgreement.objects.filter(change=obj).first()


def _initiative_of(obj):
    return obj.period.initiative if isinstance(obj, ProgressReport) else obj.initiative


def check_agreed(obj):
    """Refuse the office's positive decision while the project's curator has not agreed."""
    initiative = _initiative_of(obj)
    if curator_of(initiative) is None:
        return
    word = agreement_of(obj)
    if word is None or not word.agreed:
        raise DomainError(_("The project's curator has not agreed yet: the office accepts or "
                            "approves after the curator's agreement (it may return or reject "
                            "at any time)."))


@transaction.atomic
def agree(obj, *, by: User, agreed: bool, comment: str = "") -> CuratorAgreement:
    """The curator agrees to a submitted report or a pending change request, or objects with a
    comment; once per report submission and once per change."""
    if isinstance(obj, ProgressReport):
        obj = ProgressReport.objects.select_for_update().select_related("period__initiative") \
            .get(pk=obj.pk)
        if obj.status != ReviewStatus.SUBMITTED:
            raise DomainError(_("The curator agrees only a submitted report."))
    else:
        obj = ChangeRequest.objects.select_for_update().select_related("initiative").get(pk=obj.pk)
        if obj.status != ChangeStatus.PENDING:
            raise DomainError(_("The change request is already decided."))
    initiative = _initiative_of(obj)
    curator = curator_of(initiative)
    if curator is None or by is None or curator.pk != by.pk:
        raise DomainError(_("Only the project's curator agrees its reports and changes."))
    comment = (comment or "").strip()
    if not agreed and not comment:
        raise DomainError(_("Write what the curator objects to."), field="comment")
    if agreement_of(obj) is not None:
        raise DomainError(_("The curator has already given their word on this."))
    word = CuratorAgreement(initiative=initiative, agreed=agreed, comment=comment, curator=by)
    if isinstance(obj, ProgressReport):
        word.report, word.submitted_at = obj, obj.submitted_at
    else:
        word.change = obj
    word.save()
    audit.record(initiative, actor=by,
                 action=PlanAction.CURATOR_AGREED if agreed else PlanAction.CURATOR_OBJECTED,
                 to_value=str(obj), comment=comment,
                 data={"report": word.report_id, "change": word.change_id})
    url = obj.get_absolute_url() if isinstance(obj, ProgressReport) else \
        initiative.get_absolute_url()
    title = (_("The curator agreed: %(subject)s") if agreed else
             _("The curator objects: %(subject)s")) % {"subject": obj}
    office = list(User.objects.filter(
        is_active=True, role_assignments__role__in=["office_staff", "office_head"]).distinct())
    transaction.on_commit(lambda: notify(office, kind=NotificationKind.DECISION_MADE, title=title,
                                         url=url, actor=by))
    return word
