"""Domain functions of initiatives other than state changes (those are in ``lifecycle.py``).

Every function takes keyword-only arguments, runs in one transaction, validates and writes an
audit record where the history should show the change.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import audit
from accounts.errors import DomainError
from accounts.files import check_upload
from accounts.models import User
from initiatives.calls import services as calls
from initiatives.enums import (
    EDITABLE_STATES,
    FINAL_STATES,
    InitiativeAction,
    InitiativeState,
)
from initiatives.models import (
    Attachment,
    Direction,
    Indicator,
    Initiative,
    StrategyGoal,
    TeamMember,
)
from network.models import Network, Organisation

# The text of the card that the team edits and autosaves; ``revision`` guards them.
DRAFT_FIELDS = (
    "title", "annotation", "problem", "idea", "starts_on", "ends_on", "goal", "tasks",
    "results_people", "results_process", "main_product", "direction", "leader", "network",
    "unrecognised",
)
M2M_FIELDS = ("strategy_goals",)


def academic_year_of(day: datetime.date | None) -> str:
    """«2021/2022» for a date from September 2021 to August 2022."""
    if day is None:
        return ""
    start = day.year if day.month >= 9 else day.year - 1
    return f"{start}/{start + 1}"


class EditConflict(DomainError):
    """Someone else saved the card after this person loaded it; nothing was saved."""

    def __init__(self, current):
        super().__init__(_("Someone else has saved this card since you opened it. "
                           "Nothing of yours was saved over their text."))
        self.current = current


@transaction.atomic
def create_initiative(*, organisation: Organisation, title: str, by: User,
                      network: Network | None = None) -> Initiative:
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Give the project a title."), field="title")
    initiative = Initiative(
        organisation=organisation, title=title[:500], created_by=by, last_edited_by=by,
        state=InitiativeState.DRAFT, network=network,
    )
    initiative.full_clean()
    initiative.save()
    audit.record(initiative, actor=by, action=InitiativeAction.INITIATIVE_CREATED)
    calls.join_the_only_call(initiative, by=by)
    return initiative


@transaction.atomic
def save_draft(initiative: Initiative, *, by: User, revision: int, values: dict) -> Initiative:
    """Save the edited text of the card if nobody saved it since ``revision``.

    ``values`` holds some of ``DRAFT_FIELDS`` and ``strategy_goals``. A stale revision saves
    nothing and raises :class:`EditConflict` carrying the card as the other person left it.
    """
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if locked.state not in EDITABLE_STATES:
        raise DomainError(_("The card cannot be edited in its present state."))
    unknown = set(values) - set(DRAFT_FIELDS) - set(M2M_FIELDS)
    if unknown:
        raise DomainError(_("These fields cannot be changed here."))
    changed = []
    for name, value in values.items():
        if name in M2M_FIELDS:
            continue
        if name == "tasks":
            value = [str(t).strip() for t in value or [] if str(t).strip()]
        if name in ("direction", "leader", "network"):
            if getattr(locked, f"{name}_id") != (value.pk if value else None):
                setattr(locked, name, value)
                changed.append(name)
            continue
        if getattr(locked, name) != value:
            setattr(locked, name, value)
            changed.append(name)
    goals_changed = False
    if "strategy_goals" in values:
        new = {g.pk for g in values["strategy_goals"]}
        goals_changed = new != set(locked.strategy_goals.values_list("pk", flat=True))
    if revision != locked.revision and (changed or goals_changed):
        # Someone saved since this person loaded the card: keep both texts, save nothing.
        raise EditConflict(Initiative.objects.select_related("last_edited_by").get(pk=locked.pk))
    if goals_changed:
        locked.strategy_goals.set(new)
    if "starts_on" in changed:
        locked.academic_year = academic_year_of(locked.starts_on)
        changed.append("academic_year")
    if not changed and not goals_changed:
        initiative.revision = locked.revision
        return initiative
    try:
        locked.full_clean(exclude=["tasks", "organisation", "created_by"])
    except ValidationError as e:
        field, messages = next(iter(e.message_dict.items()))
        raise DomainError(" ".join(messages), field=field) from e
    locked.revision += 1
    locked.last_edited_by = by
    locked.save(update_fields=[*changed, "revision", "last_edited_by", "updated_at"])
    for name in (*changed, "revision", "last_edited_by_id", "updated_at"):
        setattr(initiative, name, getattr(locked, name))
    if "direction" in changed:
        calls.follow_direction(initiative, by=by)
    return initiative


def _editable(initiative):
    if initiative.state not in EDITABLE_STATES:
        raise DomainError(_("The card cannot be edited in its present state."))


@transaction.atomic
def add_team_member(initiative: Initiative, *, by: User, person: User | None = None,
                    outside_name: str = "", position: str = "", is_leader: bool = False):
    _editable(initiative)
    outside_name = (outside_name or "").strip()
    if person is None and not outside_name:
        raise DomainError(_("Choose a person of the portal or write the name."), field="person")
    if person is not None and initiative.team.filter(person=person).exists():
        raise DomainError(_("This person is already on the team."), field="person")
    if is_leader:
        initiative.team.filter(is_leader=True).update(is_leader=False)
        Initiative.objects.filter(pk=initiative.pk).update(leader=person)
        initiative.leader = person
    last = initiative.team.order_by("-order").values_list("order", flat=True).first() or 0
    member = TeamMember.objects.create(
        initiative=initiative, person=person, outside_name="" if person else outside_name[:300],
        position=(position or "").strip()[:300], is_leader=is_leader, order=last + 1,
    )
    audit.record(initiative, actor=by, action=InitiativeAction.TEAM_MEMBER_ADDED,
                 to_value=member.display_name)
    return member


@transaction.atomic
def remove_team_member(member: TeamMember, *, by: User) -> None:
    initiative = member.initiative
    _editable(initiative)
    if member.is_leader and member.person_id and initiative.leader_id == member.person_id:
        Initiative.objects.filter(pk=initiative.pk).update(leader=None)
    audit.record(initiative, actor=by, action=InitiativeAction.TEAM_MEMBER_REMOVED,
                 from_value=member.display_name)
    member.delete()


@transaction.atomic
def add_indicator(initiative: Initiative, *, by: User, name: str, unit: str, target: Decimal,
                  baseline: Decimal | None = None, period: str = "") -> Indicator:
    _editable(initiative)
    last = initiative.indicators.order_by("-order").values_list("order", flat=True).first() or 0
    indicator = Indicator(initiative=initiative, name=(name or "").strip(), unit=(unit or "").strip(),
                          baseline=baseline, target=target, period=(period or "").strip(),
                          order=last + 1)
    try:
        indicator.full_clean()
    except ValidationError as e:
        field, messages = next(iter(e.message_dict.items()))
        raise DomainError(" ".join(messages), field=field) from e
    indicator.save()
    audit.record(initiative, actor=by, action=InitiativeAction.INDICATOR_ADDED,
                 to_value=indicator.name)
    return indicator


@transaction.atomic
def remove_indicator(indicator: Indicator, *, by: User) -> None:
    _editable(indicator.initiative)
    audit.record(indicator.initiative, actor=by, action=InitiativeAction.INDICATOR_REMOVED,
                 from_value=indicator.name)
    indicator.delete()


@transaction.atomic
def attach_file(initiative: Initiative, *, by: User, upload) -> Attachment:
    """Check the upload by its content and store it; a refusal says why, in Russian."""
    if initiative.state in FINAL_STATES:
        raise DomainError(_("Files cannot be attached in the initiative's present state."))
    try:
        checked = check_upload(upload)
    except ValidationError as e:
        raise DomainError(" ".join(e.messages), field="file") from e
    attachment = Attachment(
        initiative=initiative, original_name=checked.original_name, kind=checked.kind,
        size=checked.size, uploaded_by=by,
    )
    upload.seek(0)
    attachment.file.save(checked.stored_name, upload, save=False)
    attachment.save()
    audit.record(initiative, actor=by, action=InitiativeAction.ATTACHMENT_ADDED,
                 to_value=checked.original_name)
    return attachment


@transaction.atomic
def remove_attachment(attachment: Attachment, *, by: User) -> None:
    initiative = attachment.initiative
    audit.record(initiative, actor=by, action=InitiativeAction.ATTACHMENT_REMOVED,
                 from_value=attachment.original_name)
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))


def reference_choices():
    """Directions and strategy goals offered by the card's form."""
    return (
        Direction.objects.select_related("portfolio"),
        StrategyGoal.objects.filter(is_active=True),
    )


