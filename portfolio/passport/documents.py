"""The approved passport (паспорт муниципального проекта) as an official document on the
ГОСТ Р 7.0.97 layout: each approved version gets its registration number «N-ПП/год» when it is
approved (:func:`portfolio.passport.services._freeze`), carries the stamp «УТВЕРЖДЁН протоколом
заседания проектного комитета от дд.мм.гггг № N» and the calendar plan as its appendix (a table
that splits across pages). The PDF is built by a Celery task and kept on the issued document;
the DOCX is written on request from the same template."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts import identity as office_identity
from accounts.documents import layout, numbers
from portfolio.models import PassportVersion

KIND = numbers.PASSPORT
TEMPLATE = "portfolio/pdf/passport.html"


def load(pk) -> PassportVersion | None:
    return (PassportVersion.objects
            .select_related("passport__initiative__organisation", "passport__initiative__leader",
                            "approved_by")
            .filter(pk=pk).first())


def issued(version, *, by=None):
    """The version's document: the one issued at approval, or one issued now (dated by the
    approval) for a version approved before numbers existed."""
    document = numbers.document_of(KIND, version)
    if document is None:
        document = numbers.issue_document(KIND, version, by=by,
                                          on=version.protocol_date or version.approved_at.date())
    return document


def file_stem(document) -> str:
    return f"pasport-{document.number.replace('/', '-')}"


def _stamp(version):
    if version.protocol_number and version.protocol_date:
        return layout.approved_by_stamp(
            document=_("by the minutes of the meeting of the project committee"),
            date=version.protocol_date, number=version.protocol_number)
    return layout.approved_by_stamp(document=version.basis, date=version.approved_at.date(),
                                    number="—")


def context_of(version, document) -> dict:
    initiative = version.passport.initiative
    identity = office_identity.load()
    data = version.snapshot or {}
    doc = layout.document_head(
        identity, kind=_("Passport"), date=document.issued_on, number=document.number,
        title=format_lazy(_("of the municipal project «{title}» (version {n})"),
                          title=data.get("title") or initiative.title, n=version.number),
        stamp=_stamp(version),
        signatures=[layout.Signature(_("Project leader"),
                                     layout.person_signature_name(initiative.leader))],
        file_stem=file_stem(document))
    return {"doc": doc, "version": version, "initiative": initiative, "data": data}
