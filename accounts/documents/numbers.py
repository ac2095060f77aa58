"""Registration numbers of the document kinds that have no scheme of their own: a sequence per
kind and calendar year, «N-<suffix>/<year>» (as the conclusions' «N-ЭЗ/год»).

:func:`issue_document` is called by the domain function that approves or issues the document,
inside its transaction; it is idempotent (a document keeps its number). The sequence row is
locked (``SELECT … FOR UPDATE``) while the next number is taken, so concurrent issues get
unique numbers in the order they commit; the unique constraints back this up.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from accounts import audit
from accounts.enums import AuditAction
from accounts.models import DocumentSequence, IssuedDocument

PROGRESS_REPORT, FINAL_REPORT, PASSPORT = "progress_report", "final_report", "passport"

# kind → the suffix of its numbers. A new kind of document adds one line here.
SUFFIXES = {
    PROGRESS_REPORT: "ОХР",  # отчёт о ходе реализации
    FINAL_REPORT: "ИО",  # итоговый отчёт
    PASSPORT: "ПП",  # паспорт проекта
}


def number_of(kind: str, serial: int, year: int) -> str:
    return f"{serial}-{SUFFIXES[kind]}/{year}"


def document_of(kind: str, obj) -> IssuedDocument | None:
    """The document of ``kind`` issued for ``obj`` (one query), or ``None``."""
    return IssuedDocument.objects.filter(
        kind=kind, content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk,
    ).first()


@transaction.atomic
def issue_document(kind: str, obj, *, by=None, on: datetime.date | None = None) -> IssuedDocument:
    """Give ``obj`` its registration number of ``kind`` (in the year of ``on``, today by
    default) and record it; a document already issued keeps its number."""
    if kind not in SUFFIXES:
        raise ValueError(f"unknown kind of document: {kind}")
    content_type = ContentType.objects.get_for_model(obj)
    existing = IssuedDocument.objects.select_for_update().filter(
        kind=kind, content_type=content_type, object_id=obj.pk).first()
    if existing is not None:
        return existing
    on = on or timezone.localdate()
    DocumentSequence.objects.bulk_create([DocumentSequence(kind=kind, year=on.year)],
                                         ignore_conflicts=True)
    sequence = DocumentSequence.objects.select_for_update().get(kind=kind, year=on.year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    document = IssuedDocument.objects.create(
        kind=kind, year=on.year, serial=sequence.last,
        number=number_of(kind, sequence.last, on.year), issued_on=on, content_type=content_type,
        object_id=obj.pk, issued_by=by if by is not None and by.is_authenticated else None)
    audit.record(obj, actor=by, action=AuditAction.DOCUMENT_ISSUED, to_value=document.number,
                 data={"kind": kind, "number": document.number,
                       "issued_on": on.isoformat()})
    return document
