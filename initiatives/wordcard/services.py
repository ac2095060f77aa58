"""Domain functions of the Word card: read an upload for the preview, confirm it into a draft.

:func:`read_card_upload` checks the file, reads it and keeps what was read on the server
(:class:`WordCardImport`) under a token; it creates no draft. :func:`confirm_card_import`
makes the draft (or fills the draft the person uploaded into) in one transaction, writes the
history line and deletes the kept reading.
"""

import datetime
import re
import secrets
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit
from accounts.errors import DomainError
from accounts.models import User
from accounts.rules import is_office
from initiatives.calls import questions
from initiatives.enums import EDITABLE_STATES, InitiativeAction
from initiatives.models import (
    Direction,
    Indicator,
    Initiative,
    StrategyGoal,
    TeamMember,
    WordCardImport,
)
from initiatives.services import academic_year_of, create_initiative
from initiatives.wordcard.checks import check_card_upload
from initiatives.wordcard.mapping import TEXT_KEYS, normalise, read_card
from network.models import Network, Organisation
from network.queries import organisation_ids_of

KEEP_READINGS = datetime.timedelta(days=1)


def _words(text):
    return set(re.findall(r"\w+", normalise(text)))


def match_organisation(text, organisations):
    """The organisation among ``organisations`` that the card names, or None."""
    wanted = normalise(text)
    if not wanted:
        return None
    best, best_score = None, 0.0
    for organisation in organisations:
        for name in (organisation.short_name, organisation.full_name):
            name = normalise(name)
            if name and (name == wanted or name in wanted or wanted in name):
                return organisation
            a, b = _words(name), _words(wanted)
            score = len(a & b) / len(a | b) if a | b else 0
            if score > best_score:
                best, best_score = organisation, score
    return best if best_score >= 0.6 else None


def read_card_upload(*, upload, by: User, initiative: Initiative | None = None) -> WordCardImport:
    """Check and read an uploaded card; the reading waits for the person's confirmation."""
    if initiative is not None and initiative.state not in EDITABLE_STATES:
        raise DomainError(_("The card cannot be edited in its present state."))
    try:
        checked = check_card_upload(upload)
    except ValidationError as e:
        raise DomainError(" ".join(e.messages), field="file") from e
    try:
        card = read_card(upload, question_labels=questions.labels_for_reading(initiative))
    except Exception as e:  # python-docx and lxml raise many kinds on a broken document
        raise DomainError(_("The file «%(name)s» cannot be read as a Word document.")
                          % {"name": checked.original_name}, field="file") from e
    with transaction.atomic():
        # readings nobody confirmed within a day are dropped (they hold names and phones)
        WordCardImport.objects.filter(created_at__lt=timezone.now() - KEEP_READINGS).delete()
        return WordCardImport.objects.create(
            token=secrets.token_urlsafe(32), owner=by, initiative=initiative,
            file_name=checked.original_name, card=card,
        )


def unrecognised_text(card):
    """The pieces nobody could place, as the «не распознано» block keeps them."""
    pieces = []
    # sections of registered headings no field takes yet stay visible here too
    for piece in [*card.get("unrecognised", []), *card.get("extra", [])]:
        heading, text = piece.get("heading", ""), piece.get("text", "")
        if heading and text:
            pieces.append(f"{heading}: {text}" if "\n" not in text else f"{heading}:\n{text}")
        else:
            pieces.append(heading or text)
    return "\n".join(p for p in pieces if p.strip())


def _by_name(queryset, text, name=str):
    wanted = normalise(text)
    if not wanted:
        return None
    return next((o for o in queryset if normalise(name(o)) == wanted), None)


def direction_name(direction):
    return f"{direction.portfolio} — {direction}"


def references(card):
    """The direction, network and strategy goals the card names, found by their names; the
    names not found."""
    direction = _by_name(Direction.objects.select_related("portfolio"),
                         card.get("direction_text", ""), direction_name)
    network = _by_name(Network.objects.all(), card.get("network_text", ""))
    goals, missing = [], []
    all_goals = list(StrategyGoal.objects.filter(is_active=True))
    for text in card.get("strategy_goals_text", []):
        goal = _by_name(all_goals, text)
        (goals.append(goal) if goal else missing.append(text))
    if card.get("direction_text") and direction is None:
        missing.insert(0, card["direction_text"])
    if card.get("network_text") and network is None:
        missing.append(card["network_text"])
    return direction, network, goals, missing


@transaction.atomic
def confirm_card_import(reading: WordCardImport, *, by: User,
                        organisation: Organisation | None = None) -> Initiative:
    """Make the draft the person saw in the preview, or fill their draft with it."""
    card = reading.card
    if reading.owner_id != by.pk:
        raise DomainError(_("This reading of a Word card belongs to someone else."))
    if reading.initiative_id is None:
        if organisation is None:
            raise DomainError(_("Choose the organisation of the initiative."),
                              field="organisation")
        if not is_office.test(by) and organisation.pk not in organisation_ids_of(by):
            raise DomainError(_("A team makes drafts only for its own organisation."),
                              field="organisation")
        title = card.get("title") or reading.file_name.rsplit(".", 1)[0]
        initiative = create_initiative(organisation=organisation, title=title, by=by)
    else:
        initiative = Initiative.objects.select_for_update().get(pk=reading.initiative_id)
        if initiative.state not in EDITABLE_STATES:
            raise DomainError(_("The card cannot be edited in its present state."))
    # the call's questions take the headings the seed's sections left (never instead of them)
    card = questions.claim_from_card(initiative, card, by=by,
                                     direction_id=getattr(references(card)[0], "pk", None))
    _fill(initiative, card)
    initiative.revision += 1
    initiative.last_edited_by = by
    try:
        initiative.full_clean(exclude=["tasks", "organisation", "created_by"])
    except ValidationError as e:
        field, messages = next(iter(e.message_dict.items()))
        raise DomainError(" ".join(messages), field=field) from e
    initiative.save()
    direction, network, goals, _missing = references(card)
    if goals:
        initiative.strategy_goals.add(*goals)
    _add_people(initiative, card)
    _add_indicators(initiative, card)
    audit.record(initiative, actor=by, action=InitiativeAction.WORD_CARD_IMPORTED,
                 to_value=reading.file_name)
    reading.delete()
    return initiative


def _fill(initiative, card):
    if card.get("title"):
        initiative.title = card["title"][:500]
    for key in TEXT_KEYS:
        if card.get(key):
            setattr(initiative, key, card[key])
    if card.get("tasks"):
        initiative.tasks = list(card["tasks"])
    if card.get("starts_on") and card.get("ends_on"):
        initiative.starts_on = datetime.date.fromisoformat(card["starts_on"])
        initiative.ends_on = datetime.date.fromisoformat(card["ends_on"])
        initiative.academic_year = academic_year_of(initiative.starts_on)
    direction, network, _goals, missing = references(card)
    if direction is not None:
        initiative.direction = direction
    if network is not None:
        initiative.network = network
    extra = unrecognised_text(card)
    if missing:
        extra = "\n".join([extra, *missing]).strip()
    if extra:
        initiative.unrecognised = f"{initiative.unrecognised}\n{extra}".strip()


def _people_of(organisation):
    """{normalised full name: person} of the organisation's active members."""
    people = User.objects.filter(memberships__organisation=organisation,
                                 memberships__is_active=True, is_active=True).distinct()
    return {normalise(p.full_name): p for p in people}


def _add_people(initiative, card):
    """The leader and the team of the card; a name that is a member of the organisation on the
    portal becomes that person (the leader then leads the card), others stay names."""
    team = list(initiative.team.select_related("person"))
    present = {(m.display_name, m.position) for m in team}
    on_team = {m.person_id for m in team if m.person_id}
    people = _people_of(initiative.organisation)
    last = max([m.order for m in team] or [0])
    rows = []

    def row(entry, **extra):
        person = people.get(normalise(entry["name"]))
        if person is not None and person.pk in on_team:
            return None
        if person is not None:
            on_team.add(person.pk)
        return TeamMember(initiative=initiative, person=person,
                          outside_name="" if person else entry["name"],
                          position=entry.get("position", ""), **extra)

    leader = card.get("leader")
    if leader and leader.get("name") and not any(m.is_leader for m in team):
        member = row(leader, phone=leader.get("phone", ""), email=leader.get("email", ""),
                     is_leader=True)
        if member is not None:
            rows.append(member)
            if member.person_id and initiative.leader_id is None:
                Initiative.objects.filter(pk=initiative.pk).update(leader=member.person)
                initiative.leader = member.person
    for entry in card.get("team", []):
        if (entry["name"], entry.get("position", "")) not in present:
            member = row(entry)
            if member is not None:
                rows.append(member)
    for n, member in enumerate(rows, last + 1):
        member.order = n
    TeamMember.objects.bulk_create(rows)


def _add_indicators(initiative, card):
    last = max([i.order for i in initiative.indicators.all()] or [0])
    rows = []
    for n, item in enumerate(card.get("indicators", []), last + 1):
        baseline = item.get("baseline")
        rows.append(Indicator(initiative=initiative, name=item["name"], unit=item["unit"],
                              baseline=Decimal(baseline) if baseline is not None else None,
                              target=Decimal(item["target"]), period=item.get("period", ""),
                              order=n))
    Indicator.objects.bulk_create(rows)
