"""Expert positions and the evidence of an expert's growth.

The position (содержательный эксперт → системный эксперт‑методолог → развивающий эксперт →
развиватель) belongs to the person, so it lives here, in the lowest app. The evidence comes from
higher apps (reviews and consultations from ``initiatives``, network events from ``network``):
each registers an *evidence provider* with :func:`register_evidence` in its ``AppConfig.ready``,
so this module never imports them.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit
from accounts.enums import AuditAction, ExpertPositionKind
from accounts.errors import DomainError
from accounts.models import ExpertPosition, User
from accounts.rules import is_expert, is_office


@dataclass(frozen=True)
class EvidenceProvider:
    """``rows(people)`` is a queryset of the pieces of evidence of those people, one row per
    piece."""

    key: str
    label: str
    rows: Callable
    order: int = 100


_PROVIDERS: dict[str, EvidenceProvider] = {}


def register_evidence(key, *, label, rows, order=100):
    """Add (or replace) an evidence provider. The initiatives app adds reviews, consultations and
    accepted recommendations here."""
    _PROVIDERS[key] = EvidenceProvider(key=key, label=label, rows=rows, order=order)


def evidence_providers():
    return sorted(_PROVIDERS.values(), key=lambda p: (p.order, p.key))


def evidence_for(person):
    """[(label, number)] for one person, in one query: each provider's count as one row of a
    UNION ALL."""
    providers = evidence_providers()
    if not providers:
        return []
    counts = [p.rows([person]).order_by().annotate(evidence=Value(p.key)).values("evidence")
              .annotate(n=Count("pk")).values_list("evidence", "n") for p in providers]
    found = dict(counts[0].union(*counts[1:], all=True))
    return [(p.label, found.get(p.key, 0)) for p in providers]


def current_position(person):
    return person.expert_positions.order_by("-since", "-pk").first()


@transaction.atomic
def set_expert_position(person: User, *, position: str, reason: str, by: User,
                        since: datetime.date | None = None) -> ExpertPosition:
    """Record a new position of an expert; the office (staff, head) does it, always with a
    reason (issue 18: office staff manage experts' positions on the person's page)."""
    if by is None or not is_office.test(by):
        raise DomainError(_("Only the project office records an expert's position."))
    if not is_expert.test(person):
        raise DomainError(_("This person is not an expert of the office."))
    if position not in ExpertPositionKind.values:
        raise DomainError(_("Choose a position from the list."), field="position")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Write the reason for the change of position."), field="reason")
    since = since or timezone.localdate()
    if since > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."), field="since")
    previous = current_position(person)
    if previous is not None and previous.position == position:
        raise DomainError(_("The expert already holds this position."), field="position")
    row = ExpertPosition.objects.create(person=person, position=position, since=since,
                                        reason=reason[:5000], set_by=by)
    audit.record(person, actor=by, action=AuditAction.EXPERT_POSITION_SET,
                 from_value=previous.position if previous else "", to_value=position,
                 comment=reason)
    return row
