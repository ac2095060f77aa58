"""The office's functions on paper and in practice.

The concept lists the functions that the Положение assigns to the project office and finds
that the office performs only some of them. For a period, each function is shown with the
records that prove it was performed (each a dashboard metric, so every count links to its
list) and a plain verdict: performed when every kind of evidence is there, partly when some
is, not performed when none is.
"""

from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reports import counting, metrics
from reports.document import Section, Table


class Verdict:
    PERFORMED = "performed"
    PARTLY = "partly"
    NOT_PERFORMED = "not_performed"

    LABELS = {
        PERFORMED: _("performed"),
        PARTLY: _("partly"),
        NOT_PERFORMED: _("not performed"),
    }


@dataclass(frozen=True)
class Function:
    title: str
    evidence: tuple  # metric keys


FUNCTIONS = (
    Function(_("Reviewing and approving project initiatives, with conclusions"),
             ("reviews_submitted", "conclusions_issued")),
    Function(_("A list of projects aligned with the strategic goals of education"),
             ("aligned_initiatives", "projects")),
    Function(_("Evaluating the effectiveness of projects; a system of key performance "
               "indicators"), ("facts_entered", "final_reports")),
    Function(_("Analysing best practices of project management and spreading them"),
             ("published",)),
    Function(_("Central planning of projects (approving and closing them)"),
             ("project_decisions",)),
    Function(_("Managing risks, problems and changes of the projects"),
             ("risks_recorded", "problems_recorded", "changes_decided")),
    Function(_("Consolidated reporting on the projects, also on request"), ("reports_made",)),
    Function(_("Integrating the results of projects into the education system"),
             ("products_integrated",)),
    Function(_("Methodical documents on project management"), ("pm_documents",)),
    Function(_("A system of motivation for teachers and managers in projects"), ("incentives",)),
    Function(_("Developing the competencies of project participants"),
             ("events_held", "positions")),
    Function(_("Relations with stakeholders and communications"), ("publications", "news")),
    Function(_("Organising interaction and resolving conflicts in project work"),
             ("thread_messages", "meetings_held")),
)


@dataclass
class Evidence:
    key: str
    title: str
    n: int


@dataclass
class FunctionRow:
    number: int
    title: str
    evidence: list
    verdict: str

    @property
    def verdict_label(self):
        return Verdict.LABELS[self.verdict]


def verdict(counts):
    present = sum(1 for n in counts if n)
    if counts and present == len(counts):
        return Verdict.PERFORMED
    return Verdict.PARTLY if present else Verdict.NOT_PERFORMED


def evidence_keys():
    return list(dict.fromkeys(k for f in FUNCTIONS for k in f.evidence))


def functions_in(period, counts=None):
    """One row per function of the Положение for the period. ``counts`` may carry the totals
    already counted by the caller (see :func:`counting.count_all`)."""
    counts = counts if counts is not None else counting.count_all(evidence_keys(), period)
    rows = []
    for number, function in enumerate(FUNCTIONS, start=1):
        evidence = [Evidence(k, metrics.METRICS[k].title, counts[k]) for k in function.evidence]
        rows.append(FunctionRow(number, function.title, evidence,
                                verdict([e.n for e in evidence])))
    return rows


def summary(rows):
    """{verdict: number of functions}."""
    result = {v: 0 for v in Verdict.LABELS}
    for row in rows:
        result[row.verdict] += 1
    return result


def report_section(start, end, *, filtered=False):
    """The comparison as a section of the annual report (and of a report on request) for the
    dates from ``start`` to ``end``. The evidence is the office's as a whole: a report filtered
    by direction, organisation or state says so instead of pretending to filter it."""
    _ = gettext
    rows = functions_in(metrics.Period.between(start, end))
    counts = summary(rows)
    section = Section(_("The office's functions: on paper and in practice"))
    section.paragraphs.append(
        _("Of the %(total)s functions the Regulation assigns to the project office, in the "
           "period %(performed)s are performed, %(partly)s partly and %(not)s are not "
           "performed, judged by the records of the portal.")
        % {"total": len(rows), "performed": counts[Verdict.PERFORMED],
           "partly": counts[Verdict.PARTLY], "not": counts[Verdict.NOT_PERFORMED]})
    missing = [r.title for r in rows if r.verdict == Verdict.NOT_PERFORMED]
    if missing:
        section.paragraphs.append(_("No record proves these functions: %(names)s.")
                                  % {"names": "; ".join(str(m)[:1].lower() + str(m)[1:]
                                                        for m in missing)})
    if filtered:
        section.paragraphs.append(_("The evidence covers the whole office, not only the "
                                     "filter of this report."))
    section.tables.append(Table(
        headers=["№", _("Function in the Regulation"), _("Evidence in the period"),
                 _("Verdict")],
        rows=[[r.number, str(r.title),
               "; ".join(f"{e.title}: {e.n}" for e in r.evidence), str(r.verdict_label)]
              for r in rows],
        caption=_("Functions of the office and the evidence of their performance"),
    ))
    return section
