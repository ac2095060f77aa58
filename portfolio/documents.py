"""The progress report (отчёт о ходе реализации) and the final report (итоговый отчёт) as
official documents: their requisites, their text's context, and the downloads (PDF and DOCX).

Each gets its registration number of its kind and year
(:func:`accounts.documents.numbers.issue_document`) when the office accepts the progress report
(:func:`portfolio.services.decide_report`) or writes the final report
(:func:`portfolio.services.complete_project`); a report accepted before numbers existed gets
its number when its document is first asked for. The PDF is built by a Celery task
(``portfolio.tasks.build_report_document_pdf``) and kept on the issued document; the DOCX is
written on request from the same template (python-docx is light) by
:mod:`portfolio.views.documents`.
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts import identity as office_identity
from accounts.documents import layout, numbers
from initiatives.enums import ReviewStatus
from portfolio.models import FinalReport, IndicatorPlan, ProgressReport, Risk

PROGRESS, FINAL = numbers.PROGRESS_REPORT, numbers.FINAL_REPORT
TEMPLATES = {PROGRESS: "portfolio/pdf/progress_report.html",
             FINAL: "portfolio/pdf/final_report.html"}
FILE_STEMS = {PROGRESS: "otchet", FINAL: "itogovyi-otchet"}


def file_stem(kind, document) -> str:
    return f"{FILE_STEMS[kind]}-{document.number.replace('/', '-')}"


def _leader_signature(initiative):
    return layout.Signature(_("Project leader"), layout.person_signature_name(initiative.leader))


# --- the progress report -----------------------------------------------------------------------


def load_progress_report(pk) -> ProgressReport | None:
    return ProgressReport.objects.select_related(
        "period__initiative__organisation", "period__initiative__leader", "decided_by",
        "submitted_by").filter(pk=pk).first()


def progress_report_context(report: ProgressReport, document) -> dict:
    period, initiative = report.period, report.period.initiative
    identity = office_identity.load()
    doc = layout.document_head(
        identity, kind=_("Report"), date=document.issued_on, number=document.number,
        title=format_lazy(_("on the progress of the project «{title}» for {period}"),
                          title=initiative.title, period=period.title),
        signatures=[_leader_signature(initiative)],
        file_stem=file_stem(PROGRESS, document))
    plans = (IndicatorPlan.objects.filter(indicator__initiative=initiative,
                                          period_end__gte=period.starts_on,
                                          period_end__lte=period.ends_on)
             .select_related("indicator").prefetch_related("actuals")
             .order_by("indicator__order", "indicator__pk", "period_end"))
    rows = []
    for plan in plans:
        accepted = [a for a in plan.actuals.all() if a.status == ReviewStatus.ACCEPTED]
        rows.append({"plan": plan, "actual": accepted[-1].value if accepted else None})
    return {"doc": doc, "report": report, "period": period, "initiative": initiative,
            "indicator_rows": rows, "accepted_by": layout.person_signature_name(report.decided_by),
            "risks": list(Risk.objects.filter(initiative=initiative, status="open")
                          .order_by("-created_at", "pk"))}


# --- the final report --------------------------------------------------------------------------


def load_final_report(initiative_pk) -> FinalReport | None:
    return FinalReport.objects.select_related(
        "initiative__organisation", "initiative__leader", "written_by").filter(
        initiative_id=initiative_pk).first()


def final_report_context(report: FinalReport, document) -> dict:
    initiative = report.initiative
    identity = office_identity.load()
    approver = (layout.signature_name_of_text(identity.head_name)
                or layout.person_signature_name(report.written_by))
    doc = layout.document_head(
        identity, kind=_("Final report"), date=document.issued_on, number=document.number,
        title=format_lazy(_("on the implementation of the project «{title}»"),
                          title=initiative.title),
        stamp=layout.approver_stamp(position=identity.head_position_display, name=approver,
                                    date=document.issued_on),
        signatures=[_leader_signature(initiative)],
        file_stem=file_stem(FINAL, document))
    return {"doc": doc, "report": report, "initiative": initiative}


# --- documents of both kinds ---------------------------------------------------------------------


def issued(kind: str, report, *, by=None):
    """The report's document of ``kind``: the one issued, or (a report accepted or written
    before numbers existed) one issued now, dated by the report's decision."""
    document = numbers.document_of(kind, report)
    if document is None:
        day = report.decided_at if kind == PROGRESS else report.written_at
        document = numbers.issue_document(kind, report, by=by,
                                          on=day.date() if day is not None else None)
    return document


def context_of(kind: str, report, document) -> dict:
    if kind == PROGRESS:
        return progress_report_context(report, document)
    return final_report_context(report, document)


def load(kind: str, pk):
    """The report of ``kind`` (the progress report's pk, or the final report's project's pk)."""
    return load_progress_report(pk) if kind == PROGRESS else load_final_report(pk)
