"""The portfolio's part of a person's data export (152-ФЗ): indicator values with their
evidence files and progress reports. The parts keep the names of before the move
(``initiatives-…``)."""

from accounts.personal_data import DataPart
from portfolio.models import IndicatorActual, ProgressReport


def export_portfolio_data(person):
    files = [(f"indicators/{a.pk}-{a.evidence_name}", a.evidence_file)
             for a in IndicatorActual.objects.filter(entered_by=person).exclude(evidence_file="")
             .only("evidence_file", "evidence_name")]
    return [
        DataPart("initiatives-indicator-values", list(
            IndicatorActual.objects.filter(entered_by=person).values(
                "indicator__initiative__title", "indicator__name", "value", "measured_on",
                "evidence_url", "status", "entered_at")), files=files),
        DataPart("initiatives-progress-reports", list(
            ProgressReport.objects.filter(submitted_by=person).values(
                "period__initiative__title", "period__title", "done", "results", "problems",
                "next_steps", "status", "submitted_at"))),
    ]
