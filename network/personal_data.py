"""A person's share of network data for the personal data export, and its anonymiser."""

from accounts.personal_data import DataPart
from network.enums import MemberStatus
from network.models import (
    EventFeedback,
    EventOrganiser,
    EventRegistration,
    NetworkMember,
    RuleComment,
    RuleVote,
)


def export_network_data(person):
    return [
        DataPart("network-memberships", list(
            NetworkMember.objects.filter(person=person).values(
                "network__name", "role", "status", "message", "requested_at", "joined_at",
                "left_at"))),
        DataPart("network-events-organised", list(
            EventOrganiser.objects.filter(person=person).values(
                "event__title", "event__starts_at", "organisation__short_name"))),
        DataPart("network-event-registrations", list(
            EventRegistration.objects.filter(person=person).values(
                "event__title", "event__starts_at", "registered_at", "attended"))),
        DataPart("network-event-feedback", list(
            EventFeedback.objects.filter(person=person).values(
                "event__title", "rating", "text", "created_at"))),
        DataPart("network-rule-comments", list(
            RuleComment.objects.filter(author=person).values(
                "proposal__network__name", "proposal__title", "text", "created_at"))),
        DataPart("network-rule-votes", list(
            RuleVote.objects.filter(voter=person).values(
                "proposal__network__name", "proposal__title", "choice", "voted_at"))),
    ]


def anonymise_network_data(person):
    """Memberships end, the texts the person wrote about themselves are cleared. Organising,
    attendance and ratings stay (without a name) so that network health stays true."""
    NetworkMember.objects.filter(person=person).exclude(status=MemberStatus.LEFT).update(
        status=MemberStatus.LEFT)
    NetworkMember.objects.filter(person=person).update(message="")
    EventFeedback.objects.filter(person=person).update(text="")
