"""The conclusion PDF (WeasyPrint) read back with pdftotext; the reminder beat task and the PDF
task through the real Celery worker."""

import datetime
import subprocess

import pytest
from django.urls import reverse

from accounts.documents import layout
from accounts.enums import NotificationKind
from accounts.models import Notification
from expertise import services as expertise
from expertise.models import Conclusion
from expertise.tasks import build_conclusion_pdf, remind_reviews
from initiatives.enums import ExpertAssignmentStatus, InitiativeState, Recommendation
from tests.conftest import ARTIFACTS, add_expertise
from tests.factories import ExpertAssignmentFactory, submitted_review


@pytest.fixture
def world(world):
    """The shared world with the objects of expertise (tests/conftest.py)."""
    return add_expertise(world)


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


@pytest.mark.django_db
def test_conclusion_pdf_names_the_initiative_organisation_and_recommendation(
        world, client, django_capture_on_commit_callbacks):
    other = ExpertAssignmentFactory(initiative=world.reviewed, expert=world.expert_other,
                                    status=ExpertAssignmentStatus.ACCEPTED)
    submitted_review(other, world.review_form, [5, 4, 3])
    submitted_review(world.reviewed.expert_assignments.get(expert=world.expert_assigned),
                     world.review_form, [2, 3, 1])
    draft = expertise.compose_conclusion(
        world.reviewed, by=world.staff, summary="Замысел актуален, показатели требуют уточнения.",
        recommendation=Recommendation.AFTER_REVISION, conditions="Уточнить базовые значения.")
    with django_capture_on_commit_callbacks(execute=True):
        expertise.issue_conclusion(draft, by=world.head)
    conclusion = Conclusion.objects.get(pk=draft.pk)
    world.reviewed.refresh_from_db()
    assert world.reviewed.state == InitiativeState.REVISION_REQUESTED
    text = " ".join(pdf_text(conclusion.pdf.path).split())
    for expected in ("ЭКСПЕРТНОЕ ЗАКЛЮЧЕНИЕ", f"№ {conclusion.number}", "«Замысел на экспертизе»",
                     world.own_org.full_name, "РЕКОМЕНДОВАТЬ ПОСЛЕ ДОРАБОТКИ",
                     "Уточнить базовые значения.", "Взвешенный итог", "4,25", "2,00",
                     "УТВЕРЖДАЮ", "Руководитель проектного офиса",
                     layout.person_signature_name(world.head)):
        assert expected in text
    fonts = subprocess.run(["pdffonts", conclusion.pdf.path], capture_output=True, text=True,
                           check=True).stdout
    assert "DejaVu" in fonts and " yes " in fonts  # embedded
    ARTIFACTS.mkdir(parents=True, exist_ok=True)  # a fresh clone has no test-artifacts yet
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", conclusion.pdf.path,
                    str(ARTIFACTS / "conclusion")], check=True)
    client.force_login(world.team_own)
    response = client.get(reverse("initiatives:conclusion_pdf", args=[conclusion.pk]))
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content)[:5] == b"%PDF-"


@pytest.mark.celery
def test_reminder_beat_task_and_pdf_task_run_on_the_real_worker(celery_worker, world):
    assignment = world.reviewed.expert_assignments.get(expert=world.expert_assigned)
    assignment.due_on = datetime.date.today() - datetime.timedelta(days=2)
    assignment.save()
    assert remind_reviews.delay().get(timeout=60) == 1
    assert list(Notification.objects.filter(kind=NotificationKind.REVIEW_DUE)
                .values_list("recipient__username", flat=True)) == ["expert_assigned"]
    assignment.refresh_from_db()
    assert assignment.last_reminded_on == datetime.date.today()
    draft = expertise.compose_conclusion(world.reviewed, by=world.staff, summary="Итог.",
                                         recommendation=Recommendation.RECOMMEND)
    conclusion = expertise.issue_conclusion(draft, by=world.head, build_pdf=False)
    name = build_conclusion_pdf.delay(conclusion.pk).get(timeout=120)
    conclusion.refresh_from_db()
    assert conclusion.pdf.name == name
    assert "РЕКОМЕНДОВАТЬ" in pdf_text(conclusion.pdf.path)
