"""Domain functions of networks: membership, rules, events, the ideas library and health.

Every state change is one function here: keyword-only arguments, one transaction, validation,
an audit line, notifications after commit (``accounts.notifications.notify`` queues e-mails
with ``transaction.on_commit``). Views and Celery tasks call these functions.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import audit
from accounts.enums import AuditAction, NotificationKind
from accounts.errors import DomainError
from accounts.files import check_upload
from accounts.models import User
from accounts.notifications import notify
from network import health as health_math
from network.enums import (
    EDITABLE_PRODUCT_STATES,
    MemberRole,
    MemberStatus,
    NetworkAction,
    ProductStatus,
    ProposalStatus,
    RulesAdoption,
    VoteChoice,
)
from network.models import (
    EventFeedback,
    EventMaterial,
    EventOrganiser,
    EventRegistration,
    MethodicalProduct,
    Network,
    NetworkEvent,
    NetworkHealth,
    NetworkMember,
    NetworkOrganisation,
    ProductFile,
    RuleComment,
    RuleProposal,
    RulesVersion,
    RuleVote,
)
from network.queries import organisation_ids_of

TEXT_LIMIT = 20000


def _text(value, *, field, message, limit=TEXT_LIMIT):
    value = (value or "").strip()
    if not value:
        raise DomainError(message, field=field)
    if len(value) > limit:
        raise DomainError(_("The text is too long: at most %(limit)s characters.")
                          % {"limit": limit}, field=field)
    return value


def coordinators_of(network):
    return [m.person for m in network.members.filter(
        role=MemberRole.COORDINATOR, status=MemberStatus.ACTIVE).select_related("person")]


def active_people_of(network):
    return [m.person for m in network.members.filter(
        status=MemberStatus.ACTIVE).select_related("person")]


def membership_of(network, person):
    if not person or not person.is_authenticated:
        return None
    return NetworkMember.objects.filter(network=network, person=person).first()


# --- membership ------------------------------------------------------------------------


@transaction.atomic
def request_to_join(network: Network, *, by: User, message: str = "",
                    notify_people: bool = True) -> NetworkMember:
    """Anyone signed in asks to join; coordinators are told (the demo stays quiet)."""
    member = NetworkMember.objects.select_for_update().filter(network=network, person=by).first()
    if member and member.status in (MemberStatus.ACTIVE, MemberStatus.REQUESTED):
        raise DomainError(_("You are already a member of this network or have asked to join."))
    message = (message or "").strip()[:2000]
    if member is None:
        member = NetworkMember(network=network, person=by)
    member.status, member.role, member.message = MemberStatus.REQUESTED, MemberRole.MEMBER, message
    member.left_at = None
    member.save()
    audit.record(network, actor=by, action=NetworkAction.JOIN_REQUESTED,
                 to_value=MemberStatus.REQUESTED, comment=message)
    if notify_people:
        notify(coordinators_of(network), kind=NotificationKind.NETWORK_JOIN_REQUEST,
               title=_("%(person)s asks to join «%(network)s»")
               % {"person": by.full_name, "network": network.name},
               body=message, url=network.get_absolute_url() + "#members", actor=by)
    return member


def _decide_request(member, *, by, status, action):
    locked = NetworkMember.objects.select_for_update().get(pk=member.pk)
    if locked.status != MemberStatus.REQUESTED:
        raise DomainError(_("This request has already been decided."))
    locked.status = status
    if status == MemberStatus.ACTIVE:
        locked.joined_at = timezone.now()
    locked.save()
    audit.record(locked.network, actor=by, action=action, from_value=MemberStatus.REQUESTED,
                 to_value=status, comment=str(locked.person))
    return locked


@transaction.atomic
def accept_member(member: NetworkMember, *, by: User) -> NetworkMember:
    """A coordinator accepts a request; the person's organisations join the network too."""
    member = _decide_request(member, by=by, status=MemberStatus.ACTIVE,
                             action=NetworkAction.JOIN_ACCEPTED)
    today = timezone.localdate()
    for org_id in organisation_ids_of(member.person):
        _link, created = NetworkOrganisation.objects.get_or_create(
            network=member.network, organisation_id=org_id, defaults={"since": today})
        if created:
            audit.record(member.network, actor=by, action=NetworkAction.ORGANISATION_ADDED,
                         comment=str(_link.organisation))
    notify([member.person], kind=NotificationKind.NETWORK_JOIN_REQUEST,
           title=_("You are now a member of «%(network)s»") % {"network": member.network.name},
           url=member.network.get_absolute_url(), actor=by)
    return member


@transaction.atomic
def decline_member(member: NetworkMember, *, by: User) -> NetworkMember:
    member = _decide_request(member, by=by, status=MemberStatus.DECLINED,
                             action=NetworkAction.JOIN_DECLINED)
    notify([member.person], kind=NotificationKind.NETWORK_JOIN_REQUEST,
           title=_("Your request to join «%(network)s» is declined")
           % {"network": member.network.name},
           url=member.network.get_absolute_url(), actor=by)
    return member


@transaction.atomic
def leave_network(network: Network, *, by: User) -> NetworkMember:
    member = NetworkMember.objects.select_for_update().filter(network=network, person=by).first()
    if member is None or member.status not in (MemberStatus.ACTIVE, MemberStatus.REQUESTED):
        raise DomainError(_("You are not a member of this network."))
    if (member.role == MemberRole.COORDINATOR and member.status == MemberStatus.ACTIVE
            and len(coordinators_of(network)) == 1):
        raise DomainError(_("You are the only coordinator: name another coordinator first."))
    old = member.status
    member.status, member.left_at = MemberStatus.LEFT, timezone.now()
    member.save()
    audit.record(network, actor=by, action=NetworkAction.MEMBER_LEFT, from_value=old,
                 to_value=MemberStatus.LEFT, comment=str(by))
    return member


# --- rules of interaction ----------------------------------------------------------------


def current_rules(network):
    return network.rules_versions.order_by("-number").first()


@transaction.atomic
def propose_rules(network: Network, *, by: User, title: str, text: str) -> RuleProposal:
    title = _text(title, field="title", message=_("Say briefly what changes."), limit=300)
    text = _text(text, field="text", message=_("Write the proposed text of the rules."))
    current = current_rules(network)
    if current is not None and current.text.strip() == text:
        raise DomainError(_("The proposed text is the same as the current rules."), field="text")
    proposal = RuleProposal.objects.create(network=network, title=title, text=text, proposer=by)
    audit.record(proposal, actor=by, action=NetworkAction.RULE_PROPOSED,
                 to_value=ProposalStatus.OPEN)
    return proposal


def _open(proposal):
    locked = RuleProposal.objects.select_for_update().select_related("network").get(pk=proposal.pk)
    if locked.status != ProposalStatus.OPEN:
        raise DomainError(_("The discussion of this proposal is closed."))
    return locked


@transaction.atomic
def comment_on_proposal(proposal: RuleProposal, *, by: User, text: str) -> RuleComment:
    _open(proposal)
    text = _text(text, field="text", message=_("Write your comment."))
    return RuleComment.objects.create(proposal=proposal, author=by, text=text)


def votes_needed(network, active_count):
    """More than ``vote_threshold`` % of active members must vote for."""
    return active_count * network.vote_threshold // 100 + 1


@transaction.atomic
def vote_on_proposal(proposal: RuleProposal, *, by: User, choice: str,
                     notify_people: bool = True) -> RuleProposal:
    """A member votes; in a network that adopts by vote, enough votes for adopt the proposal."""
    proposal = _open(proposal)
    network = proposal.network
    if network.rules_adoption != RulesAdoption.VOTE:
        raise DomainError(_("This network adopts rules by its coordinators' decision after "
                            "discussion, not by vote."))
    if choice not in VoteChoice.values:
        raise DomainError(_("Choose «for» or «against»."), field="choice")
    RuleVote.objects.update_or_create(proposal=proposal, voter=by, defaults={"choice": choice})
    active = network.members.filter(status=MemberStatus.ACTIVE).count()
    votes_for = proposal.votes.filter(
        choice=VoteChoice.FOR, voter__network_memberships__network=network,
        voter__network_memberships__status=MemberStatus.ACTIVE).count()
    if votes_for >= votes_needed(network, active):
        return _adopt(proposal, by=by, notify_people=notify_people)
    return proposal


def _adopt(proposal, *, by, notify_people=True):
    network = proposal.network
    number = (network.rules_versions.aggregate(n=Max("number"))["n"] or 0) + 1
    now = timezone.now()
    version = RulesVersion.objects.create(network=network, number=number, text=proposal.text,
                                          adopted_at=now, proposal=proposal)
    proposal.status, proposal.decided_at = ProposalStatus.ADOPTED, now
    proposal.save(update_fields=["status", "decided_at"])
    audit.record(proposal, actor=by, action=NetworkAction.RULE_ADOPTED,
                 from_value=ProposalStatus.OPEN, to_value=ProposalStatus.ADOPTED)
    audit.record(network, actor=by, action=NetworkAction.RULE_ADOPTED,
                 to_value=str(number), comment=proposal.title)
    if notify_people:
        notify(active_people_of(network), kind=NotificationKind.RULE_ADOPTED,
               title=_("«%(network)s» adopted version %(number)s of its rules")
               % {"network": network.name, "number": number},
               body=proposal.title, url=version.get_absolute_url(), actor=by)
    return proposal


@transaction.atomic
def adopt_proposal(proposal: RuleProposal, *, by: User,
                   notify_people: bool = True) -> RuleProposal:
    """A coordinator adopts a proposal after discussion: it becomes the next rules version."""
    proposal = _open(proposal)
    if proposal.network.rules_adoption == RulesAdoption.VOTE:
        raise DomainError(_("In this network rules are adopted by the members' vote."))
    if not proposal.comments.exists():
        raise DomainError(_("A proposal is adopted after discussion: it has no comments yet."))
    return _adopt(proposal, by=by, notify_people=notify_people)


@transaction.atomic
def reject_proposal(proposal: RuleProposal, *, by: User, comment: str = "") -> RuleProposal:
    proposal = _open(proposal)
    proposal.status, proposal.decided_at = ProposalStatus.REJECTED, timezone.now()
    proposal.save(update_fields=["status", "decided_at"])
    audit.record(proposal, actor=by, action=NetworkAction.RULE_REJECTED,
                 from_value=ProposalStatus.OPEN, to_value=ProposalStatus.REJECTED,
                 comment=(comment or "").strip()[:2000])
    return proposal


# --- networks ---------------------------------------------------------------------------

NETWORK_FIELDS = ("kind", "name", "description", "is_public", "rules_adoption",
                  "vote_threshold", "base_organisation")
RESERVED_SLUGS = {"new"}


@transaction.atomic
def save_network(network: Network | None, *, by: User, values: dict, coordinators=(),
                 organisations=None) -> Network:
    """Create a network (``network`` is None; the address ``values["slug"]`` is set once) or
    change one: its description, how it adopts rules, its coordinators (people named here are
    active coordinators; a coordinator left out stays a member) and, when ``organisations`` is
    given, its member organisations."""
    creating = network is None
    if creating:
        slug = (values.get("slug") or "").strip().lower()
        if slug in RESERVED_SLUGS or Network.objects.filter(slug=slug).exists():
            raise DomainError(_("This address is taken; choose another."), field="slug")
        network = Network(slug=slug)
        before = {}
    else:
        network = Network.objects.select_for_update().get(pk=network.pk)
        before = {f: getattr(network, f) for f in NETWORK_FIELDS}
    values = dict(values)
    values["name"] = _text(values.get("name"), field="name",
                           message=_("Give the network a name."), limit=300)
    for name in NETWORK_FIELDS:
        if name in values:
            setattr(network, name, values[name])
    try:
        network.full_clean()
    except ValidationError as e:
        field, messages = next(iter(e.message_dict.items()))
        raise DomainError(" ".join(messages), field=field) from e
    if not coordinators:
        raise DomainError(_("A network needs at least one coordinator."), field="coordinators")
    network.save()
    changed = [f for f in NETWORK_FIELDS if before.get(f) != getattr(network, f)]
    audit.record(network, actor=by,
                 action=NetworkAction.NETWORK_CREATED if creating else NetworkAction.NETWORK_UPDATED,
                 comment=", ".join(str(Network._meta.get_field(f).verbose_name)
                                   for f in changed) if not creating else "")
    now = timezone.now()
    wanted = {p.pk: p for p in coordinators}
    for member in NetworkMember.objects.filter(network=network, person_id__in=wanted):
        if (member.role, member.status) != (MemberRole.COORDINATOR, MemberStatus.ACTIVE):
            member.role, member.status = MemberRole.COORDINATOR, MemberStatus.ACTIVE
            member.joined_at = member.joined_at or now
            member.left_at = None
            member.save(update_fields=["role", "status", "joined_at", "left_at"])
        wanted.pop(member.person_id)
    NetworkMember.objects.bulk_create(
        NetworkMember(network=network, person=p, role=MemberRole.COORDINATOR,
                      status=MemberStatus.ACTIVE, joined_at=now) for p in wanted.values())
    NetworkMember.objects.filter(network=network, role=MemberRole.COORDINATOR).exclude(
        person_id__in=[p.pk for p in coordinators]).update(role=MemberRole.MEMBER)
    if organisations is not None:
        keep = {o.pk for o in organisations}
        have = set(network.member_organisations.values_list("organisation_id", flat=True))
        network.member_organisations.exclude(organisation_id__in=keep).delete()
        for organisation in organisations:
            if organisation.pk not in have:
                NetworkOrganisation.objects.create(network=network, organisation=organisation,
                                                   since=timezone.localdate())
                audit.record(network, actor=by, action=NetworkAction.ORGANISATION_ADDED,
                             to_value=organisation.short_name)
    return network


# --- events ----------------------------------------------------------------------------


def _organisation_of(person):
    ids = sorted(organisation_ids_of(person))
    return ids[0] if ids else None


def _event_fields(*, title, starts_at, ends_at, place, description):
    title = _text(title, field="title", message=_("Give the event a title."), limit=300)
    if starts_at is None:
        raise DomainError(_("Give the date and time the event starts."), field="starts_at")
    if ends_at is not None and ends_at < starts_at:
        raise DomainError(_("The event cannot end before it starts."), field="ends_at")
    return {"title": title, "starts_at": starts_at, "ends_at": ends_at,
            "place": (place or "").strip()[:300],
            "description": (description or "").strip()[:TEXT_LIMIT]}


def _save_event(event):
    try:
        event.full_clean()
    except ValidationError as e:
        field, messages = next(iter(e.message_dict.items()))
        raise DomainError(" ".join(messages), field=field) from e
    event.save()


@transaction.atomic
def create_event(network: Network, *, by: User, kind: str, title: str,
                 starts_at: datetime.datetime, ends_at: datetime.datetime | None = None,
                 place: str = "", description: str = "", organisers=()) -> NetworkEvent:
    """An event of the network; the person who creates it is its first organiser.

    ``organisers`` are more people who organise it (their first team organisation is recorded).
    """
    event = NetworkEvent(network=network, kind=kind, created_by=by, **_event_fields(
        title=title, starts_at=starts_at, ends_at=ends_at, place=place, description=description))
    _save_event(event)
    people = {by.pk: by}
    for person in organisers:
        people.setdefault(person.pk, person)
    EventOrganiser.objects.bulk_create(
        EventOrganiser(event=event, person=p, organisation_id=_organisation_of(p))
        for p in people.values()
    )
    audit.record(event, actor=by, action=NetworkAction.EVENT_CREATED)
    return event


EVENT_FIELDS = ("kind", "title", "starts_at", "ends_at", "place", "description")


def _registered_people(event, but=None):
    return [r.person for r in event.registrations.select_related("person")
            if r.person_id != getattr(but, "pk", None)]


@transaction.atomic
def update_event(event: NetworkEvent, *, by: User, kind: str, title: str,
                 starts_at: datetime.datetime, ends_at: datetime.datetime | None = None,
                 place: str = "", description: str = "", organisers=()) -> NetworkEvent:
    """Change an event's details and its other organisers (the one who created it stays one).
    People registered for it are told when its time or place changes."""
    event = NetworkEvent.objects.select_for_update().get(pk=event.pk)
    if event.is_cancelled:
        raise DomainError(_("The event is cancelled; it cannot be changed."))
    before = {f: getattr(event, f) for f in EVENT_FIELDS}
    event.kind = kind
    for name, value in _event_fields(title=title, starts_at=starts_at, ends_at=ends_at,
                                     place=place, description=description).items():
        setattr(event, name, value)
    _save_event(event)
    keep = {p.pk for p in organisers} | {event.created_by_id}
    current = set(event.organisers.values_list("person_id", flat=True))
    event.organisers.exclude(person_id__in=keep).delete()
    EventOrganiser.objects.bulk_create(
        EventOrganiser(event=event, person=p, organisation_id=_organisation_of(p))
        for p in organisers if p.pk not in current)
    changed = [f for f in EVENT_FIELDS if getattr(event, f) != before[f]]
    if changed or keep != current:
        audit.record(event, actor=by, action=NetworkAction.EVENT_UPDATED,
                     comment=", ".join(str(NetworkEvent._meta.get_field(f).verbose_name)
                                       for f in changed))
    if {"starts_at", "ends_at", "place"} & set(changed):
        notify(_registered_people(event, but=by), kind=NotificationKind.EVENT_REMINDER,
               title=_("The event «%(title)s» is moved") % {"title": event.title},
               body=_("New time: %(when)s. Place: %(place)s.") % {
                   "when": timezone.localtime(event.starts_at).strftime("%d.%m.%Y %H:%M"),
                   "place": event.place or "—"},
               url=event.get_absolute_url(), actor=by)
    return event


@transaction.atomic
def cancel_event(event: NetworkEvent, *, by: User, reason: str) -> NetworkEvent:
    """Cancel an event with a reason; it stays in the calendar marked cancelled, is not
    counted in the network's health, and the people registered for it are told."""
    reason = _text(reason, field="reason", message=_("Say why the event is cancelled."),
                   limit=2000)
    event = NetworkEvent.objects.select_for_update().get(pk=event.pk)
    if event.is_cancelled:
        raise DomainError(_("The event is already cancelled."))
    event.is_cancelled = True
    event.save(update_fields=["is_cancelled"])
    audit.record(event, actor=by, action=NetworkAction.EVENT_CANCELLED, from_value="",
                 to_value="cancelled", comment=reason)
    notify(_registered_people(event, but=by), kind=NotificationKind.EVENT_REMINDER,
           title=_("The event «%(title)s» is cancelled") % {"title": event.title}, body=reason,
           url=event.get_absolute_url(), actor=by)
    return event


@transaction.atomic
def register_for_event(event: NetworkEvent, *, by: User) -> EventRegistration:
    if event.is_cancelled:
        raise DomainError(_("The event is cancelled."))
    if event.starts_at < timezone.now():
        raise DomainError(_("The event has already started: registration is closed."))
    registration, created = EventRegistration.objects.get_or_create(
        event=event, person=by, defaults={"organisation_id": _organisation_of(by)})
    if not created:
        raise DomainError(_("You are already registered for this event."))
    return registration


@transaction.atomic
def cancel_registration(event: NetworkEvent, *, by: User) -> None:
    deleted, _rows = EventRegistration.objects.filter(event=event, person=by,
                                                      attended=False).delete()
    if not deleted:
        raise DomainError(_("You are not registered for this event."))


@transaction.atomic
def mark_attendance(event: NetworkEvent, *, by: User, attended_ids) -> int:
    """Set who attended among the registered; returns how many attended."""
    if event.starts_at > timezone.now():
        raise DomainError(_("Attendance is marked after the event has started."))
    ids = {int(i) for i in attended_ids}
    regs = list(event.registrations.select_for_update())
    for reg in regs:
        reg.attended = reg.person_id in ids
    EventRegistration.objects.bulk_update(regs, ["attended"])
    count = sum(r.attended for r in regs)
    audit.record(event, actor=by, action=NetworkAction.ATTENDANCE_MARKED, to_value=str(count))
    return count


def _stored(model, *, upload, by, **fk):
    try:
        checked = check_upload(upload)
    except ValidationError as e:
        raise DomainError(" ".join(e.messages), field="file") from e
    row = model(original_name=checked.original_name, kind=checked.kind, size=checked.size,
                uploaded_by=by, **fk)
    upload.seek(0)
    row.file.save(checked.stored_name, upload, save=False)
    row.save()
    return row


@transaction.atomic
def add_event_material(event: NetworkEvent, *, by: User, upload) -> EventMaterial:
    material = _stored(EventMaterial, upload=upload, by=by, event=event)
    audit.record(event, actor=by, action=NetworkAction.EVENT_UPDATED,
                 comment=material.original_name)
    return material


@transaction.atomic
def give_feedback(event: NetworkEvent, *, by: User, rating, text: str = "") -> EventFeedback:
    if not event.registrations.filter(person=by).exists():
        raise DomainError(_("Feedback is given by those registered for the event."))
    if event.starts_at > timezone.now():
        raise DomainError(_("Feedback is given after the event has started."))
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise DomainError(_("Rate the event from 1 to 5."), field="rating")
    feedback, _created = EventFeedback.objects.update_or_create(
        event=event, person=by,
        defaults={"rating": rating, "text": (text or "").strip()[:TEXT_LIMIT]})
    return feedback


def send_event_reminders(*, now: datetime.datetime | None = None,
                         ahead: datetime.timedelta = datetime.timedelta(days=1)) -> int:
    """Remind the registered of events starting within ``ahead``; each event once."""
    now = now or timezone.now()
    sent = 0
    for event_id in NetworkEvent.objects.filter(
        starts_at__gt=now, starts_at__lte=now + ahead, is_cancelled=False,
        reminder_sent_at__isnull=True,
    ).values_list("pk", flat=True):
        sent += _remind(event_id, now=now)
    return sent


@transaction.atomic
def _remind(event_id, *, now):
    event = NetworkEvent.objects.select_for_update().get(pk=event_id)
    if event.reminder_sent_at is not None:
        return 0
    people = [r.person for r in event.registrations.select_related("person")]
    with translation.override(settings.LANGUAGE_CODE):
        when = timezone.localtime(event.starts_at).strftime("%d.%m.%Y %H:%M")
        notify(people, kind=NotificationKind.EVENT_REMINDER,
               title=_("Reminder: «%(title)s» on %(when)s") % {"title": event.title, "when": when},
               body=event.place, url=event.get_absolute_url())
    event.reminder_sent_at = now
    event.save(update_fields=["reminder_sent_at"])
    return len(people)


# --- the ideas library ---------------------------------------------------------------------


PRODUCT_FIELDS = ("kind", "title", "description", "authors_text", "organisation", "network",
                  "year")
EDITABLE_PRODUCT = EDITABLE_PRODUCT_STATES


def _validated(product):
    try:
        product.full_clean(exclude=["created_by", "moderated_by"])
    except ValidationError as e:
        field, messages = next(iter(e.message_dict.items()))
        raise DomainError(" ".join(messages), field=field) from e


@transaction.atomic
def create_product(*, by: User, values: dict, authors=()) -> MethodicalProduct:
    product = MethodicalProduct(created_by=by, status=ProductStatus.DRAFT,
                                **{k: v for k, v in values.items() if k in PRODUCT_FIELDS})
    _validated(product)
    product.save()
    product.authors.set(authors or [by])
    audit.record(product, actor=by, action=NetworkAction.PRODUCT_CREATED,
                 to_value=ProductStatus.DRAFT)
    return product


@transaction.atomic
def update_product(product: MethodicalProduct, *, by: User, values: dict,
                   authors=None) -> MethodicalProduct:
    product = MethodicalProduct.objects.select_for_update().get(pk=product.pk)
    if product.status not in EDITABLE_PRODUCT:
        raise DomainError(_("A product is edited while it is a draft or returned for revision."))
    for name, value in values.items():
        if name in PRODUCT_FIELDS:
            setattr(product, name, value)
    _validated(product)
    product.save()
    if authors is not None:
        product.authors.set(authors)
    audit.record(product, actor=by, action=AuditAction.UPDATED)
    return product


@transaction.atomic
def attach_product_file(product: MethodicalProduct, *, by: User, upload) -> ProductFile:
    if product.status not in EDITABLE_PRODUCT:
        raise DomainError(_("Files are attached while the product is a draft or returned."))
    return _stored(ProductFile, upload=upload, by=by, product=product)


def _product_state(product, *, by, allowed, to, action, comment=""):
    locked = MethodicalProduct.objects.select_for_update().get(pk=product.pk)
    if locked.status not in allowed:
        raise DomainError(_("This cannot be done with the product in its present state."))
    old = locked.status
    locked.status = to
    now = timezone.now()
    if to == ProductStatus.SUBMITTED:
        locked.submitted_at = now
    else:
        locked.moderated_by, locked.moderated_at = by, now
        locked.moderation_comment = comment
    locked.save()
    audit.record(locked, actor=by, action=action, from_value=old, to_value=to, comment=comment)
    return locked


@transaction.atomic
def submit_product(product: MethodicalProduct, *, by: User) -> MethodicalProduct:
    if not (product.description or "").strip():
        raise DomainError(_("Describe the product before sending it for moderation."),
                          field="description")
    return _product_state(product, by=by, allowed=EDITABLE_PRODUCT, to=ProductStatus.SUBMITTED,
                          action=NetworkAction.PRODUCT_SUBMITTED)


@transaction.atomic
def publish_product(product: MethodicalProduct, *, by: User,
                    notify_people: bool = True) -> MethodicalProduct:
    product = _product_state(product, by=by, allowed=(ProductStatus.SUBMITTED,),
                             to=ProductStatus.PUBLISHED, action=NetworkAction.PRODUCT_PUBLISHED)
    if product.created_by_id and notify_people:
        notify([product.created_by], kind=NotificationKind.DECISION_MADE,
               title=_("«%(title)s» is published in the ideas library") % {"title": product.title},
               url=product.get_absolute_url(), actor=by)
    return product


@transaction.atomic
def return_product(product: MethodicalProduct, *, by: User, comment: str) -> MethodicalProduct:
    comment = _text(comment, field="comment", message=_("Say what should be revised."))
    product = _product_state(product, by=by, allowed=(ProductStatus.SUBMITTED,),
                             to=ProductStatus.RETURNED, action=NetworkAction.PRODUCT_RETURNED,
                             comment=comment)
    if product.created_by_id:
        notify([product.created_by], kind=NotificationKind.REVISION_REQUESTED,
               title=_("«%(title)s» is returned for revision") % {"title": product.title},
               body=comment, url=product.get_absolute_url(), actor=by)
    return product


# --- network health ----------------------------------------------------------------------


def health_facts(network: Network):
    """The plain data the pure health computation takes, read in four queries."""
    events = NetworkEvent.objects.filter(network=network, is_cancelled=False).prefetch_related(
        Prefetch("organisers", queryset=EventOrganiser.objects.only(
            "event_id", "person_id", "organisation_id")),
        Prefetch("registrations", queryset=EventRegistration.objects.filter(attended=True).only(
            "event_id", "person_id", "organisation_id"), to_attr="attended"),
    ).only("pk", "starts_at")
    facts = [
        health_math.EventFact(
            starts_on=timezone.localtime(e.starts_at).date(),
            organisers=tuple((o.person_id, o.organisation_id) for o in e.organisers.all()),
            participants=tuple((r.person_id, r.organisation_id) for r in e.attended),
        )
        for e in events
    ]
    initiative_dates = [timezone.localtime(d).date()
                        for d in network.initiatives.values_list("created_at", flat=True)]
    ends = [d for d in network.founding_projects.values_list("ends_on", flat=True) if d]
    return facts, initiative_dates, (max(ends) if ends else None)


@transaction.atomic
def compute_network_health(network: Network, *, today: datetime.date | None = None) -> int:
    """Compute every quarter of the network up to ``today``'s and store it; returns the rows."""
    today = today or timezone.localdate()
    facts, initiative_dates, ended = health_facts(network)
    starts = [f.starts_on for f in facts] + [timezone.localtime(network.created_at).date()]
    first = min(d for d in starts if d <= today) if any(d <= today for d in starts) else today
    rows = health_math.network_health(
        events=facts, initiative_dates=initiative_dates, founding_ended_on=ended,
        first_quarter=first, last_quarter=today,
    )
    with translation.override(settings.LANGUAGE_CODE):
        objs = [
            NetworkHealth(
                network=network, quarter=r.quarter, events_held=r.events_held,
                organisers=r.organisers, organisations=r.organisations,
                active_members=r.active_members, new_initiatives=r.new_initiatives,
                top_person_share=r.top_person_share,
                top_organisation_share=r.top_organisation_share,
                organisers_for_80=r.organisers_for_80, breaks_without_top=r.breaks_without_top,
                events_before_end=r.events_before_end, events_after_end=r.events_after_end,
                status=r.status, reasons=[health_math.reason_text(x) for x in r.reasons],
            )
            for r in rows
        ]
    NetworkHealth.objects.filter(network=network).delete()
    NetworkHealth.objects.bulk_create(objs)
    return len(objs)


def compute_all_health(*, today: datetime.date | None = None) -> int:
    total = 0
    for network in Network.objects.order_by("pk"):
        total += compute_network_health(network, today=today)
    return total
