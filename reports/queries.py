"""Reads behind the home pages and dashboards. Each makes a fixed number of queries."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from initiatives import lifecycle
from initiatives import queries as initiative_queries
from network.queries import organisation_ids_of


@dataclass
class HomeSection:
    """One block of a person's home page: what waits for their action in one role."""

    role: str
    title: str
    items: list = field(default_factory=list)
    empty_text: str = ""
    links: list = field(default_factory=list)


def home_sections(user):
    sections = []
    if organisation_ids_of(user):
        initiatives = initiative_queries.team_home(user)
        for initiative in initiatives:
            initiative.todo = lifecycle.TEAM_TODO.get(initiative.state, "")
        sections.append(
            HomeSection(
                role="school_team",
                title=_("My organisation's team"),
                items=initiatives,
                links=list(user.memberships.filter(is_active=True).select_related("organisation")),
                empty_text=_(
                    "Nothing waits for you now. When your team brings a project initiative, "
                    "its card and what the office asks of you will appear here."
                ),
            )
        )
    roles = user.role_codes
    if "expert" in roles:
        sections.append(
            HomeSection(
                role="expert",
                title=_("My expertise"),
                items=initiative_queries.expert_home(user),
                empty_text=_(
                    "No reviews are assigned to you. The office will notify you when it asks "
                    "for your expertise or consultation."
                ),
            )
        )
    if "office_staff" in roles:
        sections.append(
            HomeSection(
                role="office_staff",
                title=_("Work queues of the office"),
                items=initiative_queries.office_queue(),
                empty_text=_("All queues are empty: no initiative waits for the office."),
            )
        )
    if "office_head" in roles:
        sections.append(
            HomeSection(
                role="office_head",
                title=_("Decisions awaiting the head"),
                items=initiative_queries.awaiting_decision(),
                empty_text=_("No decisions are waiting for you."),
            )
        )
    return sections
