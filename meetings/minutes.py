"""The minutes (протокол) as a PDF: rendered by the portal's one renderer (:mod:`accounts.pdf`)
from a template, stored on the meeting.

Built by the Celery task ``meetings.tasks.build_minutes_pdf`` after the approval commits, never
inside a request.
"""

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import identity as office_identity
from accounts.documents import layout
from accounts.pdf import render_pdf
from meetings import queries
from meetings.enums import AttendanceStatus


def minutes_head(meeting, identity) -> layout.DocumentHead:
    """The protocol's requisites: numbered within the school year, signed by the chair and
    the secretary (the office's head and secretary where the meeting names none)."""
    def signer(person, typed):
        return (layout.person_signature_name(person) if person is not None
                else layout.signature_name_of_text(typed))
    return layout.document_head(
        identity, kind=_("MINUTES"), date=meeting.local_date, number=str(meeting.number),
        title=_("of the project office meeting"),
        signatures=[layout.Signature(_("Chair"), signer(meeting.chair, identity.head_name)),
                    layout.Signature(_("Secretary"),
                                     signer(meeting.secretary, identity.secretary_name))],
        file_stem=f"protokol-{meeting.number}-{meeting.local_date:%Y-%m-%d}")


def minutes_context(meeting):
    items = list(meeting.items.all())
    attendance = list(meeting.attendance.all())
    identity = office_identity.load()
    return {
        "doc": minutes_head(meeting, identity),
        "meeting": meeting,
        "date": meeting.local_date,
        "starts_at": timezone.localtime(meeting.starts_at),
        "items": items,
        "present": sorted((a.person for a in attendance if a.status == AttendanceStatus.PRESENT),
                          key=lambda p: (p.last_name, p.first_name)),
        "quorum": queries.quorum(meeting, attendance=attendance),
    }


TEMPLATE = "meetings/pdf/minutes.html"


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
