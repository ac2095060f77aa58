"""The minutes (протокол) as a PDF: rendered by the portal's one renderer (:mod:`accounts.pdf`)
from a template, stored on the meeting.

Built by the Celery task ``meetings.tasks.build_minutes_pdf`` after the approval commits, never
inside a request.
"""

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.pdf import render_pdf
from meetings import queries
from meetings.documents import TEMPLATE, minutes_context


def render_minutes_pdf(meeting) -> bytes:
    pdf, _pages = render_pdf(TEMPLATE, minutes_context(meeting))
    return pdf


def build_minutes_pdf(meeting_id: int):
    """Render and store the minutes of a meeting; idempotent (a rebuild replaces the file)."""
    meeting = queries.meeting_page(meeting_id)
    if meeting is None:
        return None
    data = render_minutes_pdf(meeting)
    old = meeting.minutes_pdf.name if meeting.minutes_pdf else ""
    name = f"protokol-{meeting.school_year.replace('/', '-')}-{meeting.number}.pdf"
    meeting.minutes_pdf.save(name, ContentFile(data), save=False)
    meeting.minutes_pdf_built_at = timezone.now()
    type(meeting).objects.filter(pk=meeting.pk).update(
        minutes_pdf=meeting.minutes_pdf.name, minutes_pdf_built_at=meeting.minutes_pdf_built_at)
    if old and old != meeting.minutes_pdf.name:
        meeting.minutes_pdf.storage.delete(old)
    return meeting.minutes_pdf.name
