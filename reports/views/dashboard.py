from django.conf import settings
from django.core.cache import cache
from django.db.models import Avg
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from accounts.mixins import CrumbsMixin
from initiatives.bulk import jobs
from initiatives.models import Call
from meetings.enums import MeetingStatus
from meetings.models import Meeting
from network import charts
from reports import counting, functions, metrics
from reports.period import Period, periods_with_data

HEAD_NUMBERS = ("overdue_reviews", "overdue_reports", "overdue_points", "open_recommendations")
GROUPED = ("initiatives", "projects", "indicators", "open_risks", "network_health")


def call_choices():
    """The calls a dashboard may be narrowed to, newest first (one query)."""
    return list(Call.objects.order_by("-opens_at", "-pk").values_list("pk", "title"))


def dashboard_figures(period):
    """Every count of the dashboard for a period. They are counted over whole tables, so they
    are kept for ``DASHBOARD_CACHE_SECONDS`` (the page says as of when); 0 counts on every
    request."""
    seconds = settings.DASHBOARD_CACHE_SECONDS
    key = f"dashboard-figures:{period.query}:{period.call or ''}"
    figures = cache.get(key) if seconds else None
    if figures is None:
        figures = {
            "counts": counting.count_all(HEAD_NUMBERS + tuple(functions.evidence_keys()), period),
            **{k: counting.group_counts(k, period) for k in GROUPED},
            "reflections": counting.group_counts("reflections", period, avg=Avg("rating")),
            "at": timezone.now(),
        }
        if seconds:
            cache.set(key, figures, seconds)
    return figures


class DashboardView(PermissionRequiredMixin, CrumbsMixin, TemplateView):
    """The office head's dashboard for a year (or all years): every number links to its list."""

    permission_required = "reports.view_dashboard"
    template_name = "reports/dashboard.html"

    def get_crumbs(self):
        return [(None, _("Dashboard"))]

    def get_context_data(self, **kwargs):
        period = Period.from_query(self.request.GET)
        figures = dashboard_figures(period)
        counts = figures["counts"]
        funnel = counting.fill_groups(figures["initiatives"], "initiatives")
        directions = figures["projects"]
        rows = functions.functions_in(period, counts)
        empty = not any(g.n for g in funnel) and not any(g.n for g in directions)
        return super().get_context_data(
            period=period, periods=Period.choices(), calls=call_choices(),
            empty=empty, periods_with_data=periods_with_data() if empty else [],
            figures_at=figures["at"], cache_minutes=settings.DASHBOARD_CACHE_SECONDS // 60,
            numbers=[(metrics.METRICS[k], counts[k]) for k in HEAD_NUMBERS],
            funnel=funnel, directions=directions,
            indicators=counting.fill_groups(figures["indicators"], "indicators"),
            risks=counting.fill_groups(figures["open_risks"], "open_risks"),
            health=counting.fill_groups(figures["network_health"], "network_health"),
            reflections=figures["reflections"], functions=rows,
            function_summary=functions.summary(rows), verdicts=functions.Verdict.LABELS,
            funnel_chart=charts.hbar_chart(
                title=_("Initiatives by state"),
                desc=_("How many initiatives brought in the period are now in each state."),
                labels=[g.label for g in funnel if g.n], values=[g.n for g in funnel if g.n],
                series_name=_("Initiatives"), width=520, label_chars=32),
            directions_chart=charts.hbar_chart(
                title=_("Projects by direction"),
                desc=_("How many projects ran in the period in each direction of the "
                       "portfolio."),
                labels=[g.label for g in directions], values=[g.n for g in directions],
                series_name=_("Projects"), width=520, label_chars=32),
            next_meetings=list(
                Meeting.objects.filter(status=MeetingStatus.PLANNED,
                                       starts_at__gte=timezone.now())
                .select_related("format").order_by("starts_at", "pk")[:5]),
            **kwargs,
        )


class MetricListView(PermissionRequiredMixin, CrumbsMixin, ListView):
    """The rows behind one dashboard number: the same queryset the number counts."""

    template_name = "reports/metric_list.html"
    context_object_name = "rows"
    paginate_by = 50

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.metric = metrics.METRICS.get(kwargs["key"])
        if self.metric is None:
            raise Http404
        self.period = Period.from_query(request.GET)
        self.value, self.value_label = metrics.ALL, None
        raw = request.GET.get("value")
        if raw is not None:
            try:
                self.value = counting.parse_value(self.metric, raw)
            except (ValueError, TypeError) as e:
                raise Http404 from e
            self.value_label = counting.group_label(self.metric, self.value)

    def get_permission_required(self):
        return (self.metric.permission,)

    def get_queryset(self):
        return self.metric.queryset(self.period, self.value)

    def get_crumbs(self):
        return [(reverse("dashboard") + f"?{self.period.params}", _("Dashboard")),
                (None, self.metric.title)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            metric=self.metric, period=self.period, periods=Period.choices(),
            calls=call_choices() if self.metric.call_field and self.metric.dated else [],
            **kwargs)
        if self.value_label is None and self.value is not metrics.ALL:
            # a group named by a related row (a direction, a meeting format): read its name
            # from the first row of the list, or say the group is empty
            first = next(iter(context["rows"]), None)
            self.value_label = counting.row_group_label(self.metric, first)
        context["value_label"] = self.value_label
        pick = self.metric.initiative_id
        context["table"] = [(self.metric.link(row), self.metric.cells(row),
                             pick(row) if pick else None) for row in context["rows"]]
        # the staff's list offers the registry's actions over the rows ticked (issue 24)
        context["bulk"] = bool(pick)
        context["bulk_actions"] = jobs.actions_for(self.request.user) if pick else []
        return context
