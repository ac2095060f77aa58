"""The initiatives app's part of a person's data export (152-ФЗ): what they wrote and did."""

from accounts.personal_data import DataPart
from initiatives.models import Attachment, TeamMember, WordCardImport


def export_initiatives_data(person):
    files = [(f"initiatives/{a.pk}-{a.original_name}", a.file)
             for a in Attachment.objects.filter(uploaded_by=person).only("file", "original_name")]
    return [
        DataPart("initiatives-teams", list(TeamMember.objects.filter(person=person).values(
            "initiative__title", "position", "is_leader", "phone", "email"))),
        DataPart("initiatives-attachments", list(
            Attachment.objects.filter(uploaded_by=person).values(
                "initiative__title", "original_name", "kind", "size", "uploaded_at")), files=files),
    ]


def anonymise_initiatives_data(person):
    """The phone and e-mail a Word card gave the person on a team are cleared; the Word cards
    they read and never confirmed are deleted."""
    TeamMember.objects.filter(person=person).update(phone="", email="")
    WordCardImport.objects.filter(owner=person).delete()
