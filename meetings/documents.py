"""The minutes (протокол) as an official document: its requisites and the context of its
template, shared by the PDF (:mod:`meetings.minutes`, built in a worker) and the Word file
(written on request; this module never loads WeasyPrint)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import identity as office_identity
from accounts.documents import layout
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
