"""The conclusion as an official document: its requisites and the context of its template,
shared by the PDF (:mod:`expertise.pdf`, built in a worker) and the Word file (written on request;
this module never loads WeasyPrint)."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts import identity as office_identity
from accounts.documents import layout
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
