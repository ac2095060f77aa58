from django import template

from network.enums import HealthStatus

register = template.Library()

_CSS = {
    HealthStatus.SELF_SUSTAINING: ("text-bg-success", "bi-check-circle"),
    HealthStatus.ONE_ORGANISER: ("text-bg-warning", "bi-person-exclamation"),
    HealthStatus.ONE_ORGANISATION: ("text-bg-warning", "bi-building-exclamation"),
    HealthStatus.FADING: ("text-bg-danger", "bi-graph-down-arrow"),
    HealthStatus.NO_DATA: ("text-bg-secondary", "bi-question-circle"),
}


@register.filter
def health_css(status):
    return _CSS.get(status, _CSS[HealthStatus.NO_DATA])[0]


@register.filter
def health_icon(status):
    return _CSS.get(status, _CSS[HealthStatus.NO_DATA])[1]


@register.filter
def health_label(status):
    try:
        return HealthStatus(status).label
    except ValueError:
        return status


@register.filter
def percent(share):
    if share is None:
        return "—"
    return f"{round(share * 100)} %"
