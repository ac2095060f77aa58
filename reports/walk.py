"""Every page of the portal for the benchmark (``manage.py bench_walk``, ``bench/pages.py``).

The walk goes through the URL resolver as ``tests/test_access_matrix.py`` does: every named
pattern outside the admin site. A pattern with arguments needs a representative object of the
seeded scale, chosen here by the pattern's name: the busiest organisation, the initiative with
the longest history, the network with most events, the meeting with the longest agenda. A
pattern with no picker below is reported as missing (with its name), never silently dropped, so
a page added later shows up in the results until it gets one.

Each page is opened with Django's test client by every demo sign-in (and a guest); those that
answer 200 are the page's viewers, and each is measured.
"""

from dataclasses import dataclass

from django.db.models import Count, Max, Q
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import AuditRecord, User
from expertise.models import Conclusion, Criterion, ReviewForm
from initiatives.enums import EDITABLE_STATES
from initiatives.enums import InitiativeState as S
from initiatives.models import (
    Answer,
    Attachment,
    BulkJob,
    Call,
    Direction,
    Initiative,
    Portfolio,
    Question,
    RegistryImport,
    StrategyGoal,
    WordCardImport,
)
from meetings.enums import MeetingStatus
from meetings.models import AgendaItem, CalendarToken, Meeting, MeetingFormat, NewsItem, WorkPlan
from network.models import (
    EventMaterial,
    MethodicalProduct,
    Network,
    NetworkEvent,
    Organisation,
    ProductFile,
    RuleProposal,
    RulesVersion,
)
from portfolio.models import (
    FinalReport,
    IndicatorActual,
    NationalProject,
    PassportVersion,
    PlanItem,
    ProgressReport,
    ReportingPeriod,
)
from reports.models import GeneratedReport

VIEWERS = ["head", "staff", "expert", "team", None]  # None: a guest
SKIPPED_NAMESPACES = ("admin:",)
# patterns that only take a POST (a GET answers 405 or redirects): not pages
ACTIONS = {
    "accounts:logout", "accounts:person_anonymise", "accounts:person_position",
    "accounts:notifications_read_all", "accounts:notification_read", "set_language",
    "network:join", "network:leave", "network:member_decision", "network:proposal_action",
    "network:event_cancel", "network:event_register", "network:event_attendance",
    "network:event_material_add", "network:event_feedback", "network:product_file_add",
    "network:product_action", "initiatives:autosave", "initiatives:transition",
    "initiatives:team_add", "initiatives:team_delete", "initiatives:indicator_add",
    "initiatives:indicator_delete", "initiatives:attachment_add", "initiatives:attachment_delete",
    "initiatives:plan_add", "initiatives:actual_add", "initiatives:period_add",
    "initiatives:risk_add", "initiatives:problem_add", "initiatives:change_add",
    "initiatives:complete", "initiatives:actual_decide", "initiatives:risk_status",
    "initiatives:problem_status", "initiatives:change_decide", "initiatives:report_decide",
    "initiatives:record_add", "initiatives:review_form_status", "initiatives:criterion_delete",
    "initiatives:assignment_respond", "initiatives:review_autosave", "initiatives:thread_post",
    "initiatives:message_address", "initiatives:message_resolve",
    "initiatives:conclusion_issue", "meetings:status", "meetings:approve",
    "meetings:minutes_build", "meetings:invite", "meetings:agenda_add", "meetings:item_move",
    "meetings:item_delete", "meetings:decision_add", "meetings:decision_delete",
    "meetings:task_done", "meetings:calendar_renew", "meetings:activity_add",
    "meetings:activity_status", "reports:agenda", "reports:approval", "reports:retry",
    "accounts:password_reset_confirm", "initiatives:criterion_move",
    "initiatives:portfolio_action", "initiatives:direction_action", "meetings:format_action",
    "initiatives:strategy_goal_action",
    "accounts:person_second_factor_reset", "accounts:second_factor_codes_renew",
    "accounts:second_factor_disable", "accounts:sessions_end_others",
    "accounts:invitation_renew", "accounts:person_role", "accounts:person_active",
    "network:organisation_archive", "network:organisation_restore", "network:invitation_resend",
    "network:invitation_withdraw", "network:team_member", "initiatives:registry_import_confirm",
    "portfolio:plan_item_add", "portfolio:role_add", "portfolio:role_remove", "portfolio:share",
    "portfolio:forecast", "portfolio:point_done", "portfolio:point_decide",
    "portfolio:agree_report", "portfolio:agree_change",
    "portfolio:passport_main", "portfolio:passport_indicator", "portfolio:passport_result",
    "portfolio:passport_funding", "portfolio:passport_approver", "portfolio:passport_send",
    "portfolio:passport_agree", "portfolio:passport_return", "portfolio:passport_result_remove",
    "calls:extend", "calls:join", "calls:question_add", "calls:questions_copy",
    "calls:question_remove", "calls:answers",
}


@dataclass
class WalkPage:
    name: str
    url: str


def _first(queryset, what):
    pk = queryset.values_list("pk", flat=True).first()
    if pk is None:
        raise LookupError(f"no {what}")
    return pk


def busiest_organisation():
    return _first(Organisation.objects.annotate(n=Count("initiatives")).order_by("-n", "pk"),
                  "organisation")


def longest_history():
    """The initiative with most lines of history."""
    row = (AuditRecord.objects.filter(content_type__app_label="initiatives",
                                      content_type__model="initiative")
           .values("object_id").annotate(n=Count("pk")).order_by("-n", "object_id").first())
    if row is None:
        raise LookupError("no initiative with a history")
    return int(row["object_id"])


def _project():
    return _first(Initiative.objects.filter(state=S.IN_PROGRESS)
                  .annotate(n=Count("reporting_periods")).order_by("-n", "pk"), "project")


def _planned_project():
    """The project in progress with the longest calendar plan."""
    return _first(Initiative.objects.filter(state=S.IN_PROGRESS)
                  .annotate(n=Count("plan_items")).order_by("-n", "pk"), "project with a plan")


def _team_draft():
    return _first(Initiative.objects.filter(
        state__in=EDITABLE_STATES, organisation__memberships__person__username="team")
        .order_by("pk"), "draft of the team")


def _reviewed():
    """An initiative the demo's expert reviews, one under review first."""
    return _first(Initiative.objects.filter(expert_assignments__expert__username="expert")
                  .annotate(now=Count("pk", filter=Q(state=S.UNDER_REVIEW)))
                  .order_by("-now", "pk"), "initiative assigned to the expert")


def _network_slug():
    slug = (Network.objects.annotate(n=Count("events")).order_by("-n", "pk")
            .values_list("slug", flat=True).first())
    if slug is None:
        raise LookupError("no network")
    return slug


def _event():
    return _first(NetworkEvent.objects.annotate(n=Count("registrations")).order_by("-n", "pk"),
                  "event")


def _meeting():
    return _first(Meeting.objects.annotate(n=Count("items")).order_by("-n", "pk"), "meeting")


def _open_meeting():
    """The planned (or held, not yet approved) meeting with the longest agenda."""
    return _first(Meeting.objects.exclude(status=MeetingStatus.MINUTES_APPROVED)
                  .annotate(n=Count("items")).order_by("status", "-n", "pk"), "open meeting")


def _invitation_link():
    raise LookupError("an invitation's link exists only in its letter (the token is kept hashed)")


def _word_card_reading():
    """A Word card read and not yet confirmed (the bench uploads none: missing unless one is)."""
    token = WordCardImport.objects.order_by("pk").values_list("token", flat=True).first()
    if token is None:
        raise LookupError("no Word card reading waits for confirmation")
    return {"token": token}


def _rules_version():
    row = (RulesVersion.objects.values("network__slug").annotate(number=Max("number"))
           .order_by("network__slug").first())
    if row is None:
        raise LookupError("no adopted rules")
    return {"slug": row["network__slug"], "number": row["number"]}


def _proposal():
    proposal = RuleProposal.objects.select_related("network").order_by("pk").first()
    if proposal is None:
        raise LookupError("no rule proposal")
    return {"slug": proposal.network.slug, "pk": proposal.pk}


def _pk(function):
    return lambda: {"pk": function()}


def _final_report_project():
    """A project with a final report (the URL takes the project's pk)."""
    pk = FinalReport.objects.order_by("-pk").values_list("initiative_id", flat=True).first()
    if pk is None:
        raise LookupError("no final report")
    return pk


def _pk_of(queryset, what):
    return lambda: {"pk": _first(queryset(), what)}


PICKERS = {
    "metric": lambda: {"key": "initiatives"},
    "accounts:person": _pk_of(lambda: User.objects.filter(username="team"), "person"),
    "network:organisation": _pk(busiest_organisation),
    "network:organisation_edit": _pk(busiest_organisation),
    "network:team": _pk_of(lambda: Organisation.objects.filter(
        memberships__person__username="team", memberships__is_lead=True).order_by("pk"),
        "organisation led by the demo's team"),
    "accounts:invitation": _invitation_link,
    "network:network": lambda: {"slug": _network_slug()},
    "network:network_edit": lambda: {"slug": _network_slug()},
    "network:rules": lambda: {"slug": _network_slug()},
    "network:calendar": lambda: {"slug": _network_slug()},
    "network:calendar_ics": lambda: {"slug": _network_slug()},
    "network:event_create": lambda: {"slug": _network_slug()},
    "network:proposal_create": lambda: {"slug": _network_slug()},
    "network:rules_version": _rules_version,
    "network:proposal": _proposal,
    "network:event": _pk(_event),
    "network:event_ics": _pk(_event),
    "network:event_edit": _pk(_event),
    "network:event_material": _pk_of(lambda: EventMaterial.objects.order_by("pk"), "material"),
    "network:library_choices": lambda: {"field": "organisation"},
    "network:network_choices": lambda: {"field": "coordinators"},
    "network:invite_choices": lambda: {"field": "organisation"},
    "meetings:choices": lambda: {"field": "initiative"},
    "reports:request_choices": lambda: {"field": "organisation"},
    "network:product": _pk_of(lambda: MethodicalProduct.objects.filter(status="published")
                              .order_by("pk"), "product"),
    "network:product_edit": _pk_of(lambda: MethodicalProduct.objects.filter(
        status="draft").order_by("pk"), "draft product"),
    "network:product_file": _pk_of(lambda: ProductFile.objects.order_by("pk"), "product file"),
    "initiatives:export": lambda: {"fmt": "csv"},
    "calls:detail": _pk_of(lambda: Call.objects.order_by("-closes_at", "pk"), "call"),
    "initiatives:call_expertise": _pk_of(lambda: Call.objects.order_by("-closes_at", "pk"),
                                         "call"),
    "calls:answer_file": _pk_of(lambda: Answer.objects.exclude(file="").order_by("pk"),
                                "file answered to a call's question"),
    "calls:edit": _pk_of(lambda: Call.objects.order_by("-closes_at", "pk"), "call"),
    "calls:question_edit": _pk_of(lambda: Question.objects.filter(is_archived=False)
                                  .order_by("pk"), "question of a call"),
    "initiatives:bulk_export": lambda: {"fmt": "csv"},
    "initiatives:bulk_job": _pk_of(lambda: BulkJob.objects.order_by("-pk"),
                                   "action over many initiatives"),
    "accounts:letter": lambda: {"key": "notification.expert_assigned"},
    "initiatives:registry_import_detail": _pk_of(lambda: RegistryImport.objects.order_by("-pk"),
                                                 "registry import"),
    "initiatives:list_choices": lambda: {"field": "leader"},
    "initiatives:create_choices": lambda: {"field": "organisation"},
    "network:product_choices": lambda: {"field": "network"},
    "initiatives:bulk_assign_choices": lambda: {"field": "experts"},
    "initiatives:call_expertise_choices": lambda: {"field": "experts"},
    "initiatives:portfolio_registry_choices": lambda: {"field": "organisation"},
    "initiatives:detail": _pk(longest_history),
    "initiatives:versions": _pk(longest_history),
    "initiatives:history": _pk(longest_history),
    "initiatives:force": _pk(longest_history),
    "initiatives:edit": _pk(_team_draft),
    "initiatives:wordcard_fill": _pk(_team_draft),
    "initiatives:wordcard_preview": _word_card_reading,
    "initiatives:wordcard_download": _pk(longest_history),
    "initiatives:wordcard_version_download": lambda: {"pk": longest_history(), "number": 1},
    "initiatives:attachment": _pk_of(lambda: Attachment.objects.order_by("pk"), "attachment"),
    "initiatives:monitoring": _pk(_project),
    "portfolio:plan": _pk(_planned_project),
    "portfolio:passport": _pk(_planned_project),
    "portfolio:passport_version": _pk_of(lambda: PassportVersion.objects.order_by("-pk"),
                                         "passport version"),
    "portfolio:passport_pdf": _pk_of(lambda: PassportVersion.objects.order_by("-pk"),
                                     "passport version"),
    "portfolio:passport_docx": _pk_of(lambda: PassportVersion.objects.order_by("-pk"),
                                      "passport version"),
    "portfolio:national_project_edit": _pk_of(lambda: NationalProject.objects.order_by("pk"),
                                              "national project"),
    "portfolio:plan_import": _pk(_planned_project),
    "portfolio:plan_template": _pk(_planned_project),
    "portfolio:plan_item_edit": _pk_of(lambda: PlanItem.objects.filter(
        initiative__state=S.IN_PROGRESS).order_by("pk"), "line of a plan"),
    "portfolio:plan_evidence": _pk_of(lambda: PlanItem.objects.exclude(
        evidence_file="").order_by("pk"), "control point with evidence"),
    "initiatives:actual_evidence": _pk_of(lambda: IndicatorActual.objects.exclude(
        evidence_file="").order_by("pk"), "actual value with evidence"),
    "initiatives:report": _pk_of(lambda: ReportingPeriod.objects.filter(
        initiative__state=S.IN_PROGRESS).order_by("pk"), "reporting period"),
    "initiatives:report_pdf": _pk_of(lambda: ProgressReport.objects.filter(
        status="accepted").order_by("-pk"), "accepted progress report"),
    "initiatives:report_docx": _pk_of(lambda: ProgressReport.objects.filter(
        status="accepted").order_by("-pk"), "accepted progress report"),
    "initiatives:final_report_pdf": lambda: {"pk": _final_report_project()},
    "initiatives:final_report_docx": lambda: {"pk": _final_report_project()},
    "initiatives:portfolio_edit": _pk_of(lambda: Portfolio.objects.order_by("pk"), "portfolio"),
    "initiatives:direction_edit": _pk_of(lambda: Direction.objects.order_by("pk"), "direction"),
    "initiatives:strategy_goal_edit": _pk_of(lambda: StrategyGoal.objects.order_by("pk"),
                                             "strategy goal"),
    "initiatives:organisation_records": _pk(busiest_organisation),
    "initiatives:review_form": _pk_of(lambda: ReviewForm.objects.order_by("-pk"), "review form"),
    "initiatives:review_form_edit": _pk_of(lambda: ReviewForm.objects.order_by("-pk"),
                                           "review form"),
    "initiatives:criterion_edit": _pk_of(lambda: Criterion.objects.order_by("-pk"), "criterion"),
    "meetings:format_edit": _pk_of(lambda: MeetingFormat.objects.order_by("pk"), "meeting format"),
    "initiatives:experts": _pk(_reviewed),
    "initiatives:review": _pk(_reviewed),
    "initiatives:reviews": _pk(_reviewed),
    "initiatives:conclusion": _pk(_reviewed),
    "initiatives:conclusion_pdf": _pk_of(lambda: Conclusion.objects.filter(
        issued_at__isnull=False).order_by("pk"), "issued conclusion"),
    "initiatives:conclusion_docx": _pk_of(lambda: Conclusion.objects.filter(
        issued_at__isnull=False).order_by("pk"), "issued conclusion"),
    "meetings:detail": _pk(_meeting),
    "meetings:edit": _pk(_open_meeting),
    "meetings:minutes_pdf": _pk_of(lambda: Meeting.objects.exclude(minutes_pdf="")
                                   .order_by("-pk"), "meeting with minutes"),
    "meetings:minutes_docx": _pk_of(lambda: Meeting.objects.exclude(minutes_pdf="")
                                    .order_by("-pk"), "meeting with minutes"),
    "meetings:ics": _pk(_meeting),
    "meetings:attendance": _pk(_open_meeting),
    "meetings:reflect": _pk(_meeting),
    "meetings:publish": _pk(_meeting),
    "meetings:item": _pk_of(lambda: AgendaItem.objects.exclude(
        meeting__status=MeetingStatus.MINUTES_APPROVED).order_by("pk"), "open agenda item"),
    "meetings:feed": lambda: {"token": CalendarToken.objects.order_by("pk").values_list(
        "token", flat=True).first() or "missing"},
    "meetings:plan": _pk_of(lambda: WorkPlan.objects.order_by("-pk"), "work plan"),
    "meetings:news": _pk_of(lambda: NewsItem.objects.order_by("-pk"), "news item"),
    "reports:report": _pk_of(lambda: GeneratedReport.objects.filter(status="done")
                             .order_by("pk"), "finished report"),
    "reports:download": _pk_of(lambda: GeneratedReport.objects.filter(status="done")
                               .order_by("pk"), "finished report"),
    "reports:download_xlsx": _pk_of(lambda: GeneratedReport.objects.filter(status="done")
                                    .order_by("pk"), "finished report"),
}


# answers that are files: judged by being streamed, memory flat and time linear with their rows
EXPORT_SUFFIXES = (".xlsx", ".csv", ".ics", ".pdf", ".docx")


def is_export(url):
    path = url.split("?", 1)[0]
    return path.endswith(EXPORT_SUFFIXES) or "/export/" in path


def url_names(patterns=None, prefix=""):
    """Every named URL pattern, namespaced, with whether it takes arguments."""
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            yield from url_names(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{prefix}{p.name}", bool(p.pattern.regex.groupindex)


def pages():
    """(pages, missing): the pages to measure, and {name: why} for those that cannot be."""
    found, missing = [], {}
    for name, has_args in dict(url_names()).items():
        if name.startswith(SKIPPED_NAMESPACES) or name in ACTIONS:
            continue
        if not has_args:
            found.append(WalkPage(name, reverse(name)))
            continue
        picker = PICKERS.get(name)
        if picker is None:
            missing[name] = "no representative object is chosen for it (reports/walk.py)"
            continue
        try:
            found.append(WalkPage(name, reverse(name, kwargs=picker())))
        except LookupError as e:
            missing[name] = str(e)
    return found, missing
