"""The PDF of a progress report or a final report, rendered by the portal's one renderer
(:mod:`accounts.pdf`) in a Celery worker and kept on its issued document."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.models import IssuedDocument
from accounts.pdf import render_pdf
from portfolio import documents
from portfolio.passport import documents as passport_documents


def store_report_pdf(kind: str, report_pk: int) -> str | None:
    """Render the report's document and keep the file; running it again replaces the file."""
    report = documents.load(kind, report_pk)
    if report is None:
        return None
    document = documents.issued(kind, report)
    data, _pages = render_pdf(documents.TEMPLATES[kind],
                              documents.context_of(kind, report, document))
    with transaction.atomic():
        locked = IssuedDocument.objects.select_for_update().get(pk=document.pk)
        old = locked.pdf.name if locked.pdf else ""
        locked.pdf.save(f"{documents.file_stem(kind, locked)}.pdf", ContentFile(data),
                        save=False)
        locked.pdf_built_at = timezone.now()
        locked.save(update_fields=["pdf", "pdf_built_at"])
        if old and old != locked.pdf.name:
            storage = locked.pdf.storage
            transaction.on_commit(lambda: storage.delete(old))
    return locked.pdf.name


def store_passport_pdf(version_pk: int) -> str | None:
    """Render an approved passport version's document and keep the file."""
    version = passport_documents.load(version_pk)
    if version is None:
        return None
    document = passport_documents.issued(version)
    data, _pages = render_pdf(passport_documents.TEMPLATE,
                              passport_documents.context_of(version, document))
    with transaction.atomic():
        locked = IssuedDocument.objects.select_for_update().get(pk=document.pk)
        locked.pdf.save(f"{passport_documents.file_stem(locked)}.pdf", ContentFile(data),
                        save=False)
        locked.pdf_built_at = timezone.now()
        locked.save(update_fields=["pdf", "pdf_built_at"])
    return locked.pdf.name
