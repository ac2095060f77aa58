"""Meetings: decisions carried out once at the approval of the minutes, the minutes PDF, iCal,
reflections, the quorum, reordering, published results, and query counts."""

import datetime
import subprocess

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from accounts.audit import history_for
from accounts.enums import OfficeRole
from accounts.errors import DomainError
from initiatives.enums import InitiativeState as S
from meetings import minutes, participation, queries, services
from meetings.enums import (
    AgendaKind,
    AttendanceStatus,
    DecisionKind,
    MeetingStatus,
    WorkPlanStatus,
)
from meetings.models import Decision, Meeting, MeetingFormat
from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    DecisionFactory,
    DecisionTaskFactory,
    InitiativeFactory,
    MeetingFactory,
    MeetingFormatFactory,
    NewsItemFactory,
    OfficeMemberFactory,
    PlannedActivityFactory,
    ReflectionFactory,
    UserFactory,
    WorkPlanFactory,
    person_with_roles,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    head = person_with_roles(OfficeRole.OFFICE_HEAD, username="chair")
    staff = person_with_roles(OfficeRole.OFFICE_STAFF, username="secretary")
    for person in (head, staff):
        OfficeMemberFactory(person=person)
    return head, staff


def _held_meeting(head, staff, **kwargs):
    meeting = MeetingFactory(status=MeetingStatus.HELD, chair=head, secretary=staff, number=3,
                             **kwargs)
    for person in (head, staff):
        AttendanceFactory(meeting=meeting, person=person)
    return meeting


def _state_changes(initiative):
    return [(h.to_value, h.comment) for h in history_for(initiative)
            if h.action == "state_changed"]


# --- approving the minutes --------------------------------------------------------------------


def test_approving_the_minutes_moves_each_initiative_exactly_once(office):
    head, staff = office
    meeting = _held_meeting(head, staff)
    approve = InitiativeFactory(state=S.RECOMMENDED, title="Детский сад — пространство инициатив")
    revise = InitiativeFactory(state=S.UNDER_REVIEW)
    i1 = AgendaItemFactory(meeting=meeting, initiative=approve, kind=AgendaKind.NEW_INITIATIVE)
    i2 = AgendaItemFactory(meeting=meeting, initiative=revise, kind=AgendaKind.NEW_INITIATIVE)
    services.add_decision(i1, kind=DecisionKind.APPROVE, text="Утвердить проект.", by=staff)
    services.add_decision(i2, kind=DecisionKind.REVISE, text="Уточнить показатели.", by=staff)
    assert (approve.state, revise.state) == (S.RECOMMENDED, S.UNDER_REVIEW)

    services.approve_minutes(meeting, by=head)

    approve.refresh_from_db()
    revise.refresh_from_db()
    meeting.refresh_from_db()
    assert (approve.state, revise.state) == (S.APPROVED, S.REVISION_REQUESTED)
    assert meeting.status == MeetingStatus.MINUTES_APPROVED
    assert _state_changes(approve) == [
        (S.APPROVED, "по решению заседания № 3 от 27.12.2022\nУтвердить проект.")]
    assert _state_changes(revise) == [
        (S.REVISION_REQUESTED, "по решению заседания № 3 от 27.12.2022\nУточнить показатели.")]
    assert Decision.objects.filter(executed_at__isnull=True).count() == 0

    with pytest.raises(DomainError):
        services.approve_minutes(meeting, by=head)
    assert len(_state_changes(approve)) == 1
    assert len(_state_changes(revise)) == 1


def test_a_failing_transition_rolls_back_the_whole_approval(office, client):
    head, staff = office
    meeting = _held_meeting(head, staff)
    good = InitiativeFactory(state=S.RECOMMENDED)
    bad = InitiativeFactory(state=S.DRAFT, title="Черновик замысла")
    plan = WorkPlanFactory(year=2023)
    i1 = AgendaItemFactory(meeting=meeting, initiative=good, order=1,
                           kind=AgendaKind.NEW_INITIATIVE)
    i2 = AgendaItemFactory(meeting=meeting, work_plan=plan, order=2, kind=AgendaKind.OFFICE_PLAN)
    i3 = AgendaItemFactory(meeting=meeting, initiative=bad, order=3, title="Черновик замысла",
                           kind=AgendaKind.NEW_INITIATIVE)
    services.add_decision(i1, kind=DecisionKind.APPROVE, text="Утвердить.", by=staff)
    services.add_decision(i2, kind=DecisionKind.APPROVE_PLAN, text="Утвердить план.", by=staff)
    services.add_decision(i3, kind=DecisionKind.APPROVE, text="Утвердить.", by=staff)

    client.force_login(head)
    with translation.override("ru"):
        response = client.post(reverse("meetings:approve", args=[meeting.pk]),
                               HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Протокол не утверждён, ничего не изменено. Вопрос 3 «Черновик замысла», решение "
        "«утвердить проект»: Действие «Утвердить» невозможно, пока инициатива в состоянии "
        "«черновик»."]
    good.refresh_from_db()
    plan.refresh_from_db()
    meeting.refresh_from_db()
    assert (good.state, plan.status, meeting.status) == (
        S.RECOMMENDED, WorkPlanStatus.DRAFT, MeetingStatus.HELD)
    assert _state_changes(good) == []
    assert Decision.objects.filter(executed_at__isnull=False).count() == 0


def test_the_plan_is_approved_by_the_decision_with_its_basis(office):
    head, staff = office
    meeting = _held_meeting(head, staff)
    plan = WorkPlanFactory(year=2023)
    item = AgendaItemFactory(meeting=meeting, kind=AgendaKind.OFFICE_PLAN, work_plan=plan)
    decision = services.add_decision(item, kind=DecisionKind.APPROVE_PLAN, by=staff,
                                     text="Утвердить план работы на 2023 год.")
    services.approve_minutes(meeting, by=head)
    plan.refresh_from_db()
    assert (plan.status, plan.approval_basis, plan.approved_by_decision) == (
        WorkPlanStatus.APPROVED, "по решению заседания № 3 от 27.12.2022", decision)


def test_no_quorum_no_approval(office):
    head, staff = office
    for _ in range(3):
        OfficeMemberFactory()
    meeting = _held_meeting(head, staff)  # 2 of 5 present
    with translation.override("ru"), pytest.raises(DomainError) as e:
        services.approve_minutes(meeting, by=head)
    assert str(e.value) == ("Кворума не было: присутствовали 2 из 5 членов офиса, а нужно не "
                            "меньше 3.")


def test_a_decision_on_an_initiative_needs_the_item_to_name_one(office):
    head, staff = office
    item = AgendaItemFactory(meeting=_held_meeting(head, staff))
    with pytest.raises(DomainError) as e:
        services.add_decision(item, kind=DecisionKind.CLOSE, text="Закрыть.", by=staff)
    assert e.value.field == "kind"
    with pytest.raises(DomainError) as e:
        services.add_decision(item, kind=DecisionKind.OTHER, text="Поручить.", by=staff)
    assert e.value.field == "owner"


# --- minutes PDF --------------------------------------------------------------------------


def test_the_minutes_pdf_reads_back(office, tmp_path, django_capture_on_commit_callbacks):
    head, staff = office
    meeting = _held_meeting(head, staff)
    item = AgendaItemFactory(meeting=meeting, title="О плане работы проектного офиса на 2023 год",
                             heard="Рассмотрен проект плана работы.")
    DecisionTaskFactory(decision=DecisionFactory(
        item=item, text="Разместить аналитический отчёт на сайте."), owner=staff)
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_minutes(meeting, by=head)
    meeting.refresh_from_db()
    assert meeting.minutes_pdf.name.endswith(".pdf")
    path = tmp_path / "m.pdf"
    path.write_bytes(meeting.minutes_pdf.read())
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    assert "ПРОТОКОЛ" in lines
    assert "заседания проектного офиса" in lines
    assert "27.12.2022 №3" in lines  # the number beside the date (pdftotext drops the space)
    assert "СЛУШАЛИ: Рассмотрен проект плана работы." in lines
    assert "1. Разместить аналитический отчёт на сайте. Ответственный:" in " ".join(lines)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                           check=True).stdout
    assert "DejaVu" in fonts

    client = Client()
    client.force_login(staff)
    response = client.get(reverse("meetings:minutes_pdf", args=[meeting.pk]))
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert b"".join(response.streaming_content)[:5] == b"%PDF-"


def test_the_minutes_list_the_present_and_the_quorum(office):
    head, staff = office
    meeting = _held_meeting(head, staff)
    context = minutes.minutes_context(meeting)
    assert context["quorum"] == queries.Quorum(members=2, present=2)
    assert [p.username for p in context["present"]] == sorted(
        ["chair", "secretary"], key=lambda u: (head if u == "chair" else staff).last_name)


# --- calendars ----------------------------------------------------------------------------


def test_the_meeting_ics_parses(office, client):
    head, staff = office
    meeting = _held_meeting(head, staff, topic="Итоги года")
    client.force_login(staff)
    response = client.get(reverse("meetings:ics", args=[meeting.pk]))
    cal = Calendar.from_ical(response.content)
    events = cal.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert str(event["summary"]) == "Заседание проектного офиса № 3: Итоги года"
    assert event.decoded("dtstart") == meeting.starts_at
    assert str(event["location"]) == meeting.place


def test_the_personal_feed_and_its_renewal(office, client):
    head, staff = office
    meeting = _held_meeting(head, staff)
    token = participation.calendar_token_of(staff).token
    response = client.get(reverse("meetings:feed", args=[token]))
    assert (response.status_code, response["Content-Type"]) == (200, "text/calendar; charset=utf-8")
    # the meeting of 27.12.2022 is older than a year: the feed keeps to the last year on
    assert Calendar.from_ical(response.content).walk("VEVENT") == []
    assert meeting.pk
    assert client.get(reverse("meetings:feed", args=["wrong-token"])).status_code == 404
    participation.renew_calendar_token(staff, by=staff)
    assert client.get(reverse("meetings:feed", args=[token])).status_code == 404


def test_the_feed_lists_the_persons_coming_meetings(office, client):
    head, staff = office
    from django.utils import timezone

    start = timezone.now() + datetime.timedelta(days=7)
    coming = MeetingFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    MeetingFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2),
                   status=MeetingStatus.CANCELLED)
    outsider = UserFactory()
    for person, expected in ((staff, [f"meeting-{coming.pk}"]), (outsider, [])):
        token = participation.calendar_token_of(person).token
        cal = Calendar.from_ical(client.get(reverse("meetings:feed", args=[token])).content)
        assert [str(e["uid"]).split("@")[0] for e in cal.walk("VEVENT")] == expected


def test_invitations_carry_the_ics(office, django_capture_on_commit_callbacks):
    head, staff = office
    team = UserFactory(email="team@example.org")
    initiative = InitiativeFactory()
    from tests.factories import TeamMemberFactory

    TeamMemberFactory(initiative=initiative, person=team)
    meeting = MeetingFactory(chair=head, secretary=staff)
    AgendaItemFactory(meeting=meeting, initiative=initiative)
    with django_capture_on_commit_callbacks(execute=True):
        count = services.send_invitations(meeting, by=staff)
    assert count == 3  # two members and the team, the sender gets no letter
    assert sorted(m.to[0] for m in mail.outbox) == sorted([head.email, team.email])
    filename, content, mimetype = mail.outbox[0].attachments[0]
    assert (filename, mimetype) == (f"meeting-{meeting.pk}.ics", "text/calendar")
    assert len(Calendar.from_ical(content).walk("VEVENT")) == 1


# --- reflection and quorum ----------------------------------------------------------------


def test_reflections_summarised_on_hand_made_numbers():
    meeting = MeetingFactory(status=MeetingStatus.HELD)
    for rating, valuable in ((5, "Диалог"), (4, ""), (4, "Обратная связь"), (2, ""), (5, "")):
        ReflectionFactory(meeting=meeting, rating=rating, valuable=valuable)
    summary = queries.summarise(meeting.reflections.all())
    assert (summary.count, summary.mean) == (5, 4.0)
    assert summary.distribution == {1: 0, 2: 1, 3: 0, 4: 2, 5: 2}
    assert summary.valuable == ["Диалог", "Обратная связь"]
    assert queries.summarise([]).mean is None


def test_format_ratings_over_school_years_and_quarters():
    sitting = MeetingFormat.objects.get(name="заседание")
    reflective = MeetingFormat.objects.get(name="рефлексивная встреча")

    def meeting(fmt, year, month, ratings):
        start = datetime.datetime(year, month, 10, 10, tzinfo=datetime.UTC)
        m = MeetingFactory(format=fmt, starts_at=start, ends_at=start,
                           school_year=queries.school_year_of(start.date()),
                           status=MeetingStatus.HELD)
        for r in ratings:
            ReflectionFactory(meeting=m, rating=r)

    meeting(sitting, 2020, 11, [3, 4])
    meeting(sitting, 2021, 5, [5])
    meeting(sitting, 2022, 10, [2, 2, 5])
    meeting(reflective, 2021, 1, [5, 4, 5, 5])
    rows = queries.format_ratings()
    assert [(r["format"], r["period"], r["count"], r["mean"]) for r in rows] == [
        ("заседание", "2020/2021", 3, 4.0),
        ("заседание", "2022/2023", 3, 3.0),
        ("рефлексивная встреча", "2020/2021", 4, 4.75),
    ]
    assert rows[1]["distribution"] == {1: 0, 2: 2, 3: 0, 4: 0, 5: 1}
    quarters = queries.format_ratings(by=queries.QUARTER)
    assert [(r["format"], r["period"], r["count"]) for r in quarters] == [
        ("заседание", "2020 Q4", 2), ("заседание", "2021 Q2", 1), ("заседание", "2022 Q4", 3),
        ("рефлексивная встреча", "2021 Q1", 4)]


def test_only_participants_reflect_once(office):
    head, staff = office
    meeting = _held_meeting(head, staff)
    participation.submit_reflection(meeting, person=staff, rating=5, valuable="Всё")
    with pytest.raises(DomainError):
        participation.submit_reflection(meeting, person=staff, rating=4)
    with pytest.raises(DomainError):
        participation.submit_reflection(meeting, person=UserFactory(), rating=4)
    with pytest.raises(DomainError):
        participation.submit_reflection(meeting, person=head, rating=6)


@pytest.mark.parametrize(("members", "present", "reached", "needed"), [
    (7, 4, True, 4), (7, 3, False, 4), (6, 3, False, 4), (6, 4, True, 4), (1, 1, True, 1),
    (0, 0, False, 1),
])
def test_quorum_on_hand_made_attendance(members, present, reached, needed):
    meeting = MeetingFactory(status=MeetingStatus.HELD)
    people = [OfficeMemberFactory().person for _ in range(members)]
    for person in people[:present]:
        AttendanceFactory(meeting=meeting, person=person)
    for person in people[present:]:
        AttendanceFactory(meeting=meeting, person=person, status=AttendanceStatus.EXCUSED)
    AttendanceFactory(meeting=meeting)  # a guest present: not a member
    OfficeMemberFactory(until=datetime.date(2021, 8, 31))  # a former member
    q = queries.quorum(meeting)
    assert (q.members, q.present, q.reached, q.needed) == (members, present, reached, needed)


# --- agenda order, news -------------------------------------------------------------------


def test_items_move_up_and_down_in_place(office, client):
    head, staff = office
    meeting = MeetingFactory()
    a, b, c = (services.add_agenda_item(meeting, by=staff, kind=AgendaKind.OTHER, title=t)
               for t in ("А", "Б", "В"))
    client.force_login(staff)
    response = client.post(reverse("meetings:item_move", args=[c.pk]), {"direction": "up"},
                           HTTP_HX_REQUEST="true")
    assert response.templates[0].name == "meetings/partials/agenda.html"
    assert list(meeting.items.order_by("order").values_list("title", flat=True)) == [
        "А", "В", "Б"]
    services.move_agenda_item(a, direction="up", by=staff)  # the first stays first
    services.move_agenda_item(a, direction="down", by=staff)
    assert list(meeting.items.order_by("order").values_list("title", "order")) == [
        ("В", 1), ("А", 2), ("Б", 3)]


def test_guests_read_published_news_escaped(client):
    news = NewsItemFactory(title="Итоги <b>года</b>", text="Первый абзац <script>x()</script>\n\n"
                                                          "Второй абзац")
    response = client.get(reverse("meetings:news", args=[news.pk]))
    body = response.content.decode()
    assert "<p>Первый абзац &lt;script&gt;x()&lt;/script&gt;</p>" in body
    assert "<p>Второй абзац</p>" in body
    assert "<script>x()" not in body
    listing = client.get(reverse("meetings:news_list")).content.decode()
    assert "Итоги &lt;b&gt;года&lt;/b&gt;" in listing


def test_the_office_publishes_the_results_of_a_held_meeting(office, client):
    head, staff = office
    meeting = _held_meeting(head, staff)
    client.force_login(staff)
    response = client.post(reverse("meetings:publish", args=[meeting.pk]),
                           {"title": "Итоги", "text": "Текст"})
    news = meeting.news.get()
    assert (response.status_code, response["Location"]) == (302, news.get_absolute_url())
    with pytest.raises(DomainError):
        services.publish_news(meeting=MeetingFactory(), title="Рано", text="Текст", by=staff)


def test_bad_input_keeps_the_form_and_says_why(office, client):
    head, staff = office
    client.force_login(staff)
    fmt = MeetingFormatFactory()
    data = {"format": fmt.pk, "starts_at": "2023-02-16T15:00", "ends_at": "2023-02-16T14:00",
            "place": "", "online_link": "", "topic": "x" * 400}
    with translation.override("ru"):
        response = client.post(reverse("meetings:create"), data, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 200
    form = response.context["form"]
    assert sorted(form.errors) == ["ends_at", "place", "topic"]
    assert form.errors["ends_at"] == ["Заседание не может закончиться раньше, чем начнётся."]
    assert Meeting.objects.count() == 0


# --- query counts -------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 3])
def test_meeting_list_queries(n, office, client, django_assert_num_queries):
    head, staff = office
    for k in range(n):
        AgendaItemFactory(meeting=MeetingFactory(number=10 + k))
    client.force_login(staff)
    with django_assert_num_queries(4):
        response = client.get(reverse("meetings:list"))
    assert len(response.context["meetings"]) == n


@pytest.mark.parametrize("n", [1, 3])
def test_meeting_page_queries(n, office, client, django_assert_num_queries):
    head, staff = office
    meeting = _held_meeting(head, staff)
    for _ in range(n):
        item = AgendaItemFactory(meeting=meeting, initiative=InitiativeFactory())
        DecisionTaskFactory(decision=DecisionFactory(item=item))
        ReflectionFactory(meeting=meeting)
    NewsItemFactory(meeting=meeting)
    client.force_login(staff)
    with django_assert_num_queries(15):
        response = client.get(reverse("meetings:detail", args=[meeting.pk]))
    assert len(response.context["items"]) == n


@pytest.mark.parametrize("n", [1, 3])
def test_news_list_queries(n, client, django_assert_num_queries):
    for _ in range(n):
        NewsItemFactory()
    with django_assert_num_queries(2):
        response = client.get(reverse("meetings:news_list"))
    assert len(response.context["news"]) == n


@pytest.mark.parametrize("n", [1, 3])
def test_task_list_queries(n, office, client, django_assert_num_queries):
    head, staff = office
    for _ in range(n):
        DecisionTaskFactory()
    client.force_login(staff)
    with django_assert_num_queries(4):
        response = client.get(reverse("meetings:tasks"))
    assert len(response.context["tasks"]) == n


@pytest.mark.parametrize("n", [1, 3])
def test_plan_page_queries(n, office, client, django_assert_num_queries):
    head, staff = office
    plan = WorkPlanFactory()
    for _ in range(n):
        PlannedActivityFactory(plan=plan, meeting=MeetingFactory())
    WorkPlanFactory()
    client.force_login(staff)
    with django_assert_num_queries(5):
        response = client.get(reverse("meetings:plan", args=[plan.pk]))
    assert len(response.context["activities"]) == n
    with django_assert_num_queries(3):
        response = client.get(reverse("meetings:plans"))
    assert len(response.context["plans"]) == 2


def test_the_demo_meetings_follow_the_seeds(demo):
    from django.core.management import call_command

    from meetings.models import NewsItem, WorkPlan

    call_command("seed_demo", verbosity=0)  # over the demo: idempotent
    year = Meeting.objects.filter(school_year="2020/2021")
    assert year.count() == 6
    assert set(year.values_list("status", flat=True)) == {MeetingStatus.MINUTES_APPROVED}
    lift = sorted(AgendaItemFactory._meta.model.objects.filter(
        meeting__school_year="2020/2021", kind=AgendaKind.INTERIM_RESULTS
    ).values_list("initiative__organisation__short_name", flat=True))
    assert lift == sorted(["МБОУ СОШ № 7", "МБОУ СОШ № 1", "МБОУ ООШ № 12",
                           "МБОУ «Фокинская СОШ»", "МБОУ СОШ п. Прикамский"])
    final = Meeting.objects.get(starts_at__date=datetime.date(2022, 12, 27))
    assert (final.status, final.chair.username, final.secretary.username) == (
        MeetingStatus.MINUTES_APPROVED, "head", "staff")
    assert list(final.items.order_by("order").values_list("kind", flat=True)) == [
        AgendaKind.FINAL_RESULTS, AgendaKind.OFFICE_PLAN, AgendaKind.OFFICE_PLAN]
    plan = WorkPlan.objects.get(year=2023)
    assert (plan.status, plan.approval_basis) == (
        WorkPlanStatus.APPROVED, f"по решению заседания № {final.number} от 27.12.2022")
    news = NewsItem.objects.get(meeting=final)
    assert news.text.startswith("27.12.2022 г. состоялось заключительное заседание")
    assert "Члены Проектного офиса одобрили представленный аналитический отчет." in news.text
    formats = {row["format"] for row in queries.format_ratings()}
    assert formats == {"заседание", "рефлексивная встреча", "стратегическая сессия",
                       "открытое пространство", "консультационный день"}
