"""The demo's project model (issue 25): roles, a calendar plan, a passport approved by the
project committee's sitting with its protocol's number, a second passport on agreement waiting
for its curator (the head's home shows it); a second seed adds nothing."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from accounts.audit import value_label
from accounts.documents import numbers
from accounts.models import User
from meetings.demo.committee import TOPIC
from meetings.enums import DecisionKind, MeetingStatus
from meetings.models import Decision, Meeting
from portfolio.demo.passport import READING, SCHOOL
from portfolio.models import Passport, PassportAgreement, PassportVersion, PlanItem, ProjectRole
from portfolio.passport.enums import PassportStatus
from portfolio.plan.enums import ProjectRoleKind
from reports.management.commands.seed_demo import FIXED_DAY

pytestmark = pytest.mark.django_db


def _counts():
    return (Passport.objects.count(), PassportVersion.objects.count(),
            PassportAgreement.objects.count(), Meeting.objects.count(), PlanItem.objects.count(),
            ProjectRole.objects.count())


def test_the_demo_passport_is_approved_by_the_committee_with_its_protocol_number(demo):
    passport = Passport.objects.select_related("initiative").get(initiative__title=READING)
    project = passport.initiative
    roles = dict(ProjectRole.objects.filter(initiative=project)
                 .values_list("role", "person__username"))
    assert roles == {ProjectRoleKind.CURATOR: "head", ProjectRoleKind.ADMINISTRATOR: "team"}
    assert PlanItem.objects.filter(initiative=project).count() >= 10
    meeting = Meeting.objects.get(topic=TOPIC)
    assert meeting.format.is_project_committee
    assert meeting.status == MeetingStatus.MINUTES_APPROVED
    assert meeting.local_date < FIXED_DAY
    decision = Decision.objects.get(item__meeting=meeting)
    with translation.override("ru"):  # the meeting's history names the decision in words
        assert str(value_label(decision.kind)) == "утвердить паспорт проекта"
    assert (decision.kind, decision.item.initiative_id) == (DecisionKind.APPROVE_PASSPORT,
                                                           project.pk)
    assert decision.executed_at is not None
    [version] = PassportVersion.objects.filter(passport=passport)
    assert (passport.status, version.number) == (PassportStatus.APPROVED, 1)
    assert (version.protocol_number, version.protocol_date) == (str(meeting.number),
                                                               meeting.local_date)
    assert version.basis == f"по решению заседания № {meeting.number} от " \
                            f"{meeting.local_date:%d.%m.%Y}"
    issued = numbers.document_of(numbers.PASSPORT, version)
    assert issued.number == f"{issued.serial}-ПП/{meeting.local_date.year}"
    # the frozen version carries what the administrator wrote
    data = version.snapshot
    assert data["main"]["short_name"] == "Смысловое чтение"
    assert [a["name"] for a in data["agreements"]] == [
        User.objects.get(username="head").full_name, User.objects.get(username="zaitseva").full_name]
    agreed = PassportAgreement.objects.filter(passport=passport).values_list("agreed_at",
                                                                             flat=True)
    assert all(a.date() < meeting.local_date for a in agreed)


def test_the_second_passport_waits_on_the_curators_home(demo, client):
    passport = Passport.objects.get(initiative__title=SCHOOL)
    assert passport.status == PassportStatus.AGREEMENT
    head = User.objects.get(username="head")
    assert list(PassportAgreement.objects.filter(passport=passport).values_list(
        "person__username", "is_curator", "agreed_at")) == [("head", True, None)]
    client.force_login(head)
    response = client.get(reverse("home"))
    [curator] = [s for s in response.context["sections"] if s.role == "curator"]
    assert [p.passport_id for p in curator.extra["queue"].passports] == [passport.pk]
    assert passport.get_absolute_url() in response.content.decode()
    page = client.get(passport.get_absolute_url())
    assert page.status_code == 200
    assert "Согласовать паспорт" in page.content.decode()


def test_a_second_seed_adds_no_passport_meeting_or_plan(demo):
    counts = _counts()
    call_command("seed_demo", verbosity=0)
    assert _counts() == counts
    assert Meeting.objects.filter(topic=TOPIC).count() == 1


def test_the_committee_sits_on_a_working_day_before_the_demos_day(demo):
    day = Meeting.objects.get(topic=TOPIC).local_date
    assert day.weekday() < 5
    assert FIXED_DAY - datetime.timedelta(days=14) <= day < FIXED_DAY
