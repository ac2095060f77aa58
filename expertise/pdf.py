"""The conclusion as an official PDF document, rendered by the portal's one renderer
(:mod:`accounts.pdf`, never inside a request)."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.pdf import render_pdf
from expertise.documents import TEMPLATE, conclusion_context
from expertise.models import Conclusion


def render_conclusion(conclusion: Conclusion) -> bytes:
    pdf, _pages = render_pdf(TEMPLATE, conclusion_context(conclusion))
    return pdf


def store_conclusion_pdf(conclusion_id: int) -> Conclusion:
    """Render the issued conclusion and keep the file; running it twice replaces the file."""
    conclusion = Conclusion.objects.select_related(
        "initiative__organisation", "initiative__direction", "issued_by", "composed_by",
    ).get(pk=conclusion_id)
    data = render_conclusion(conclusion)
    with transaction.atomic():
        locked = Conclusion.objects.select_for_update().get(pk=conclusion_id)
        old = locked.pdf.name if locked.pdf else ""
        safe = locked.number.replace("/", "-")
        locked.pdf.save(f"conclusion-{safe}.pdf", ContentFile(data), save=False)
        locked.pdf_built_at = timezone.now()
        locked.save(update_fields=["pdf", "pdf_built_at"])
        if old and old != locked.pdf.name:
            storage = locked.pdf.storage
            transaction.on_commit(lambda: storage.delete(old))
    return locked
