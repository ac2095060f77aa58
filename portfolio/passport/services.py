"""Domain functions of the project's passport (паспорт муниципального проекта).

The team (the leader, the administrator, the office) writes the draft; the office names who
agrees it beside the curator and sends it for agreement; each person on the лист согласования
agrees; the project committee's decision (``meetings``) approves it and freezes the version; an
approved change request makes the next version. Each function runs in one transaction, refuses
bad input with ``DomainError`` naming the field and writes an audit line; notifications go
after commit.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit
from accounts.documents import numbers
from accounts.enums import NotificationKind
from accounts.errors import DomainError
from accounts.models import User
from accounts.notifications import notify
from accounts.rules import is_office
from initiatives.enums import InitiativeState
from initiatives.models import Indicator, Initiative
from portfolio.models import (
    Funding,
    IndicatorPassport,
    NationalProject,
    Passport,
    PassportAgreement,
    PassportResult,
    PassportVersion,
)
from portfolio.passport import data as passport_data
from portfolio.passport.enums import (
    Accumulation,
    FundingSource,
    GoalLevel,
    PassportAction,
    PassportStatus,
)
from portfolio.plan.enums import ProjectRoleKind

audit.register_actions(PassportAction)
# PassportStatus's labels are registered for the passport's model and actions (portfolio/apps.py).

PASSPORT_STATES = (InitiativeState.APPROVED, InitiativeState.IN_PROGRESS)
MAX_AMOUNT = Decimal("99999999999999.99")


def _text(value, limit=None):
    value = (value or "").strip()
    if limit and len(value) > limit:
        raise DomainError(_("The text is too long (at most %(n)s characters).") % {"n": limit})
    return value


def _kept(initiative):
    if initiative.state not in PASSPORT_STATES:
        raise DomainError(_("The passport is kept only while the project is approved or in "
                            "progress."))


def _draft(initiative):
    """The project's passport, made on first use; refused unless it is a draft."""
    _kept(initiative)
    passport, _created = Passport.objects.select_for_update().get_or_create(
        initiative=initiative)
    if passport.status == PassportStatus.AGREEMENT:
        raise DomainError(_("The passport is on agreement: return it to draft to change it."))
    if passport.status == PassportStatus.APPROVED:
        raise DomainError(_("The passport is approved: its sections change through a change "
                            "request."))
    return passport


def parse_amount(value, field="amount"):
    """Rubles with kopecks: a number, not negative, at most two decimals (a comma is read as
    the decimal point, spaces between thousands are ignored)."""
    if isinstance(value, Decimal):
        amount = value
    else:
        text = str(value or "").strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
        if not text:
            raise DomainError(_("Give the sum in rubles (0 if there is no money)."), field=field)
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise DomainError(_("The sum must be a number of rubles, e.g. 1 250 000,50."),
                              field=field) from None
    if not amount.is_finite():
        raise DomainError(_("The sum must be a number of rubles, e.g. 1 250 000,50."),
                          field=field)
    if amount < 0:
        raise DomainError(_("The sum cannot be negative."), field=field)
    if amount.as_tuple().exponent < -2 and amount != amount.quantize(Decimal("0.01")):
        raise DomainError(_("Rubles have at most two decimals (kopecks)."), field=field)
    if amount > MAX_AMOUNT:
        raise DomainError(_("The sum is too large."), field=field)
    return amount.quantize(Decimal("0.01"))


def parse_value(value, field="value"):
    """A result's value: a number, not negative, at most two decimals."""
    try:
        return parse_amount(value, field=field)
    except DomainError as e:
        raise DomainError(_("The value must be a number not below zero with at most two "
                            "decimals, e.g. 12,5."), field=field) from e


def _year(initiative, year, field="year"):
    if year is None:
        raise DomainError(_("Give the year."), field=field)
    first = initiative.starts_on.year if initiative.starts_on else None
    last = initiative.ends_on.year if initiative.ends_on else None
    if (first and year < first) or (last and year > last):
        raise DomainError(_("The year must fall within the project's years %(first)s–%(last)s.")
                          % {"first": first or "…", "last": last or "…"}, field=field)
    return year


@transaction.atomic
def save_main(initiative: Initiative, *, by: User, short_name: str = "", full_name: str = "",
              municipal_programme: str = "", national_projects=(), regional_projects: str = "",
              participants: str = "", additional_info: str = "") -> Passport:
    """The team's part of основные положения, участники and дополнительная информация."""
    passport = _draft(initiative)
    passport.short_name = _text(short_name, 200)
    passport.full_name = _text(full_name, 1000)
    passport.municipal_programme = _text(municipal_programme, 1000)
    passport.regional_projects = _text(regional_projects, 5000)
    passport.participants = _text(participants, 5000)
    passport.additional_info = _text(additional_info, 10000)
    passport.save()
    chosen = list(national_projects)
    if any(not n.is_active for n in chosen if n.pk not in
           set(passport.national_projects.values_list("pk", flat=True))):
        raise DomainError(_("Choose national projects offered for passports."),
                          field="national_projects")
    passport.national_projects.set(chosen)
    audit.record(initiative, actor=by, action=PassportAction.SAVED,
                 comment=passport.short_name or initiative.title)
    return passport


@transaction.atomic
def describe_indicator(indicator: Indicator, *, by: User, accumulation: str, level: str,
                       method: str = "", baseline_on: datetime.date | None = None):
    """How the indicator's year values are read, how it is calculated, its goal's level."""
    initiative = indicator.initiative
    _draft(initiative)
    if accumulation not in Accumulation.values:
        raise DomainError(_("Choose how the values of a year are read."), field="accumulation")
    if level not in GoalLevel.values:
        raise DomainError(_("Choose the level of the goal."), field="level")
    details, _created = IndicatorPassport.objects.update_or_create(
        indicator=indicator, defaults={"accumulation": accumulation, "level": level,
                                       "method": _text(method, 5000),
                                       "baseline_on": baseline_on})
    audit.record(initiative, actor=by, action=PassportAction.INDICATOR_SET,
                 to_value=details.get_accumulation_display(), comment=indicator.name)
    return details


@transaction.atomic
def save_result(initiative: Initiative, *, by: User, title: str, year: int, value,
                unit: str = "", characteristic: str = "") -> PassportResult:
    """A result's value in one year (a second value for the same result and year replaces it)."""
    passport = _draft(initiative)
    title = _text(title, 500)
    if not title:
        raise DomainError(_("Name the result."), field="title")
    _year(initiative, year)
    value = parse_value(value)
    result, _created = PassportResult.objects.update_or_create(
        passport=passport, title=title, year=year,
        defaults={"value": value, "unit": _text(unit, 50),
                  "characteristic": _text(characteristic, 5000)})
    audit.record(initiative, actor=by, action=PassportAction.RESULT_ADDED,
                 to_value=passport_data.number_text(value), comment=f"{title} ({year})")
    return result


@transaction.atomic
def remove_result(result: PassportResult, *, by: User):
    initiative = result.passport.initiative
    _draft(initiative)
    audit.record(initiative, actor=by, action=PassportAction.RESULT_REMOVED,
                 comment=str(result))
    result.delete()


@transaction.atomic
def set_funding(initiative: Initiative, *, by: User, year: int, source: str, amount) -> Funding:
    """The sum of one calendar year from one source; zero allowed."""
    passport = _draft(initiative)
    if source not in FundingSource.values:
        raise DomainError(_("Choose the source of funding."), field="source")
    _year(initiative, year)
    amount = parse_amount(amount)
    before = Funding.objects.filter(passport=passport, year=year, source=source).first()
    row, _created = Funding.objects.update_or_create(passport=passport, year=year,
                                                     source=source,
                                                     defaults={"amount": amount})
    audit.record(initiative, actor=by, action=PassportAction.FUNDING_SET,
                 from_value=passport_data.rubles(before.amount) if before else "",
                 to_value=passport_data.rubles(amount),
                 comment=f"{year}: {row.get_source_display()}")
    return row


@transaction.atomic
def add_approver(initiative: Initiative, *, by: User, person: User,
                 position: str = "") -> PassportAgreement:
    """The office names a person who agrees the passport beside the curator."""
    if by is None or not is_office.test(by):
        raise DomainError(_("Only the project office names who agrees the passport."))
    passport = _draft(initiative)
    if person is None or not person.is_active:
        raise DomainError(_("Choose a person."), field="person")
    if passport.agreements.filter(person=person).exists():
        raise DomainError(_("This person is already on the agreement sheet."), field="person")
    row = PassportAgreement.objects.create(passport=passport, person=person,
                                           position=_text(position, 300))
    audit.record(initiative, actor=by, action=PassportAction.APPROVER_ADDED,
                 to_value=person.full_name)
    return row


@transaction.atomic
def send_for_agreement(initiative: Initiative, *, by: User) -> Passport:
    """The draft goes to the curator and the people the office named; earlier agreements are
    cleared (the text may have changed since)."""
    passport = _draft(initiative)
    curator = initiative.project_roles.filter(role=ProjectRoleKind.CURATOR,
                                              person__isnull=False).first()
    if curator is None:
        raise DomainError(_("The project has no curator on the portal yet: the office assigns "
                            "one on the page of roles and plan."))
    if not initiative.indicators.exists():
        raise DomainError(_("The passport needs at least one indicator (on the card)."))
    row, _created = PassportAgreement.objects.get_or_create(
        passport=passport, person_id=curator.person_id,
        defaults={"position": curator.position, "is_curator": True})
    if not row.is_curator:
        row.is_curator = True
        row.save(update_fields=["is_curator"])
    passport.agreements.update(agreed_at=None, comment="", round=_last_round(passport) + 1)
    passport.status = PassportStatus.AGREEMENT
    passport.save(update_fields=["status", "updated_at"])
    audit.record(initiative, actor=by, action=PassportAction.SENT,
                 from_value=PassportStatus.DRAFT, to_value=PassportStatus.AGREEMENT)
    people = [a.person for a in passport.agreements.select_related("person")]
    transaction.on_commit(lambda: notify(
        people, kind=NotificationKind.DECISION_MADE,
        title=_("Agree the passport of the project «%(title)s»") % {"title": initiative.title},
        url=passport.get_absolute_url()))
    return passport


def _last_round(passport):
    last = passport.agreements.order_by("-round").values_list("round", flat=True).first()
    return last or 0


@transaction.atomic
def agree(initiative: Initiative, *, by: User, comment: str = "") -> PassportAgreement:
    """The person on the sheet agrees the passport on agreement (with a remark if any)."""
    passport = Passport.objects.select_for_update().filter(initiative=initiative).first()
    if passport is None or passport.status != PassportStatus.AGREEMENT:
        raise DomainError(_("The passport is not on agreement."))
    row = passport.agreements.filter(person=by).first()
    if row is None:
        raise DomainError(_("You are not on the agreement sheet of this passport."))
    if row.agreed_at:
        raise DomainError(_("You have already agreed this passport."))
    row.agreed_at, row.comment = timezone.now(), _text(comment, 5000)
    row.save(update_fields=["agreed_at", "comment"])
    audit.record(initiative, actor=by, action=PassportAction.AGREED, comment=row.comment)
    return row


@transaction.atomic
def return_to_draft(initiative: Initiative, *, by: User, comment: str = "") -> Passport:
    passport = Passport.objects.select_for_update().filter(initiative=initiative).first()
    if passport is None or passport.status != PassportStatus.AGREEMENT:
        raise DomainError(_("Only a passport on agreement returns to draft."))
    passport.status = PassportStatus.DRAFT
    passport.save(update_fields=["status", "updated_at"])
    audit.record(initiative, actor=by, action=PassportAction.RETURNED,
                 from_value=PassportStatus.AGREEMENT, to_value=PassportStatus.DRAFT,
                 comment=_text(comment, 5000))
    return passport


def _freeze(passport, *, by, basis, protocol_number, protocol_date, change=None):
    project = passport_data.project_for_passport(passport.initiative_id)
    data = passport_data.build(project, passport_data.passport_of(project))
    passport.version += 1
    passport.status = PassportStatus.APPROVED
    passport.save(update_fields=["version", "status", "updated_at"])
    data["agreements"] = [
        {"name": a.person.full_name, "position": a.position, "is_curator": a.is_curator,
         "agreed_at": timezone.localtime(a.agreed_at).strftime("%d.%m.%Y %H:%M")
         if a.agreed_at else "", "comment": a.comment}
        for a in passport.agreements.select_related("person")]
    version = PassportVersion.objects.create(
        passport=passport, number=passport.version, snapshot=data, approved_at=timezone.now(),
        basis=basis[:500], protocol_number=str(protocol_number or "")[:50],
        protocol_date=protocol_date, change=change, approved_by=by)
    numbers.issue_document(numbers.PASSPORT, version, by=by,
                           on=protocol_date or timezone.localdate())
    audit.record(passport.initiative, actor=by, action=PassportAction.APPROVED,
                 to_value=str(version.number), comment=basis,
                 data={"version": version.pk, "change": change.pk if change else None})
    return version


@transaction.atomic
def approve(initiative: Initiative, *, by: User, basis: str, protocol_number="",
            protocol_date: datetime.date | None = None) -> PassportVersion:
    """The project committee approves the passport on agreement (called when the minutes with
    the decision «утвердить паспорт» are approved): every person on the sheet must have
    agreed; the version is frozen."""
    passport = Passport.objects.select_for_update().filter(initiative=initiative).first()
    if passport is None:
        raise DomainError(_("the project «%(title)s» has no passport") %
                          {"title": initiative.title})
    if passport.status != PassportStatus.AGREEMENT:
        raise DomainError(_("the passport of «%(title)s» is not on agreement") %
                          {"title": initiative.title})
    waiting = [a.person.full_name for a in passport.agreements.select_related("person")
               if a.agreed_at is None]
    if waiting:
        raise DomainError(_("the passport of «%(title)s» is not agreed by %(names)s") %
                          {"title": initiative.title, "names": ", ".join(waiting)})
    return _freeze(passport, by=by, basis=basis, protocol_number=protocol_number,
                   protocol_date=protocol_date)


def approved_passport(initiative):
    return Passport.objects.filter(initiative=initiative,
                                   status=PassportStatus.APPROVED).first()


def next_version(initiative, *, by, change, basis, protocol_number="", protocol_date=None):
    """An approved change request makes the next version of an approved passport (inside the
    change's transaction)."""
    passport = Passport.objects.select_for_update().filter(
        initiative=initiative, status=PassportStatus.APPROVED).first()
    if passport is None:
        return None
    return _freeze(passport, by=by, basis=basis, protocol_number=protocol_number,
                   protocol_date=protocol_date, change=change)


def active_national_projects():
    return NationalProject.objects.filter(is_active=True)
