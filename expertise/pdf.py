"""The conclusion as an official PDF document, rendered by the portal's one renderer
(:mod:`accounts.pdf`, never inside a request)."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts import identity as office_identity
from accounts.documents import layout
from accounts.pdf import render_pdf
from expertise.models import Conclusion
from expertise.queries import review_table

TEMPLATE = "expertise/pdf/conclusion.html"


def conclusion_head(conclusion: Conclusion, identity) -> layout.DocumentHead:
    """«УТВЕРЖДАЮ» by the head who issued it; signed by the member of the office who composed it."""
    approver = (layout.signature_name_of_text(identity.head_name)
                or layout.person_signature_name(conclusion.issued_by))
    return layout.document_head(
        identity, kind=_("Expert conclusion"), date=conclusion.issued_at,
        number=conclusion.number,
        title=format_lazy(_("on the initiative «{title}»"), title=conclusion.initiative.title),
        stamp=layout.approver_stamp(position=identity.head_position_display, name=approver,
                                    date=conclusion.issued_at),
        signatures=[layout.Signature(_("Composed by"),
                                     layout.person_signature_name(conclusion.composed_by))],
        file_stem=f"conclusion-{conclusion.number.replace('/', '-')}")


def conclusion_context(conclusion: Conclusion) -> dict:
    return {
        "doc": conclusion_head(conclusion, office_identity.load()),
        "conclusion": conclusion,
        "initiative": conclusion.initiative,
        "table": review_table(conclusion.initiative),
    }


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
