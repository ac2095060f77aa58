"""The meetings app's part of a person's data export (152-ФЗ)."""

from accounts.personal_data import DataPart
from meetings.models import Attendance, DecisionTask, Reflection


def export_meetings_data(person):
    return [
        DataPart("meetings-attendance", list(Attendance.objects.filter(person=person).values(
            "meeting__number", "meeting__starts_at", "status"))),
        DataPart("meetings-reflections", list(Reflection.objects.filter(person=person).values(
            "meeting__number", "meeting__starts_at", "valuable", "to_change", "rating",
            "created_at"))),
        DataPart("meetings-tasks", list(DecisionTask.objects.filter(owner=person).values(
            "decision__text", "due_on", "done_at", "note"))),
    ]
