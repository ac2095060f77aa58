"""Domain functions of networks: membership, rules, the network itself and its health.

Events are in :mod:`network.events`, the ideas library in :mod:`network.library`.

Every state change is one function here: keyword-only arguments, one transaction, validation,
an audit line, notifications after commit (``accounts.notifications.notify`` queues e-mails
with ``transaction.on_commit``). Views and Celery tasks call these functions."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import audit
from accounts.enums import NotificationKind
from accounts.errors import DomainError
from accounts.files import check_upload
from accounts.models import User
from accounts.notifications import notify
from network import health as health_math
from network.enums import (
    MemberRole,
    MemberStatus,
    NetworkAction,
    ProposalStatus,
    RulesAdoption,
    VoteChoice,
)
from network.models import (
    EventOrganiser,
    EventRegistration,
    Network,
    NetworkEvent,
    NetworkHealth,
    NetworkMember,
    NetworkOrganisation,
    RuleComment,
    RuleProposal,
    RulesVersion,
    RuleVote,
)
from network.queries import organisation_ids_of

TEXT_LIMIT = 20000


def checked_text(value, *, field, message, limit=TEXT_LIMIT):
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


def current_rules(network):
    return network.rules_versions.order_by("-number").first()


@transaction.atomic
def propose_rules(network: Network, *, by: User, title: str, text: str) -> RuleProposal:
    title = checked_text(title, field="title", message=_("Say briefly what changes."), limit=300)
    text = checked_text(text, field="text", message=_("Write the proposed text of the rules."))
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
    text = checked_text(text, field="text", message=_("Write your comment."))
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
    values["name"] = checked_text(values.get("name"), field="name",
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


def stored_file(model, *, upload, by, **fk):
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
